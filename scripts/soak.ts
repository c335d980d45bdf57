/**
 * `npm run soak -- --minutes N`: a long mixed run. It switches through every strategy (and every child-process
 * mode), cycles the workloads, injects faults (every 50th job exits its unit) and crashes a unit from outside
 * between switches. At the end it reports the host's memory growth after warm-up and how many threads and
 * processes are still alive (the lab promises none). Exit code 1 when growth >= 10% or anything is left.
 */
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import type { Summary, Tick } from '../shared/messages';
import type { ConfigPatch } from '../shared/run-config';
import { STRATEGIES, WORKLOADS } from '../shared/constants';
import { LabEngine } from '../electron/engine/lab-engine';

const SIZES = { fib: 24, hash: 5_000, json: 100_000, pixels: 100_000, 'io-wait': 10 } as const;

function descendantCount(): number {
  const rows = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,comm='], { encoding: 'utf8' }).trim().split('\n').map((l) => l.trim().split(/\s+/));
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid, comm] of rows) {
      if (comm !== 'ps' && mine.has(Number(ppid)) && !mine.has(Number(pid))) {
        mine.add(Number(pid));
        grew = true;
      }
    }
  }
  return mine.size - 1;
}

const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, 'switch-every': { type: 'string', default: '15' } } });
  const minutes = Number(values.minutes);
  const switchEveryS = Number(values['switch-every']);
  if (!(minutes > 0 && minutes <= 24 * 60) || !(switchEveryS >= 1)) {
    process.stderr.write('--minutes: a number of minutes between 0 and 1440; --switch-every: seconds >= 1\n');
    return 2;
  }
  const totalMs = minutes * 60_000;
  const engine = new LabEngine();
  const ticks: Array<Pick<Tick, 't'> & { rss: number }> = [];
  const checkpoints: Array<{ atMs: number; rss: number; heapUsed: number }> = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  let summary: Summary | null = null;
  let crashes = 0;
  engine.onMessage((m) => {
    if (m.type === 'tick') ticks.push({ t: m.t, rss: m.host.rss ?? 0 });
    else if (m.type === 'summary') summary = m;
    else if (m.event === 'unit-exited' && !m.voluntary) crashes++;
  });

  const plan: ConfigPatch[] = [];
  for (let i = 0; plan.length < 40; i++) {
    const strategy = STRATEGIES[i % STRATEGIES.length];
    // Offset by the cycle, so every strategy meets every workload over five cycles.
    const workload = WORKLOADS[(i + Math.floor(i / STRATEGIES.length)) % WORKLOADS.length];
    plan.push({ strategy, workload, size: SIZES[workload], childMode: (['fork', 'spawn', 'exec'] as const)[Math.floor(i / 5) % 3] });
  }
  await engine.start({ ...plan[0], rate: 40, poolSize: 2, fault: 'exit', faultEvery: 50, retry: true, jobTimeoutMs: 5_000, intervalMs: 500 });
  const started = Date.now();
  let step = 0;
  process.stdout.write(`soak: ${minutes} min, switching every ${switchEveryS} s with crash injection\n`);
  while (Date.now() - started < totalMs) {
    await new Promise((r) => setTimeout(r, Math.min(switchEveryS * 1000, totalMs - (Date.now() - started))));
    if (Date.now() - started >= totalMs) break;
    await engine.crash();
    step = (step + 1) % plan.length;
    await engine.configure(plan[step]);
    if (plan[step].strategy === 'main-thread') {
      // Let the old strategy drain and its threads end, then measure the host alone.
      await new Promise((r) => setTimeout(r, Math.min(5_000, switchEveryS * 500)));
      gc?.();
      const memory = process.memoryUsage();
      checkpoints.push({ atMs: Date.now() - started, rss: memory.rss, heapUsed: memory.heapUsed });
    }
    const last = ticks.at(-1);
    process.stdout.write(`  ${((Date.now() - started) / 60_000).toFixed(1)} min: ${plan[step].strategy} / ${plan[step].workload}, host rss ${mib(last?.rss ?? 0)}, units alive ${engine.liveUnits()}\n`);
  }
  await engine.stop();
  await new Promise((r) => setTimeout(r, 1_000));

  const s = summary as Summary | null;
  // Warm-up: the first fifth of the run (JIT, pools, caches); the first checkpoint after it is the baseline.
  const settled = checkpoints.filter((c) => c.atMs >= totalMs * 0.2);
  const warmPoint = settled[0] ?? checkpoints[0];
  const endPoint = checkpoints.at(-1);
  const warm = warmPoint?.rss ?? 0;
  const end = endPoint?.rss ?? 0;
  const growth = warm > 0 && warmPoint !== endPoint ? (end - warm) / warm : 0;
  const heapGrowth = warmPoint && endPoint && warmPoint !== endPoint ? (endPoint.heapUsed - warmPoint.heapUsed) / warmPoint.heapUsed : 0;
  const processes = descendantCount();
  process.stdout.write(
    `\nsoak done: ${s?.jobs.completed ?? 0} completed, ${s?.jobs.failed ?? 0} failed, ${s?.jobs.retried ?? 0} retried, ${s?.jobs.dropped ?? 0} dropped; ` +
      `${s?.switches ?? 0} switches, ${crashes} crashes and kills, ${s?.unitsStarted ?? 0} units started, ${s?.unitsExited ?? 0} exited\n` +
      `host rss after warm-up ${mib(warm)}, at the end ${mib(end)}: growth ${(growth * 100).toFixed(1)}% (limit 10%); ` +
      `heap used ${mib(warmPoint?.heapUsed ?? 0)} -> ${mib(endPoint?.heapUsed ?? 0)} (${(heapGrowth * 100).toFixed(1)}%), ` +
      `${checkpoints.length} checkpoints${gc ? ' after forced GC' : ' (run with --expose-gc for steadier figures)'}\n` +
      `alive at the end: ${engine.liveUnits()} threads and processes of the engine, ${processes} child processes of this host\n`,
  );
  return growth < 0.1 && engine.liveUnits() === 0 && processes === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
