/**
 * `npm run bench`: measures what the lab itself costs, each figure side by side with its baseline in one run
 * (these machines are shared and noisy: only ratios measured together mean something).
 *  1. metrics overhead: throughput with sampling on / off (aim >= 0.98);
 *  2. pool scaling: worker-pool throughput against the same work on raw worker_threads (aim >= 0.95);
 *  3. dispatch cost of a tiny job through the pool against a raw postMessage round trip;
 *  4. startup of a worker thread against a forked process.
 * Rounds alternate A/B so drift on the machine hits both sides alike.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { LabEngine } from '../electron/engine/lab-engine';
import { childEnv } from '../electron/engine/child-env';
import { ENTRY_PATHS } from '../electron/engine/entry-paths';
import { unitSettings } from '../electron/engine/unit-options';
import type { Summary } from '../shared/messages';
import { defaultConfig, type RunConfig } from '../shared/run-config';

const RAW_WORKER = join(__dirname, '..', 'workloads', 'raw-echo.worker.js');
const ROUNDS = 5;
const SECONDS = 3;
const FIB_N = 30;
const POOL = 2;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Completed jobs per second of the engine under a closed loop. */
async function engineThroughput(config: Partial<RunConfig>, sampling: boolean): Promise<number> {
  const engine = new LabEngine({ sampling });
  let summary: Summary | null = null;
  engine.onMessage((m) => {
    if (m.type === 'summary') summary = m;
  });
  await engine.start({ loadMode: 'closed', concurrency: POOL, poolSize: POOL, workload: 'fib', size: FIB_N, ...config });
  // Let the units start and warm up before counting.
  await new Promise((r) => setTimeout(r, 500));
  const before = (engine as unknown as { ledger: { completed: number } }).ledger.completed;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const after = (engine as unknown as { ledger: { completed: number } }).ledger.completed;
  const seconds = (performance.now() - t0) / 1000;
  await engine.stop();
  void summary;
  return (after - before) / seconds;
}

/** The same closed loop on raw worker_threads: POOL workers, each always busy with fib(FIB_N). */
async function rawThroughput(): Promise<number> {
  const workers = Array.from({ length: POOL }, () => new Worker(RAW_WORKER));
  await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  let completed = 0;
  let counting = false;
  let running = true;
  let id = 0;
  for (const worker of workers) {
    worker.on('message', () => {
      if (counting) completed++;
      if (running) worker.postMessage({ id: id++, n: FIB_N });
    });
    worker.postMessage({ id: id++, n: FIB_N });
  }
  await new Promise((r) => setTimeout(r, 500));
  counting = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  counting = false;
  const seconds = (performance.now() - t0) / 1000;
  running = false;
  await Promise.all(workers.map((w) => w.terminate()));
  return completed / seconds;
}

/** Mean round trip of a tiny job, sequential, in µs: through piscina, through the engine, raw postMessage. */
async function dispatchCosts(count: number): Promise<{ raw: number; piscina: number; engine: number }> {
  const worker = new Worker(RAW_WORKER);
  await new Promise((r) => worker.once('message', r));
  const roundTrip = (i: number) =>
    new Promise<void>((resolve) => {
      worker.once('message', () => resolve());
      worker.postMessage({ id: i, n: 1 });
    });
  for (let i = 0; i < 500; i++) await roundTrip(i);
  let t0 = performance.now();
  for (let i = 0; i < count; i++) await roundTrip(i);
  const raw = ((performance.now() - t0) * 1000) / count;
  await worker.terminate();

  const pool = new Piscina({ filename: ENTRY_PATHS.poolWorker, minThreads: 1, maxThreads: 1, idleTimeout: Infinity, atomics: 'disabled', workerData: unitSettings(defaultConfig(), false) });
  const job = { id: 0, workload: 'fib', size: 1, payloadMode: 'clone' };
  for (let i = 0; i < 500; i++) await pool.run(job);
  t0 = performance.now();
  for (let i = 0; i < count; i++) await pool.run(job);
  const piscina = ((performance.now() - t0) * 1000) / count;
  await pool.destroy();

  const engine = new LabEngine({ sampling: false });
  await engine.start({ strategy: 'worker-pool', loadMode: 'closed', concurrency: 1, poolSize: 1, workload: 'fib', size: 1 });
  await new Promise((r) => setTimeout(r, 500));
  const ledger = (engine as unknown as { ledger: { completed: number } }).ledger;
  const c0 = ledger.completed;
  t0 = performance.now();
  await new Promise((r) => setTimeout(r, 1_500));
  const perJob = ((performance.now() - t0) * 1000) / (ledger.completed - c0);
  await engine.stop();
  return { raw, piscina, engine: perJob };
}

/** Median time from creation to the first message: a worker thread and a forked process, same entry kind. */
async function startupTimes(count: number): Promise<{ worker: number; fork: number }> {
  const workerTimes: number[] = [];
  const forkTimes: number[] = [];
  for (let i = 0; i < count; i++) {
    let t0 = performance.now();
    const worker = new Worker(RAW_WORKER);
    await new Promise((r) => worker.once('message', r));
    workerTimes.push(performance.now() - t0);
    await worker.terminate();

    t0 = performance.now();
    const child = fork(ENTRY_PATHS.forkChild, [], { env: childEnv(unitSettings(defaultConfig(), false)), serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    await new Promise((r) => child.once('message', r));
    forkTimes.push(performance.now() - t0);
    child.disconnect();
    await new Promise((r) => child.once('exit', r));
  }
  return { worker: median(workerTimes), fork: median(forkTimes) };
}

async function main(): Promise<void> {
  const line = (label: string, text: string) => console.log(`${label.padEnd(34)} ${text}`);
  console.log(`Node Concurrency Lab benchmark (Node ${process.version}, fib(${FIB_N}), pool of ${POOL}, ${ROUNDS} rounds of ${SECONDS} s, A/B alternating)\n`);

  const on: number[] = [];
  const off: number[] = [];
  const pool: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    off.push(await engineThroughput({ strategy: 'worker-pool' }, false));
    on.push(await engineThroughput({ strategy: 'worker-pool' }, true));
    raw.push(await rawThroughput());
    pool.push(await engineThroughput({ strategy: 'worker-pool' }, false));
  }
  line('metrics overhead (on / off)', `${(sum(on) / sum(off)).toFixed(3)}   on ${(sum(on) / ROUNDS).toFixed(1)} jobs/s, off ${(sum(off) / ROUNDS).toFixed(1)} jobs/s (aim >= 0.98)`);
  line('pool scaling (pool / raw threads)', `${(sum(pool) / sum(raw)).toFixed(3)}   worker-pool ${(sum(pool) / ROUNDS).toFixed(1)} jobs/s, raw worker_threads ${(sum(raw) / ROUNDS).toFixed(1)} jobs/s (aim >= 0.95)`);

  const dispatch = await dispatchCosts(5_000);
  line('tiny job round trip', `raw postMessage ${dispatch.raw.toFixed(1)} µs, piscina ${dispatch.piscina.toFixed(1)} µs (x${(dispatch.piscina / dispatch.raw).toFixed(2)}), through the engine ${dispatch.engine.toFixed(1)} µs (x${(dispatch.engine / dispatch.raw).toFixed(2)})`);

  const startup = await startupTimes(10);
  line('startup to first message', `worker thread ${startup.worker.toFixed(1)} ms, forked process ${startup.fork.toFixed(1)} ms (fork / worker x${(startup.fork / startup.worker).toFixed(2)})`);
}

main().catch((error: Error) => {
  console.error(error);
  process.exitCode = 1;
});
