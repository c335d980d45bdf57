/**
 * What a tick says of one thread, process or the host: the loop measures each reports of itself, and the unit
 * rows a tick lists. Units: times in ms, memory in bytes, `cpu` as a share of one core, `elu` 0..1.
 */
import type { StrategyName } from './constants';

/** The median, 99th percentile and maximum of a distribution, in the unit its field names (ms here). */
export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

/** Event-loop delay over one interval, beyond the probe's own resolution, in ms. */
export type LoopDelay = Percentiles;

/** What one thread (or the host) measured of itself over the last interval. */
export interface LoopSample {
  /**
   * Null when the loop was not sampled in the interval: its probe's timer did not turn (a window shorter than the
   * probe's resolution, e.g. the last tick right after a stop) and no job ended on it. Never all zeros for that:
   * zeros are measured (jobs ended on it, each within the 4 ms resolution).
   */
  eld: LoopDelay | null;
  /** Event-loop utilisation, 0..1; null for a window in which the loop neither ran nor idled (two takes in one turn). */
  elu: number | null;
  /**
   * CPU time of this thread (a process's main thread for processes) as a share of one core, 0..1; null when the
   * thread's clock is too coarse for the window measured (a guess would be worse than nothing).
   */
  cpu: number | null;
  /** Resident set size of the process, in bytes; null for a worker thread, which shares its process's memory. */
  rss: number | null;
  /** V8 heap used by this thread's isolate, in bytes. */
  heapUsed: number;
}

/** The host: the process that runs the engine (Electron main, or plain Node for the CLI and browser mode). */
export interface HostSample extends LoopSample {
  /** CPU time of the whole host process, every thread included, as a share of one core. */
  processCpu: number;
  pid: number;
}

/** The kinds of unit a strategy runs jobs on. */
export type UnitKind = 'thread' | 'process';
/** Lifecycle of a unit. A unit is `starting` until it first reports; its first tick after that carries a sample. */
export type UnitState = 'starting' | 'idle' | 'busy' | 'exited';

/**
 * One worker thread or process, as seen in one tick. Measures are null until the unit first reports, and a
 * measure its last report did not have (see {@link LoopSample}) is null too.
 */
export interface UnitTick {
  /** Stable id within a run, e.g. `worker-pool#2/thread-7`. */
  id: string;
  kind: UnitKind;
  /** The strategy that owns the unit (during a switch, old units drain beside new ones). */
  strategy: StrategyName;
  pid: number;
  /** Worker thread id; null for a process. */
  threadId: number | null;
  state: UnitState;
  eld: LoopDelay | null;
  elu: number | null;
  cpu: number | null;
  rss: number | null;
  heapUsed: number | null;
  /** Jobs this unit completed since it started. */
  done: number;
  /**
   * True when the unit is busy and has not reported for over 1.5 intervals: it is blocked in a job, so `elu` is 1
   * and `eld` is the silence so far (a lower bound) instead of a repeat of its last sample.
   */
  blocked?: boolean;
}
