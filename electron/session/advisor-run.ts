/**
 * Drives the advisor on an engine: one run per cell (a strategy at a pool size), each a closed loop for the
 * saturation throughput and then an open loop at 70% of it for latency and the host's loop delay, then the
 * recommendation, computed by the pure functions of shared/advisor from what the runs emitted. The CLI runs it on
 * an engine of its own; the app on its engine, so the live charts show every cell as it is measured.
 */
import { completedIn, measureCell, throughputBetween, hostRss, type CellRecord } from '../../shared/advisor/measure';
import { ADVISOR_INTERVAL_MS, advisorSchedule, CELL_OVERHEAD_S, cellTimings, closedConcurrency } from '../../shared/advisor/plan';
import { recommend } from '../../shared/advisor/recommend';
import { MIN_CLOSED_JOBS, OPEN_LOAD_SHARE, type Advice, type AdvisorCell, type AdvisorProgress, type CellMeasurement, type CellTimings } from '../../shared/advisor/types';
import type { MachineFacts } from '../../shared/experiments/types';
import type { LabEvent, LabMessage, Tick } from '../../shared/messages';
import type { RunConfig } from '../../shared/run-config';
import type { LabEngine } from '../engine/lab-engine';

/** What the advisor uses of the engine. */
export type AdvisorEngine = Pick<LabEngine, 'start' | 'stop' | 'configure' | 'onMessage' | 'announce'>;

/** How to advise. */
export interface AdvisorOptions {
  /** The settings every cell runs with (workload, size, workload file, ...); the advisor sets strategy, pool and load. */
  config: RunConfig;
  budgetS: number;
  machine: MachineFacts;
  onProgress?(progress: AdvisorProgress): void;
  /** Aborting stops the cell being measured and ends the advisor without advice. */
  signal?: AbortSignal;
}

/** Longest wait for the engine to get a cell's units ready or to reach a window's end, beyond its own length (ms). */
const STALL_MS = 15_000;

/** Collects one cell's ticks and events, and resolves waits on the run's clock. */
class CellListener {
  readonly ticks: Tick[] = [];
  readonly events: LabEvent[] = [];
  private waiters: Array<{ done: (m: LabMessage) => boolean; resolve: (ok: boolean) => void }> = [];

  take(message: LabMessage): void {
    if (message.type === 'tick') this.ticks.push(message);
    else if (message.type === 'event') this.events.push(message);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.done(message)) return true;
      waiter.resolve(true);
      return false;
    });
  }

  /** Resolves true when a message satisfies `done`, false on a stall or an abort. */
  until(done: (message: LabMessage) => boolean, stallMs: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(ok);
      };
      const onAbort = () => finish(false);
      const timer = setTimeout(() => finish(false), stallMs);
      if (signal?.aborted) return finish(false);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push({ done, resolve: finish });
    });
  }

  /** The first tick (already received, or still to come within `waitMs`) that satisfies `done`, or null. */
  async firstTick(done: (tick: Tick) => boolean, waitMs: number, signal?: AbortSignal): Promise<Tick | null> {
    const seen = this.ticks.find(done);
    if (seen) return seen;
    const came = await this.until((m) => m.type === 'tick' && done(m), waitMs, signal);
    return came ? (this.ticks.at(-1) as Tick) : null;
  }

  /** Waits for the first tick at or after `ms` on the run's clock. */
  tickAt(ms: number, signal?: AbortSignal): Promise<boolean> {
    const lastT = this.ticks.at(-1)?.t ?? 0;
    return this.until((m) => m.type === 'tick' && m.t >= ms, Math.max(0, ms - lastT) + STALL_MS, signal);
  }
}

/** A cell that could not be measured, with the reason. */
function failedCell(cell: AdvisorCell, problem: string): CellMeasurement {
  return { ...cell, throughput: 0, halves: [0, 0], hostElu: 0, hostCpu: 0, openRate: 0, latencyP50: 0, latencyP99: 0, hostEldP99: 0, memoryPerUnit: null, startupMs: null, failed: 0, problem };
}

/** Runs one cell on the engine and measures it; the engine is stopped again afterwards. */
async function runCell(engine: AdvisorEngine, cell: AdvisorCell, options: AdvisorOptions, timings: CellTimings, baselineHostRss: number | null, onRunning: () => void): Promise<{ measurement: CellMeasurement; hostRss: number | null }> {
  const listener = new CellListener();
  await engine.stop();
  const unsubscribe = engine.onMessage((message) => listener.take(message));
  try {
    const concurrency = closedConcurrency(options.machine.cores);
    const started = await engine.start({
      ...options.config,
      strategy: cell.strategy,
      poolSize: cell.poolSize,
      loadMode: 'closed',
      concurrency,
      intervalMs: ADVISOR_INTERVAL_MS,
      maxQueue: Math.max(options.config.maxQueue, concurrency),
      fault: 'none',
    });
    if (!started.ok) return { measurement: failedCell(cell, started.errors.map((e) => `${e.field}: ${e.message}`).join('; ')), hostRss: null };
    // Announced once the cell's run is going, so every viewer gets it on that run's clock.
    onRunning();
    const ready = listener.events.find((e) => e.event === 'strategy-switched') ?? null;
    const switched = ready !== null || (await listener.until((m) => m.type === 'event' && m.event === 'strategy-switched', STALL_MS, options.signal));
    if (!switched) return { measurement: failedCell(cell, options.signal?.aborted ? 'stopped' : 'its units did not get ready'), hostRss: null };
    const readyAt = (listener.events.find((e) => e.event === 'strategy-switched') as LabEvent).t;
    // Warm: past the settle time and every outstanding job done once, so a unit's first (cold) jobs are not measured;
    // a cell too slow for that within a window's length is measured from the settle time anyway.
    const settled = readyAt + timings.settleS * 1000;
    const warm = await listener.firstTick((tick) => tick.t >= settled && tick.jobs.completed >= concurrency, timings.closedS * 1000 + ADVISOR_INTERVAL_MS * 2, options.signal);
    if (options.signal?.aborted) return { measurement: failedCell(cell, 'stopped'), hostRss: null };
    const fromMs = Math.max(settled, warm?.t ?? settled);
    const closed = { fromMs, toMs: fromMs + timings.closedS * 1000 };
    const closedLimit = fromMs + timings.closedMaxS * 1000;
    // Slow jobs: the window goes on, tick by tick, until it holds enough of them to split in two (or its limit).
    for (;;) {
      if (!(await listener.tickAt(closed.toMs, options.signal))) return { measurement: failedCell(cell, 'the run stalled in the closed loop'), hostRss: null };
      if (completedIn(listener.ticks, closed) >= MIN_CLOSED_JOBS || closed.toMs >= closedLimit) break;
      closed.toMs = Math.min(closedLimit, closed.toMs + ADVISOR_INTERVAL_MS);
    }
    const saturation = throughputBetween(listener.ticks, closed.fromMs, closed.toMs) ?? 0;
    const openRate = Math.max(0.1, Math.round(saturation * OPEN_LOAD_SHARE * 10) / 10);
    await engine.configure({ loadMode: 'open', rate: openRate });
    const openFrom = (listener.ticks.at(-1)?.t ?? closed.toMs) + timings.settleS * 1000;
    const open = { fromMs: openFrom, toMs: openFrom + timings.openS * 1000 };
    if (!(await listener.tickAt(open.toMs, options.signal))) return { measurement: failedCell(cell, 'the run stalled in the open loop'), hostRss: null };
    const record: CellRecord = { ticks: listener.ticks, events: listener.events, closed, open, openRate, baselineHostRss };
    return { measurement: measureCell(cell, record), hostRss: hostRss(listener.ticks, open) };
  } finally {
    await engine.stop();
    unsubscribe();
  }
}

/**
 * Measures every cell within the budget and recommends; null when aborted. Every unit it started has ended when
 * this settles; the advice is also announced on the engine (an `advice` event) for every viewer.
 */
export async function runAdvisor(engine: AdvisorEngine, options: AdvisorOptions): Promise<Advice | null> {
  const startedAt = Date.now();
  const cells = advisorSchedule(options.machine.cores);
  const measured: CellMeasurement[] = [];
  let baselineHostRss: number | null = null;
  let overheadS = CELL_OVERHEAD_S;
  for (const [index, cell] of cells.entries()) {
    if (options.signal?.aborted) return null;
    // What is left of the budget, shared by the cells left, each costing what the cells so far cost besides their windows.
    const elapsedS = (Date.now() - startedAt) / 1000;
    const timings = cellTimings(Math.max(0, options.budgetS - elapsedS), cells.length - index, overheadS);
    const progress = { done: index, total: cells.length, current: cell };
    const cellStarted = Date.now();
    const { measurement, hostRss: rss } = await runCell(engine, cell, options, timings, baselineHostRss, () => {
      options.onProgress?.(progress);
      engine.announce({ event: 'advisor-progress', progress });
    });
    const windowsS = timings.closedS + timings.openS + 2 * timings.settleS;
    overheadS = (overheadS * (index + 1) + Math.max(0, (Date.now() - cellStarted) / 1000 - windowsS)) / (index + 2);
    if (index === 0) baselineHostRss = rss;
    measured.push(measurement);
  }
  if (options.signal?.aborted) return null;
  options.onProgress?.({ done: cells.length, total: cells.length, current: null });
  // The last cell repeats the first (main-thread): it tells how far the machine drifted, not a cell of the table.
  const repeat = measured.pop() as CellMeasurement;
  const run = { tookS: (Date.now() - startedAt) / 1000, budgetS: options.budgetS, baselineRepeat: repeat.problem === null ? repeat.throughput : null };
  const advice = recommend(measured, options.machine, options.config, run);
  engine.announce({ event: 'advice', advice });
  return advice;
}
