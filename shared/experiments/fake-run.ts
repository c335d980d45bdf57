/**
 * Synthetic runs for tests of verdicts and diagnoses: ticks with chosen values, keeping the engine's invariant
 * (counters cumulative, submitted = completed + failed + dropped + cancelled + queued + inFlight), and the events around
 * them. A value may be a number or a function of the tick's index, to make a segment noisy or rising.
 */
import { BUSY_SLICE_MS } from '../activity/busy-slices';
import type { ExitCause, LabEvent, Summary, Tick, UnitTick } from '../messages';
import { defaultConfig, type RunConfig } from '../run-config';
import type { RunStrategy, StrategyName } from '../constants';
import type { RunRecord } from './types';

/** A value per tick: fixed, or computed from the tick's index within its stretch (0, 1, 2, ...). */
export type PerTick = number | ((index: number) => number);

/** What a stretch of ticks shows. Counts (`completed`, `failed`, `dropped`, `startups`) are per tick, not cumulative. */
export interface TickShape {
  strategy?: RunStrategy;
  hostEldP99?: PerTick;
  hostEldMax?: PerTick;
  /** The host's GC pause in each tick (ms, one collection); not measured (null) when absent. */
  hostGcPauseMs?: PerTick;
  hostElu?: PerTick;
  /** The host main thread's CPU in each tick, as a share of one core (0.1 when absent); NaN makes it not measured (null). */
  hostCpu?: PerTick;
  throughput?: PerTick;
  latencyP50?: PerTick;
  latencyP99?: PerTick;
  queued?: PerTick;
  completed?: PerTick;
  failed?: PerTick;
  dropped?: PerTick;
  /** Units that became ready in the tick, and their startup p50 (ms). */
  startups?: PerTick;
  startupP50?: PerTick;
  /** The host's health checks in the tick: latency p99 of the answered ones (ms), and timeouts. */
  healthP99?: PerTick;
  healthTimeouts?: PerTick;
  /** Units listed in the tick, with their `done` count as a function of the tick's index, and their own loop's p99. */
  units?: ReadonlyArray<{ id: string; done: PerTick; blocked?: boolean; cpu?: PerTick; eldP99?: PerTick; elu?: PerTick }>;
  /** `sab-counter` increments done and updates lost in the tick (the tick then carries a counter). */
  increments?: PerTick;
  lostUpdates?: PerTick;
}

const at = (value: PerTick | undefined, index: number, otherwise = 0) => (value === undefined ? otherwise : typeof value === 'number' ? value : value(index));
/** NaN stands for a measure the tick does not have. */
const orNull = (value: number) => (Number.isNaN(value) ? null : value);

/** Builds a run tick by tick and event by event. */
export class FakeRun {
  readonly ticks: Tick[] = [];
  readonly events: LabEvent[] = [];
  private totals = { completed: 0, failed: 0, dropped: 0 };
  private counter: { done: number; value: number; lost: number } | null = null;

  constructor(readonly intervalMs = 200) {}

  /** Ticks every interval from after `fromMs` up to `toMs` (each tick ends its interval). */
  stretch(fromMs: number, toMs: number, shape: TickShape): this {
    let index = 0;
    for (let t = fromMs + this.intervalMs; t <= toMs; t += this.intervalMs, index++) this.ticks.push(this.tick(t, index, shape));
    return this;
  }

  private tick(t: number, i: number, shape: TickShape): Tick {
    this.totals.completed += at(shape.completed, i);
    this.totals.failed += at(shape.failed, i);
    this.totals.dropped += at(shape.dropped, i);
    const queued = at(shape.queued, i);
    const startups = at(shape.startups, i);
    const p99 = at(shape.hostEldP99, i, 0.5);
    const units: UnitTick[] = (shape.units ?? []).map((u) => ({
      id: u.id, kind: 'thread', strategy: shape.strategy ?? 'worker-pool', pid: 1, threadId: 1, state: 'busy',
      eld: { p50: 0, p99: at(u.eldP99, i, 1), max: at(u.eldP99, i, 1) }, elu: at(u.elu, i, 0.5), cpu: at(u.cpu, i, 0.5), rss: null, heapUsed: 1, done: at(u.done, i), busy: null, gc: null, ...(u.blocked ? { blocked: true } : {}),
    }));
    const latencyP99 = at(shape.latencyP99, i, 10);
    if (shape.increments !== undefined || shape.lostUpdates !== undefined || this.counter) {
      const c = (this.counter ??= { done: 0, value: 0, lost: 0 });
      const done = at(shape.increments, i);
      const lost = at(shape.lostUpdates, i);
      this.counter = { done: c.done + done, value: c.value + done - lost, lost: c.lost + lost };
    }
    return {
      type: 'tick',
      t,
      strategy: shape.strategy ?? 'worker-pool',
      workload: 'fib',
      host: { eld: { p50: p99 / 2, p99, max: at(shape.hostEldMax, i, p99) }, elu: at(shape.hostElu, i, 0.1), cpu: orNull(at(shape.hostCpu, i, 0.1)), processCpu: 0.2, rss: 1, heapUsed: 1, pid: 1, busy: null, gc: shape.hostGcPauseMs === undefined ? null : { count: 1, pauseMs: at(shape.hostGcPauseMs, i), maxMs: at(shape.hostGcPauseMs, i) } },
      units,
      sliceMs: BUSY_SLICE_MS,
      sliceStart: t - this.intervalMs,
      jobs: {
        submitted: this.totals.completed + this.totals.failed + this.totals.dropped + queued,
        ...this.totals,
        cancelled: 0,
        queued,
        inFlight: 0,
        retried: 0,
        throughput: at(shape.throughput, i),
        // As the engine: an interval that completed no job has no latency.
        latency: at(shape.throughput, i) > 0 ? { p50: at(shape.latencyP50, i, latencyP99 / 2), p99: latencyP99 } : null,
      },
      startup: startups > 0 ? { p50: at(shape.startupP50, i, 30), p99: 40, max: 40, count: startups } : null,
      health: { answered: 2, timeouts: at(shape.healthTimeouts, i), latency: { p50: 0.5, p99: at(shape.healthP99, i, 1), max: at(shape.healthP99, i, 1) } },
      ...(this.counter ? { counter: { ...this.counter } } : {}),
    };
  }

  /** A completed switch at `t` (`from` null for the run's first strategy). */
  switched(t: number, to: StrategyName, from: StrategyName | null = 'worker-pool'): this {
    const config: RunConfig = { ...defaultConfig(), strategy: to };
    this.events.push({ type: 'event', t, event: 'strategy-switched', from, to, firstReadyMs: 30, readyMs: 40, drained: 0, failedOnDrain: 0, drainTookMs: 5, config });
    return this;
  }

  /** A settings change that needed no new units, at `t`. */
  configChanged(t: number): this {
    this.events.push({ type: 'event', t, event: 'config-changed', config: defaultConfig() });
    return this;
  }

  /** A unit that exited at `t` with `cause`. */
  exited(t: number, unitId: string, cause: ExitCause): this {
    const voluntary = cause === 'stop' || cause === 'done';
    this.events.push({ type: 'event', t, event: 'unit-exited', unitId, kind: 'process', strategy: 'cluster', pid: 2, threadId: null, generation: 1, code: null, signal: null, voluntary, cause });
    return this;
  }

  /** A unit that became ready at `t`, standing in for `replaces` when given. */
  started(t: number, unitId: string, replaces?: string): this {
    this.events.push({ type: 'event', t, event: 'unit-started', unitId, kind: 'process', strategy: 'cluster', pid: 3, threadId: null, generation: 1, ...(replaces ? { replaces } : {}), startupMs: 80 });
    return this;
  }

  /** The run as a verdict reads it; `failures` makes a summary with these failure reasons. */
  record(failures?: Record<string, number>): RunRecord {
    const events = [...this.events].sort((a, b) => a.t - b.t);
    if (!failures) return { ticks: this.ticks, events };
    const last = this.ticks[this.ticks.length - 1];
    const summary: Summary = {
      type: 'summary', t: last?.t ?? 0, config: defaultConfig(),
      jobs: { submitted: last?.jobs.submitted ?? 0, completed: this.totals.completed, failed: this.totals.failed, dropped: this.totals.dropped, cancelled: 0, queued: 0, inFlight: 0, retried: 0 },
      throughput: 0, latency: null, hostEld: null,
      unitsStarted: 0, unitsExited: 0, unitsAlive: 0, failures: { ...failures }, switches: 0,
    };
    return { ticks: this.ticks, events, summary };
  }
}
