/**
 * `npm run soak -- [--minutes N] [--chaos] [--json] [--seed S] [--run-minutes R] [--switch-every S] [--heap-snapshots DIR]`: a long mixed run. It switches through every
 * strategy (and every child-process mode), cycles the workloads, injects faults (every 50th job exits its unit)
 * and kills a unit as the user's kill button would at every switch. A 30 s warm-up run tours every pairing of the
 * plan; then runs of 2 minutes follow one another, each stopped and the next started, so the host is seen at rest
 * between them (every unit ended, nothing queued, a forced GC): its heap, RSS, descriptors and OS threads there
 * are the verdict (soak-report.ts). During runs it still takes a checkpoint every 15 s and the heap floor of each
 * strategy segment, reported.
 *
 * With `--chaos` a separate process, the chaos monkey (chaos-monkey.ts), also strikes at random, about ten times
 * a minute: SIGKILL to a unit process, SIGSTOP then SIGCONT a few seconds later, and for a thread the user's kill
 * (a thread cannot be signalled from another process); at some switches and at every stop it strikes at once, so
 * blows also fall during drains. The verdict then also holds what chaos-report.ts checks of every blow.
 *
 * Always: every tick and every run's summary keep the accounting invariant (submitted = completed + failed +
 * dropped + cancelled + queued + inFlight), no job is lost (after each stop every job submitted is completed,
 * failed with a reason, dropped or cancelled), and nothing is left alive (units, child processes, OS threads).
 * Exit code 0 only when all of it holds. With `--json` progress goes to stderr and stdout ends with one line
 * `{"type":"soak",...}` (soak-output.ts).
 */
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getHeapCodeStatistics, writeHeapSnapshot } from 'node:v8';
import type { ExitCause, Summary } from '../shared/messages';
import type { ConfigPatch, RunConfig } from '../shared/run-config';
import { SHARED_MEMORY_STRATEGIES, STRATEGIES, WORKLOADS } from '../shared/constants';
import { needsNewUnits } from '../electron/engine/config-change';
import { LabEngine } from '../electron/engine/lab-engine';
import { restMemoryReturn, returnFreedMemory, type MemoryReturned } from '../electron/engine/rest-memory';
import { invariantHolds } from '../electron/engine/testing/harness';
import { hostResources, rssParts } from './host-resources';
import { ChaosDriver } from './soak-chaos';
import { describeRunMemory, FloorTracker, judgeRests, type Checkpoint, type Rest } from './soak-report';
import { jobsLost, soakLine, soakTable, type RunTotals } from './soak-output';

const SIZES = { fib: 24, hash: 5_000, json: 100_000, pixels: 100_000, 'io-wait': 10, 'hash-async': 5_000, 'sab-counter': 100_000 } as const;
/** JIT, pools and caches fill first; memory before this is not a baseline. */
const WARM_UP_MS = 30_000;
const CHECKPOINT_EVERY_MS = 15_000;
/** Each run after the warm-up lasts this long (--run-minutes), then stops: the host is measured at rest between runs. */
const RUN_MS = 120_000;
/** A run shorter than this is not started at the end: the soak ends with the last whole one. */
const SHORTEST_RUN_MS = 20_000;
/** Every this many switches, the monkey strikes at once (during the old strategy's drain). */
const STRIKE_AT_SWITCH_EVERY = 3;
const SETTINGS = { rate: 40, poolSize: 2, fault: 'exit', faultEvery: 50, retry: true, jobTimeoutMs: 5_000, intervalMs: 500 } as const;

const mib = (bytes: number) => (bytes / 1_048_576).toFixed(1);
const returned = ({ releasedBytes, tookMs }: MemoryReturned) => `${releasedBytes === null ? '?' : mib(releasedBytes)} MiB in ${tookMs.toFixed(1)} ms`;
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

interface Options {
  minutes: number;
  switchEveryS: number;
  chaos: boolean;
  json: boolean;
  seed: number;
  runMs: number;
  /** Where to write a heap snapshot at every rest (to find what grows), or null. */
  snapshotsDir: string | null;
}

function parseOptions(): Options | string {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      'switch-every': { type: 'string', default: '15' },
      chaos: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      seed: { type: 'string' },
      'run-minutes': { type: 'string', default: String(RUN_MS / 60_000) },
      'heap-snapshots': { type: 'string' },
    },
  });
  const minutes = Number(values.minutes);
  const switchEveryS = Number(values['switch-every']);
  const runMs = Number(values['run-minutes']) * 60_000;
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!(minutes > 0 && minutes <= 24 * 60)) return `--minutes: a number of minutes above 0 and at most 1440, not ${values.minutes}`;
  if (!(switchEveryS >= 1)) return `--switch-every: seconds, 1 or more, not ${values['switch-every']}`;
  if (!Number.isInteger(seed) || seed < 0) return `--seed: a whole number 0 or more, not ${values.seed}`;
  if (!(runMs >= SHORTEST_RUN_MS)) return `--run-minutes: minutes of each run between two rests, at least ${SHORTEST_RUN_MS / 60_000}, not ${values['run-minutes']}`;
  return { minutes, switchEveryS, chaos: values.chaos, json: values.json, seed, runMs, snapshotsDir: values['heap-snapshots'] ?? null };
}

/** The host's allocator setting, which decides its RSS at rest (scripts/host-env.mjs). */
function allocatorNote(): string {
  const arenas = process.env.MALLOC_ARENA_MAX;
  return (arenas === undefined
    ? 'MALLOC_ARENA_MAX unset (started without scripts/host.mjs: glibc keeps up to 8 arenas a core, RSS at rest grows)'
    : `MALLOC_ARENA_MAX=${arenas}`) + `; freed memory back to the OS at rest: ${restMemoryReturn()}`;
}

/** Waits until `condition` holds or `ms` passed; whether it held. */
async function settle(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

async function main(): Promise<number> {
  const options = parseOptions();
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n`);
    return 2;
  }
  const { minutes, switchEveryS, chaos, json, seed, runMs, snapshotsDir } = options;
  const say = (text: string) => (json ? process.stderr : process.stdout).write(text);
  const totalMs = minutes * 60_000;
  const gc = (globalThis as { gc?: () => void }).gc;
  const engine = new LabEngine();
  // The monkey's IPC channel is a descriptor of the host: it is forked before the host's level is taken.
  const monkey = chaos ? ChaosDriver.start(engine, seed) : null;
  const except = monkey ? [monkey.pid] : [];
  // Node's own libuv pool starts on first use; start it now so the level already has it.
  await stat('.');
  const level = hostResources(except);
  const floors = new FloorTracker();
  const checkpoints: Checkpoint[] = [];
  const rests: Rest[] = [];
  const runs: RunTotals[] = [];
  /** Exits the lab did not plan, by the cause the engine gave them. */
  const exits = new Map<ExitCause, number>();
  /** What the crashes said, so a count of them comes with its why. */
  const crashes = new Map<string, number>();
  let brokenTicks = 0;
  let lastQueued = 0;
  /** The summary of the run that stopped last (the engine's last message of a run). */
  const last: { summary: Summary | null } = { summary: null };
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  engine.onMessage((m) => {
    monkey?.observe(m);
    if (m.type === 'tick') {
      lastQueued = m.jobs.queued;
      // The lab's own host always has a heap; only an attached run's may lack one (HostSample.heapUsed).
      if (m.host.heapUsed !== null) floors.add({ atMs: elapsed(), strategy: m.strategy, heapUsed: m.host.heapUsed, queued: m.jobs.queued });
      if (!invariantHolds(m.jobs)) brokenTicks++;
    } else if (m.type === 'summary') last.summary = m;
    else if (m.event === 'unit-exited' && !m.voluntary) {
      exits.set(m.cause, (exits.get(m.cause) ?? 0) + 1);
      if (m.cause === 'crash') crashes.set(`${m.kind} ${m.detail ?? ''}`, (crashes.get(`${m.kind} ${m.detail ?? ''}`) ?? 0) + 1);
    }
  });

  const plan = buildPlan();
  let step = 0;
  let switches = 0;
  say(
    `soak: ${minutes} min${chaos ? `, chaos from outside (seed ${seed})` : ''}, switching every ${switchEveryS} s with crash injection, ` +
      `runs of ${runMs / 60_000} min after a ${WARM_UP_MS / 1000} s warm-up; the host measured at rest after every stop` +
      `${gc ? ' (forced GC first)' : ' (no --expose-gc: rests include garbage)'}; ${allocatorNote()}\n`,
  );

  /** One configure; tells the monkey's driver when it put a new strategy in charge. */
  const configure = async (patch: ConfigPatch) => {
    const before: RunConfig = { ...(engine.getState() as { config: RunConfig }).config };
    const askedAt = performance.now();
    const result = await engine.configure(patch);
    if (result.ok && 'config' in result && needsNewUnits(before, result.config)) {
      monkey?.switched(askedAt, result.config);
      switches++;
      if (monkey && switches % STRIKE_AT_SWITCH_EVERY === 0) monkey.strikeNow();
    }
  };

  /** Stops the run, waits for everything to end, and measures the host at rest. */
  const stopAndRest = async (run: number) => {
    monkey?.stopAsked();
    const stopping = engine.stop();
    monkey?.strikeNow();
    await stopping;
    monkey?.stopped();
    const s = last.summary;
    last.summary = null;
    runs.push({ run, summary: s, lost: jobsLost(s) });
    await settle(() => engine.liveUnits() === 0 && hostResources(except).processes === 0, 15_000);
    // Worker threads end a moment after their exit event (their OS thread joins): wait for the level, within reason.
    await settle(() => (hostResources(except).threads ?? 0) <= (level.threads ?? 0), 10_000);
    gc?.();
    gc?.();
    // The stop gave back what the run freed (rest-memory.ts); the forced GC above freed more (array buffers V8
    // still held), which the lab's next stop would give back: give it back now, as that stop would.
    const atStop = engine.memoryReturnedAtLastStop();
    const afterGc = returnFreedMemory();
    const memory = process.memoryUsage();
    const resources = hostResources(except);
    const parts = rssParts();
    const { code_and_metadata_size: code, bytecode_and_metadata_size: bytecode } = getHeapCodeStatistics();
    rests.push({ atMs: elapsed(), heapUsed: memory.heapUsed, rss: memory.rss, fds: resources.fds, threads: resources.threads, parts, code: code + bytecode });
    if (snapshotsDir) writeHeapSnapshot(join(snapshotsDir, `soak-rest-${run}.heapsnapshot`));
    say(
      `  ${(elapsed() / 60_000).toFixed(1)} min: run ${run} stopped (${s?.jobs.submitted ?? 0} jobs, ${jobsLost(s)} lost); at rest heap ${mib(memory.heapUsed)} MiB (V8's code ${mib(code + bytecode)}), ` +
        `rss ${mib(memory.rss)} MiB${parts ? ` (anon ${mib(parts.anon)}: V8 heap ${mib(parts.v8Heap)}, native ${mib(parts.native)}; file ${mib(parts.file)})` : ''}, ` +
        `${resources.fds ?? '-'} descriptors, ${resources.threads ?? '-'} OS threads, ${resources.processes} child processes` +
        `${atStop ? `; freed memory returned: ${returned(atStop)} at the stop, ${afterGc ? returned(afterGc) : '-'} after the GC` : ''}\n`,
    );
  };

  // Warm-up: a quick tour of every strategy x workload x child mode of the plan. Each new pairing compiles code
  // and fills caches (V8 keeps optimised code and feedback in the heap), which otherwise would come in over the
  // first minutes and read as growth.
  await engine.start({ ...plan[0], ...SETTINGS });
  monkey?.runStarted((engine.getState() as { config: RunConfig }).config);
  const warmUpMs = Math.min(WARM_UP_MS, totalMs);
  for (const patch of plan.slice(1)) {
    if (elapsed() >= warmUpMs) break;
    await configure(patch);
    await sleep(warmUpMs / plan.length);
  }
  await stopAndRest(0);

  for (let run = 1; totalMs - elapsed() >= SHORTEST_RUN_MS; run++) {
    const runEndsAt = Math.min(elapsed() + runMs, totalMs);
    await engine.start(plan[step]);
    monkey?.runStarted((engine.getState() as { config: RunConfig }).config);
    let nextSwitchMs = elapsed() + switchEveryS * 1000;
    let nextCheckpointMs = elapsed() + CHECKPOINT_EVERY_MS;
    for (;;) {
      const wait = Math.min(nextSwitchMs, nextCheckpointMs, runEndsAt) - elapsed();
      if (wait > 0) await sleep(wait);
      if (elapsed() >= runEndsAt) break;
      // A checkpoint due with a switch is taken first, so it measures a strategy that has run a while.
      if (elapsed() >= nextCheckpointMs) {
        gc?.();
        const memory = process.memoryUsage();
        checkpoints.push({ atMs: elapsed(), heapUsed: memory.heapUsed, rss: memory.rss, strategy: plan[step].strategy, threads: hostResources(except).threads });
        nextCheckpointMs += CHECKPOINT_EVERY_MS;
      }
      if (elapsed() >= nextSwitchMs) {
        // The user's kill of the first live unit, then the next pairing of the plan.
        await engine.crash();
        step = (step + 1) % plan.length;
        await configure(plan[step]);
        nextSwitchMs += switchEveryS * 1000;
        say(`  ${(elapsed() / 60_000).toFixed(1)} min: ${plan[step].strategy} / ${plan[step].workload}, queue ${lastQueued}, units alive ${engine.liveUnits()}\n`);
      }
    }
    await stopAndRest(run);
  }

  const chaosVerdict = monkey ? await monkey.end(SETTINGS.jobTimeoutMs) : null;
  const end = hostResources();
  const restVerdict = judgeRests(rests, { fds: level.fds, threads: level.threads });
  const result = {
    minutes,
    seed: chaos ? seed : null,
    runs,
    brokenTicks,
    exits: Object.fromEntries(exits) as Partial<Record<ExitCause, number>>,
    crashes: Object.fromEntries(crashes),
    unitsAlive: engine.liveUnits(),
    processesLeft: end.processes,
    threadsLeft: level.threads === null || end.threads === null ? null : Math.max(0, end.threads - level.threads),
    level,
    rests,
    restVerdict,
    chaos: chaosVerdict,
    runMemory: describeRunMemory(checkpoints, floors.segments(), WARM_UP_MS),
  };
  const line = soakLine(result);
  say(soakTable(result, line));
  if (json) process.stdout.write(`${JSON.stringify(line)}\n`);
  return line.ok ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
