/**
 * What the advisor runs and for how long: every strategy at pool sizes 1, 2 and the core count, and a budget split
 * across them. Pure, so the CLI, the app and the tests agree on the plan.
 */
import { ADVISOR_STRATEGIES, type AdvisorCell, type CellTimings } from './types';

/**
 * The budget's range in seconds, and its default: a few minutes at most. Under 20 s the ten runs of a 2-core
 * machine spend more starting and stopping units than measuring, and overrun any smaller budget anyway.
 */
export const ADVISOR_BUDGET = { min: 20, max: 600, default: 120 } as const;

/**
 * Seconds a cell costs besides its measured windows: units starting (a forked process or a cluster worker takes
 * ~100 ms here), the stop draining them. Taken off the budget before it is shared out, so the run keeps to it.
 */
export const CELL_OVERHEAD_S = 0.7;

/** The shortest a measured window may be: with 100 ms ticks, fewer than ~4 of them say nothing. */
const MIN_WINDOW_S = 0.5;

/** The sampling interval of the advisor's runs (ms): short, so even a tiny budget's windows hold several ticks. */
export const ADVISOR_INTERVAL_MS = 100;

/** Pool sizes 1, 2 and the core count, without repeats, in order. */
export function poolSizes(cores: number): number[] {
  return [...new Set([1, 2, Math.max(1, Math.floor(cores))])].sort((a, b) => a - b);
}

/**
 * The cells of a machine with `cores` cores, and main-thread once more at the end: its repeat shows how far the
 * machine drifted while the others ran.
 */
export function advisorSchedule(cores: number): AdvisorCell[] {
  return [...advisorCells(cores), { strategy: 'main-thread', poolSize: 1 }];
}

/** The cells of a machine with `cores` cores: main-thread once, every other strategy at each pool size. */
export function advisorCells(cores: number): AdvisorCell[] {
  const cells: AdvisorCell[] = [{ strategy: 'main-thread', poolSize: 1 }];
  for (const strategy of ADVISOR_STRATEGIES) {
    if (strategy === 'main-thread') continue;
    for (const poolSize of poolSizes(cores)) cells.push({ strategy, poolSize });
  }
  return cells;
}

/**
 * Jobs outstanding in every cell's closed loop: the same for all, so an I/O-bound job (whose throughput grows with
 * the jobs outstanding, not the units) is compared fairly; twice the largest pool, so no unit waits for its next job.
 */
export function closedConcurrency(cores: number): number {
  return Math.max(4, 2 * Math.max(...poolSizes(cores)));
}

/**
 * Splits `budgetS` over `cellCount` cells, each costing `overheadS` besides its windows (the run measures it as it
 * goes and re-splits what is left, so a slow machine does not overrun): a bit more to the closed loop.
 */
export function cellTimings(budgetS: number, cellCount: number, overheadS: number = CELL_OVERHEAD_S): CellTimings {
  const perCell = Math.max(0, budgetS / Math.max(1, cellCount) - overheadS);
  const settleS = Math.min(1, Math.max(0.2, perCell * 0.08));
  const measured = Math.max(2 * MIN_WINDOW_S, perCell - 2 * settleS);
  const closedS = Math.max(MIN_WINDOW_S, measured * 0.55);
  return { closedS, closedMaxS: closedS * 3, openS: Math.max(MIN_WINDOW_S, measured * 0.45), settleS };
}
