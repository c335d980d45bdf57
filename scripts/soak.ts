/**
 * `npm run soak -- --minutes N`: a long mixed run. It switches through every strategy (and every child-process
 * mode), cycles the workloads, injects faults (every 50th job exits its unit) and crashes a unit from outside
 * at every switch. After a 30 s warm-up (a quick tour of every pairing in the plan) it takes a checkpoint every 15 s (a forced GC, then the host's memory),
 * and it keeps the host's heapUsed of every tick to find each strategy segment's floor. At the end it reports
 * the heap's slope and change over the checkpoints, the floors, and how many threads and processes are still
 * alive (the lab promises none; OS threads are counted too, since an orphan worker thread is known to no
 * engine structure), and the ticks that broke the accounting invariant (submitted = completed + failed + dropped
 * + cancelled + queued + inFlight). Exit code 1 when, on a run long enough to judge, the heap after GC or a
 * strategy's floor grew by more than 10%, when a tick or the summary broke the invariant, or when anything is
 * left alive. The memory verdict is in soak-report.ts.
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ExitCause, Summary } from '../shared/messages';
import type { ConfigPatch } from '../shared/run-config';
import { SHARED_MEMORY_STRATEGIES, STRATEGIES, WORKLOADS } from '../shared/constants';
import { LabEngine } from '../electron/engine/lab-engine';
import { descendants, invariantHolds, osThreadCount } from '../electron/engine/testing/harness';
import { judgeMemory, type Checkpoint, type HeapSample, segmentFloors } from './soak-report';

const SIZES = { fib: 24, hash: 5_000, json: 100_000, pixels: 100_000, 'io-wait': 10, 'hash-async': 5_000, 'sab-counter': 100_000 } as const;
/** JIT, pools and caches fill first; memory before this is not a baseline. */
const WARM_UP_MS = 30_000;
const CHECKPOINT_EVERY_MS = 15_000;

const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The soak's plan: every strategy meets every workload and every child mode. */
function buildPlan(): ConfigPatch[] {
  const plan: ConfigPatch[] = [];
  for (let i = 0; plan.length < 40; i++) {
    const strategy = STRATEGIES[i % STRATEGIES.length];
    // Offset by the cycle, so every strategy meets every workload over five cycles.
    const candidate = WORKLOADS[(i + Math.floor(i / STRATEGIES.length)) % WORKLOADS.length];
    // Shared memory exists only between threads: elsewhere the counter's slot runs the async hash instead.
    const workload = candidate === 'sab-counter' && !SHARED_MEMORY_STRATEGIES.includes(strategy) ? 'hash-async' : candidate;
    plan.push({ strategy, workload, size: SIZES[workload], childMode: (['fork', 'spawn', 'exec'] as const)[Math.floor(i / 5) % 3] });
  }
  return plan;
}

/** The most frequent failure reasons, so a count of failures comes with its why. */
function failureLines(summary: Summary | null): string[] {
  const top = Object.entries(summary?.failures ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 6);
  return top.map(([reason, count]) => `  ${String(count).padStart(6)} failed: ${reason}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, 'switch-every': { type: 'string', default: '15' } } });
  const minutes = Number(values.minutes);
  const switchEveryS = Number(values['switch-every']);
  if (!(minutes > 0 && minutes <= 24 * 60) || !(switchEveryS >= 1)) {
    process.stderr.write('--minutes: a number of minutes between 0 and 1440; --switch-every: seconds >= 1\n');
    return 2;
  }
  const totalMs = minutes * 60_000;
  const gc = (globalThis as { gc?: () => void }).gc;
  // Node's own libuv pool starts on first use; start it now so the thread baseline already has it.
  await stat('.');
  const threadsBefore = osThreadCount();
  const engine = new LabEngine();
  const samples: HeapSample[] = [];
  const checkpoints: Checkpoint[] = [];
  let summary: Summary | null = null;
  /** Exits the lab did not plan, by the cause the engine gave them (crash, injected, timeout, killed). */
  const exits = new Map<ExitCause, number>();
  let brokenTicks = 0;
  let started = Date.now();
  const elapsed = () => Date.now() - started;
  engine.onMessage((m) => {
    if (m.type === 'tick') {
      // The lab's own host always has a heap; only an attached run's may lack one (HostSample.heapUsed).
      if (m.host.heapUsed !== null) samples.push({ atMs: elapsed(), strategy: m.strategy, heapUsed: m.host.heapUsed });
      if (!invariantHolds(m.jobs)) brokenTicks++;
    } else if (m.type === 'summary') summary = m;
    else if (m.event === 'unit-exited' && !m.voluntary) exits.set(m.cause, (exits.get(m.cause) ?? 0) + 1);
  });

  const plan = buildPlan();
  await engine.start({ ...plan[0], rate: 40, poolSize: 2, fault: 'exit', faultEvery: 50, retry: true, jobTimeoutMs: 5_000, intervalMs: 500 });
  started = Date.now();
  process.stdout.write(
    `soak: ${minutes} min, switching every ${switchEveryS} s with crash injection; ` +
      `a checkpoint every ${CHECKPOINT_EVERY_MS / 1000} s after ${WARM_UP_MS / 1000} s${gc ? ' (forced GC first)' : ' (no --expose-gc: checkpoints include garbage)'}\n`,
  );
  // The warm-up tours every strategy x workload x child mode of the plan once, briefly: each new pairing compiles
  // code and fills caches (V8 keeps optimised code and feedback in the heap), which otherwise would come in over
  // the first seven minutes of 15 s segments and read as growth (+2 MiB, then flat, in a 10-minute soak).
  for (const patch of plan) {
    if (elapsed() >= Math.min(WARM_UP_MS, totalMs)) break;
    await engine.configure(patch);
    await sleep(WARM_UP_MS / plan.length);
  }
  let step = 0;
  await engine.configure(plan[0]);
  let nextSwitchMs = Math.max(elapsed(), WARM_UP_MS) + switchEveryS * 1000;
  let nextCheckpointMs = WARM_UP_MS;
  for (;;) {
    const wait = Math.min(nextSwitchMs, nextCheckpointMs, totalMs) - elapsed();
    if (wait > 0) await sleep(wait);
    // A checkpoint due with a switch is taken first, so it measures a strategy that has run a while.
    if (elapsed() >= nextCheckpointMs && nextCheckpointMs <= totalMs) {
      gc?.();
      const memory = process.memoryUsage();
      checkpoints.push({ atMs: elapsed(), heapUsed: memory.heapUsed, rss: memory.rss });
      nextCheckpointMs += CHECKPOINT_EVERY_MS;
    }
    if (elapsed() >= totalMs) break;
    if (elapsed() >= nextSwitchMs) {
      await engine.crash();
      step = (step + 1) % plan.length;
      await engine.configure(plan[step]);
      nextSwitchMs += switchEveryS * 1000;
      const last = checkpoints.at(-1);
      process.stdout.write(
        `  ${(elapsed() / 60_000).toFixed(1)} min: ${plan[step].strategy} / ${plan[step].workload}, ` +
          `last checkpoint ${last ? `heap ${mib(last.heapUsed)}, rss ${mib(last.rss)}` : 'none yet'}, units alive ${engine.liveUnits()}\n`,
      );
    }
  }
  await engine.stop();
  await sleep(1_000);

  const s = summary as Summary | null;
  const verdict = judgeMemory(checkpoints, segmentFloors(samples), WARM_UP_MS);
  const processes = descendants(process.pid).length;
  // Threads the engine no longer knows of still show here (an orphan worker thread keeps running and sampling).
  const extraThreads = threadsBefore === null ? null : (osThreadCount() ?? 0) - threadsBefore;
  const exitWords = [...exits].map(([cause, count]) => `${count} ${cause}`).join(', ') || 'none';
  const summaryHolds = s !== null && invariantHolds(s.jobs);
  process.stdout.write(
    `\nsoak done: ${s?.jobs.completed ?? 0} completed, ${s?.jobs.failed ?? 0} failed, ${s?.jobs.cancelled ?? 0} cancelled at the stop, ${s?.jobs.retried ?? 0} retried, ${s?.jobs.dropped ?? 0} dropped; ` +
      `${s?.switches ?? 0} switches, unplanned exits: ${exitWords}; ${s?.unitsStarted ?? 0} units started, ${s?.unitsExited ?? 0} exited\n` +
      `accounting invariant: ${brokenTicks === 0 && summaryHolds ? 'held in every tick and the summary' : `broken in ${brokenTicks} ticks${summaryHolds ? '' : ' and the summary'}`}\n` +
      failureLines(s).join('') +
      verdict.lines.map((line) => `${line}\n`).join('') +
      `alive at the end: ${engine.liveUnits()} threads and processes of the engine, ${processes} child processes of this host, ` +
      `${extraThreads === null ? 'OS threads not counted here (no /proc)' : `${extraThreads} OS threads more than before the run`}\n`,
  );
  return verdict.ok && brokenTicks === 0 && summaryHolds && engine.liveUnits() === 0 && processes === 0 && (extraThreads ?? 0) <= 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
