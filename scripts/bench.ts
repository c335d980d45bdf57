/**
 * `npm run bench [-- --quick]`: measures what the lab itself costs, each figure side by side with its baseline in
 * one run (these machines are shared and noisy: only ratios measured together mean something).
 *  1. metrics overhead: closed-loop throughput and CPU per job with sampling on / off, at pool 2, 16 and 64, for
 *     worker-pool and child-process (fork), in alternating windows of one run (aim >= 0.98 everywhere,
 *     bench-overhead.ts, bench-ratio.ts);
 *  2. switching at pool 2, 16 and 64: the strategy-switched event's firstReadyMs and readyMs and the host's loop
 *     delay during the switch, beside starting as many raw threads (new Worker) or processes (fork) outside
 *     the engine (time to the first message of the first and of the last one, and the host's delay meanwhile);
 *  3. pool scaling: worker-pool throughput against the same work on raw worker_threads (aim >= 0.95);
 *  4. dispatch cost of a tiny job through the pool and the engine against a raw postMessage round trip;
 *  5. agent overhead: HTTP requests/s of an app with the attach agent against the same app without it, in
 *     alternating windows, a one-process server and the cluster example (aim >= 0.98, bench-agent.ts).
 * A/B rounds alternate (A B, B A, ...) so drift on the machine hits both sides alike; each ratio comes with the
 * range of its rounds, which on a shared machine is the honest error bar. About 15 minutes with the default 2
 * rounds (`--rounds N` for more: 15 overhead pairs each), of which 5 takes about 3; `--quick` runs one short
 * round of each, a smoke test; `--only 1,2` (or by name: `--only agent`) runs those parts alone.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { RAW_WORKER, rawStart, rawThroughput } from './bench-raw';
import { agentOverhead } from './bench-agent';
import { completed, isSwitch, line, nextMessage, sum } from './bench-engine';
import { metricsOverhead } from './bench-overhead';
import { alternate } from './bench-ratio';
import { partsToRun } from './bench-parts';
import { ENTRY_PATHS } from '../electron/engine/entry-paths';
import { LabEngine } from '../electron/engine/lab-engine';
import { unitSettings } from '../electron/engine/probes/unit-options';
import type { StrategyName } from '../shared/constants';
import type { Tick } from '../shared/messages';
import { median } from '../shared/percentiles';
import { defaultConfig, type ConfigPatch } from '../shared/run-config';

const { values: options } = parseArgs({ options: { quick: { type: 'boolean', default: false }, rounds: { type: 'string', default: '2' }, only: { type: 'string', default: '1,2,3,4,5' } } });
const QUICK = options.quick === true;
/** A/B rounds of the overhead, switching and scaling figures; more on a quiet machine, when there is time. */
const ROUNDS = QUICK ? 1 : Math.max(1, Math.floor(Number(options.rounds)) || 2);

/** fib 27: about 1.5 ms a job, short enough that per-job and per-interval costs of measuring show. */
const OVERHEAD_FIB = 27;
const OVERHEAD_POOLS = [2, 16, 64];
/** One window of the overhead's pairs, and the pause after each switch of sampling before it is measured. */
const OVERHEAD_WINDOW_MS = QUICK ? 500 : 1_000;
const OVERHEAD_SETTLE_MS = 250;
/**
 * Pairs per strategy and pool size: a pair's ratio varies by 3-6 % here, now and then by 15 %, so 30 pairs give
 * an interval of about +-1 % (bench-ratio.ts).
 */
const OVERHEAD_PAIRS = QUICK ? 3 : 15 * ROUNDS;
/** What sampling may cost: at most 2 % of throughput. */
const OVERHEAD_AIM = 0.98;
/** Switching at 64 too: the host must keep ticking (no tick gap over two intervals) even at the largest pool. */
const SWITCH_POOLS = [2, 16, 64];
/**
 * The agent's pairs: shorter windows than the sampling's (two and a half of the agent's 200 ms intervals each),
 * and more of them. Here a burst of another tenant lasts longer than a window, so short neighbouring windows
 * see the same machine more often: 100 pairs of 0.25 s gave an interval a third as wide as 15 pairs of 1 s.
 * The settle only lets the other copy's last 16 requests drain: nothing has to hear of the switch.
 */
const AGENT_WINDOW_MS = QUICK ? 250 : 500;
const AGENT_SETTLE_MS = 50;
const AGENT_PAIRS = QUICK ? 5 : 30 * ROUNDS;
const SCALING_FIB = 30;
const SCALING_POOL = 2;
const SCALING_MEASURE_MS = QUICK ? 1_000 : 2_000;
const WARMUP_MS = 500;

const ms = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(0)} ms`);
/** One decimal, for a median that may not exist (no rounds). */
const ms1 = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(1)} ms`);

/** Completed jobs per second of the engine, sampling off, under a closed loop, counted once every unit is ready and warm. */
async function engineThroughput(config: ConfigPatch, measureMs: number): Promise<number> {
  const engine = new LabEngine({ sampling: false });
  const ready = nextMessage(engine, isSwitch, `${config.strategy} ready`);
  await engine.start({ loadMode: 'closed', workload: 'fib', ...config });
  await ready;
  await sleep(WARMUP_MS);
  const before = completed(engine);
  const t0 = performance.now();
  await sleep(measureMs);
  const rate = ((completed(engine) - before) * 1000) / (performance.now() - t0);
  await engine.stop();
  return rate;
}

interface SwitchCost {
  firstReadyMs: number;
  readyMs: number;
  hostEldMax: number;
  /** Longest time between two ticks during the switch, in ms (the host must keep ticking: goal <= 2 intervals). */
  maxTickGapMs: number;
}

/**
 * Switches a running engine to `to` and waits for the event. The host's delay during the switch is the largest
 * host ELD max of the ticks that overlap it: from the request to the event (every new unit ready, the old ones
 * drained and ended), plus the tick that closes that interval.
 */
async function switchOnce(engine: LabEngine, ticks: Tick[], runStartedAt: number, to: StrategyName, intervalMs: number): Promise<SwitchCost> {
  const requestedT = performance.now() - runStartedAt;
  const switched = nextMessage(engine, isSwitch, `switch to ${to}`);
  await engine.configure({ strategy: to });
  const event = await switched;
  await sleep(intervalMs * 1.5);
  const during = ticks.filter((tick) => tick.t > requestedT && tick.t - intervalMs < event.t);
  const before = ticks.filter((tick) => tick.t <= requestedT).at(-1);
  const times = [...(before ? [before.t] : []), ...during.map((tick) => tick.t)];
  const maxTickGapMs = Math.max(0, ...times.slice(1).map((t, i) => t - times[i]));
  return { firstReadyMs: event.firstReadyMs, readyMs: event.readyMs, hostEldMax: Math.max(0, ...during.map((tick) => tick.host.eld?.max ?? 0)), maxTickGapMs };
}

/** 2. Switching between threads and processes under a light load, beside starting as many raw ones. */
async function switching(): Promise<void> {
  const intervalMs = defaultConfig().intervalMs;
  console.log(`\n2. switching under an open loop of 50 fib(${OVERHEAD_FIB}) jobs/s, ${ROUNDS} round(s), medians; raw = as many new Worker / fork outside the engine`);
  for (const pool of SWITCH_POOLS) {
    const engine = new LabEngine();
    const ticks: Tick[] = [];
    let runStartedAt = performance.now();
    engine.onMessage((m) => {
      if (m.type === 'tick') ticks.push(m);
      else if (m.type === 'event' && m.event === 'run-started') runStartedAt = performance.now();
    });
    const first = nextMessage(engine, isSwitch, 'worker-pool ready');
    await engine.start({ strategy: 'worker-pool', poolSize: pool, loadMode: 'open', rate: 50, workload: 'fib', size: OVERHEAD_FIB, intervalMs });
    await first;
    await sleep(WARMUP_MS);
    const toProcesses: SwitchCost[] = [];
    const toThreads: SwitchCost[] = [];
    const rawProcesses: Array<Awaited<ReturnType<typeof rawStart>>> = [];
    const rawThreads: Array<Awaited<ReturnType<typeof rawStart>>> = [];
    for (let round = 0; round < ROUNDS; round++) {
      toProcesses.push(await switchOnce(engine, ticks, runStartedAt, 'child-process', intervalMs));
      rawProcesses.push(await rawStart('process', pool));
      toThreads.push(await switchOnce(engine, ticks, runStartedAt, 'worker-pool', intervalMs));
      rawThreads.push(await rawStart('thread', pool));
    }
    await engine.stop();
    const report = (label: string, costs: SwitchCost[], raw: typeof rawThreads) =>
      line(
        `   pool ${pool}: ${label}`,
        `firstReady ${ms(median(costs.map((c) => c.firstReadyMs)))}, ready ${ms(median(costs.map((c) => c.readyMs)))}, host ELD max ${ms1(median(costs.map((c) => c.hostEldMax)))}, tick gap max ${ms(Math.max(...costs.map((c) => c.maxTickGapMs)))}` +
          ` | raw: first ${ms(median(raw.map((r) => r.firstMs)))}, all ${ms(median(raw.map((r) => r.allMs)))}, host ELD max ${ms1(median(raw.map((r) => r.hostEldMax)))}`,
      );
    report(`-> child-process (${pool} forks)`, toProcesses, rawProcesses);
    report(`-> worker-pool (${pool} threads)`, toThreads, rawThreads);
  }
}

/** 3. worker-pool (sampling off) against raw worker_threads doing the same work. */
async function poolScaling(): Promise<void> {
  const { a: pool, b: raw } = await alternate(
    ROUNDS,
    () => engineThroughput({ strategy: 'worker-pool', poolSize: SCALING_POOL, concurrency: SCALING_POOL, size: SCALING_FIB }, SCALING_MEASURE_MS),
    () => rawThroughput(SCALING_POOL, SCALING_FIB, WARMUP_MS, SCALING_MEASURE_MS),
  );
  console.log('');
  line(
    `3. pool scaling (pool / raw), pool ${SCALING_POOL}`,
    `${(sum(pool) / sum(raw)).toFixed(3)}   worker-pool ${(sum(pool) / pool.length).toFixed(1)} jobs/s, raw worker_threads ${(sum(raw) / raw.length).toFixed(1)} jobs/s, fib ${SCALING_FIB} (aim >= 0.95)`,
  );
}

/** 4. Mean round trip of a tiny job, sequential, in µs: raw postMessage, through piscina, through the engine. */
async function dispatchCosts(count: number): Promise<void> {
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
  const ready = nextMessage(engine, isSwitch, 'worker-pool ready');
  await engine.start({ strategy: 'worker-pool', loadMode: 'closed', concurrency: 1, poolSize: 1, workload: 'fib', size: 1 });
  await ready;
  await sleep(WARMUP_MS);
  const c0 = completed(engine);
  t0 = performance.now();
  await sleep(QUICK ? 500 : 1_500);
  const perJob = ((performance.now() - t0) * 1000) / (completed(engine) - c0);
  await engine.stop();
  line(
    '4. tiny job round trip',
    `raw postMessage ${raw.toFixed(1)} µs, piscina ${piscina.toFixed(1)} µs (x${(piscina / raw).toFixed(2)}), through the engine ${perJob.toFixed(1)} µs (x${(perJob / raw).toFixed(2)})`,
  );
}

async function main(): Promise<void> {
  const parts = partsToRun(options.only);
  const started = performance.now();
  console.log(`Node Concurrency Lab benchmark (Node ${process.version}${QUICK ? ', --quick: one short round each, a smoke test' : ''})\n`);
  if (parts.has('1')) {
    await metricsOverhead({ fib: OVERHEAD_FIB, pools: OVERHEAD_POOLS, pairs: OVERHEAD_PAIRS, windowMs: OVERHEAD_WINDOW_MS, settleMs: OVERHEAD_SETTLE_MS, warmupMs: WARMUP_MS, aim: OVERHEAD_AIM });
  }
  if (parts.has('2')) await switching();
  if (parts.has('3')) await poolScaling();
  if (parts.has('4')) await dispatchCosts(QUICK ? 1_000 : 5_000);
  if (parts.has('5')) await agentOverhead({ pairs: AGENT_PAIRS, windowMs: AGENT_WINDOW_MS, settleMs: AGENT_SETTLE_MS, warmupMs: QUICK ? 500 : 2_000, intervalMs: defaultConfig().intervalMs });
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

main().catch((error: Error) => {
  console.error(error);
  // Threads and processes of an engine the error left running would keep the bench alive.
  process.exit(1);
});
