/**
 * The advisor: measures every strategy at a few pool sizes on the user's own workload and recommends one, with
 * its reasons in numbers. These are its data: what it measures per cell (one strategy at one pool size), and the
 * advice it computes from them. Plain data, so the CLI, the app, a recording and the tests share it.
 */
import type { StrategyName } from '../constants';
import type { MachineFacts } from '../machine-facts';
import type { RunConfig } from '../run-config';

/** The strategies the advisor compares (cluster-pool is cluster plus a pool per process: a refinement, not a choice). */
export const ADVISOR_STRATEGIES = ['main-thread', 'worker-per-task', 'worker-pool', 'child-process', 'cluster'] as const satisfies readonly StrategyName[];
/** One of {@link ADVISOR_STRATEGIES}. */
export type AdvisorStrategy = (typeof ADVISOR_STRATEGIES)[number];

/** One strategy at one pool size: what the advisor runs. `main-thread` has no pool (size 1 is the host). */
export interface AdvisorCell {
  strategy: AdvisorStrategy;
  poolSize: number;
}

/** How long each part of a cell is measured, in seconds, as split from the budget. */
export interface CellTimings {
  /** Closed loop: the saturation throughput, measured as two halves (the repeat-to-repeat spread). */
  closedS: number;
  /** Open loop at {@link OPEN_LOAD_SHARE} of that throughput: latency and the host's loop delay. */
  openS: number;
  /** The closed loop goes on past `closedS`, up to this, until {@link MIN_CLOSED_JOBS} jobs completed in it. */
  closedMaxS: number;
  /** Skipped after the units are ready and after the switch to the open loop, before measuring. */
  settleS: number;
}

/** Fewest jobs the closed loop counts, so each half holds enough that one job more or less is no spread. */
export const MIN_CLOSED_JOBS = 30;

/** The share of a cell's own saturation throughput its open-loop part offers: busy, but with room to spare. */
export const OPEN_LOAD_SHARE = 0.7;

/** What one cell measured. Times in ms, memory in bytes, throughput in jobs per second. */
export interface CellMeasurement extends AdvisorCell {
  /** Closed-loop throughput over the whole measured window (jobs/s). */
  throughput: number;
  /** The same in the window's first and second halves: how far one measurement is from the next. */
  halves: [number, number];
  /** The host's event-loop utilisation (0..1) in the closed loop: ~1 when the work runs on the host's loop. */
  hostElu: number;
  /**
   * CPU the host process got in the closed loop, in cores (1 = one core busy). With its loop busy, main-thread
   * should get ~1: much less means other programs were taking the CPU, and no comparison is fair then.
   */
  hostCpu: number;
  /** Open loop: the rate offered (jobs/s) and what came of it. */
  openRate: number;
  latencyP50: number;
  latencyP99: number;
  /** The host's event-loop delay p99 in the open loop (ms): how long anything else on the host would wait. */
  hostEldP99: number;
  /** Memory each unit adds (processes: their resident set; threads: the host's growth over main-thread, shared out), or null when none showed. */
  memoryPerUnit: number | null;
  /** Median time from creating a unit to its first message (ms), or null when no unit started (main-thread). */
  startupMs: number | null;
  /** Jobs that failed or were dropped during the measured windows. */
  failed: number;
  /** Why the cell could not be measured (it failed to start, no job completed), or null. */
  problem: string | null;
}

/** What the advice says. */
export type AdviceKind = 'offload' | 'main-thread' | 'io-bound' | 'inconclusive';

/** The advisor's answer, computed from one run's measurements. */
export interface Advice {
  kind: AdviceKind;
  /** The recommended cell (for `offload`; main-thread for `main-thread`); null otherwise. */
  recommended: AdvisorCell | null;
  /** One sentence: what to do. */
  headline: string;
  /** Why, in numbers, one sentence each. For `inconclusive`: what kept the run from showing it. */
  reasons: string[];
  cells: CellMeasurement[];
  /**
   * main-thread's saturation throughput measured again after every other cell (jobs/s), or null when it was not:
   * how far the machine drifted during the run (other programs starting, a CPU throttled).
   */
  baselineRepeat: number | null;
  /** The settings every cell ran with, before the advisor set strategy, pool size and load. */
  config: RunConfig;
  machine: MachineFacts;
  /** Seconds the whole measurement took, and the budget it was given. */
  tookS: number;
  budgetS: number;
}

/** Progress of an advisor run, as it goes: the cell being measured and how many there are. */
export interface AdvisorProgress {
  /** Cells finished. */
  done: number;
  total: number;
  /** The cell being measured now, or null when all are done. */
  current: AdvisorCell | null;
}
