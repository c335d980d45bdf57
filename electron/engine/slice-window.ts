/**
 * Which slices of the grid (shared/activity/busy-slices.ts) a tick carries: from where the last tick left off to
 * the slice boundary one report period and one slice before now, when every unit reporting on time has told of
 * them (see Tick.sliceStart). The units' report period, not the tick's: with more units than the cores take at
 * full rate each reports every few intervals (probes/unit-options.ts), and a window one interval back was placed
 * before most of them had told of it; their slices then came too late and were dropped (16 threads in closed
 * loop on 2 cores: under half of the busy time they reported reached a tick).
 */
import { BUSY_SLICE_MS, sliceIndex, type SliceWindow } from '../../shared/activity/busy-slices';

/** Most slices one tick carries (5 s of them): after a longer stall the timeline shows a gap, not a flood. */
export const MAX_TICK_SLICES = 250;

/**
 * Longest the slices wait for units that report rarely (64 units on 2 cores report every 16 intervals), in ms:
 * the engine's bins hold about 10 s of a unit's slices, and the timeline should not trail the ticks by more.
 */
export const MAX_SLICE_LAG_MS = 5_000;

/**
 * How far behind now a tick's slices end, in ms: the units' report period, at least an interval and at most 5 s.
 * Units that report every few intervals are units that outnumber the cores, and their timers run late: 64
 * threads on 2 cores reported up to 140 ms past their 3.2 s period, so they get one more interval.
 */
export function sliceLagMs(intervalMs: number, unitReportMs: number): number {
  const period = unitReportMs > intervalMs ? unitReportMs + intervalMs : intervalMs;
  return Math.max(intervalMs, Math.min(period, MAX_SLICE_LAG_MS));
}

/**
 * The window of a tick built at epoch ms `nowMs`, the last one having ended at slice `nextSlice`; at most
 * {@link MAX_TICK_SLICES}. Empty (where the next one starts) when none is due yet: the run's first tick, or the
 * first after sampling came back.
 */
export function sliceWindowAt(nextSlice: number, nowMs: number, lagMs: number): SliceWindow {
  const due = sliceIndex(nowMs - lagMs - BUSY_SLICE_MS);
  const first = Math.max(nextSlice, due - MAX_TICK_SLICES);
  return { first, end: Math.max(first, due) };
}
