/**
 * One cell's numbers from what its run emitted: pure, so a live run and a test with made-up ticks measure alike.
 * Windows are on the run's clock (ms since it started); a tick belongs to a window when it ends inside it.
 */
import type { LabEvent, Tick } from '../messages';
import { measured, median, valuePercentiles } from '../percentiles';
import type { AdvisorCell, CellMeasurement } from './types';

/** A stretch of a run's clock, in ms. */
export interface Window {
  fromMs: number;
  toMs: number;
}

/** What a cell's run gave the advisor to measure. */
export interface CellRecord {
  ticks: readonly Tick[];
  events: readonly LabEvent[];
  closed: Window;
  open: Window;
  openRate: number;
  /** The host's resident set in the main-thread cell (bytes): what a thread's memory is counted from; null before it is known. */
  baselineHostRss: number | null;
}

/** The last tick at or before `ms` (the counters as they stood then), or null. */
function tickAt(ticks: readonly Tick[], ms: number): Tick | null {
  let found: Tick | null = null;
  for (const tick of ticks) if (tick.t <= ms) found = tick;
  return found;
}

/**
 * The ticks whose counters bound a window: the last at or before its start (or, when jobs on the host's own loop
 * held the first ticks back, the first after it) and the last at or before its end; null when they do not differ.
 */
function edges(ticks: readonly Tick[], fromMs: number, toMs: number): [Tick, Tick] | null {
  const first = tickAt(ticks, fromMs) ?? ticks.find((tick) => tick.t > fromMs) ?? null;
  const last = tickAt(ticks, toMs);
  return first && last && last.t > first.t ? [first, last] : null;
}

/** Completed jobs per second between two instants, from the cumulative counters of the ticks nearest them. */
export function throughputBetween(ticks: readonly Tick[], fromMs: number, toMs: number): number | null {
  const bounds = edges(ticks, fromMs, toMs);
  return bounds ? ((bounds[1].jobs.completed - bounds[0].jobs.completed) * 1000) / (bounds[1].t - bounds[0].t) : null;
}

const inWindow = (ticks: readonly Tick[], window: Window) => ticks.filter((tick) => tick.t > window.fromMs && tick.t <= window.toMs);

/** Jobs completed between the window's edges. */
export function completedIn(ticks: readonly Tick[], window: Window): number {
  const bounds = edges(ticks, window.fromMs, window.toMs);
  return bounds ? bounds[1].jobs.completed - bounds[0].jobs.completed : 0;
}

/** Jobs failed or dropped between the window's edges. */
function lostJobs(ticks: readonly Tick[], window: Window): number {
  const bounds = edges(ticks, window.fromMs, window.toMs);
  if (!bounds) return 0;
  const [first, last] = bounds;
  return last.jobs.failed - first.jobs.failed + (last.jobs.dropped - first.jobs.dropped);
}

/** Memory one unit adds (bytes), or null when the ticks show none. */
function memoryPerUnit(ticks: readonly Tick[], baselineHostRss: number | null): number | null {
  const perTick: number[] = [];
  for (const tick of ticks) {
    const live = tick.units.filter((unit) => unit.state !== 'exited');
    if (live.length === 0) continue;
    const processes = live.filter((unit) => unit.kind === 'process' && unit.rss !== null);
    if (processes.length > 0) perTick.push(processes.reduce((sum, unit) => sum + (unit.rss as number), 0) / processes.length);
    else if (baselineHostRss !== null && tick.host.rss !== null) perTick.push(Math.max(0, tick.host.rss - baselineHostRss) / live.length);
  }
  return median(perTick);
}

/** The numbers of `cell` from its run. */
export function measureCell(cell: AdvisorCell, record: CellRecord): CellMeasurement {
  const { ticks, closed, open } = record;
  const middle = (closed.fromMs + closed.toMs) / 2;
  const throughput = throughputBetween(ticks, closed.fromMs, closed.toMs);
  const halves: [number, number] = [throughputBetween(ticks, closed.fromMs, middle) ?? 0, throughputBetween(ticks, middle, closed.toMs) ?? 0];
  const closedTicks = inWindow(ticks, closed);
  const openTicks = inWindow(ticks, open);
  // Ticks without a completed job carry no latency (null), and a tick of none is no fast job.
  const answered = openTicks.flatMap((tick) => (tick.jobs.latency ? [tick.jobs.latency] : []));
  const startups = record.events.flatMap((event) => (event.event === 'unit-started' ? [event.startupMs] : []));
  const problem =
    throughput === null ? 'too few ticks in the closed loop (its jobs held the host back, or the budget is too small for this cell)'
    : throughput <= 0 ? 'no job completed in the closed loop'
    : answered.length === 0 ? 'no job completed in the open loop'
    : null;
  return {
    ...cell,
    throughput: throughput ?? 0,
    halves,
    hostElu: median(measured(closedTicks.map((tick) => tick.host.elu))) ?? 0,
    hostCpu: median(closedTicks.map((tick) => tick.host.processCpu)) ?? 0,
    openRate: record.openRate,
    // A 100 ms tick holds a few jobs: its p50s are medians of few, so their median is the window's; its p99s are
    // nearly its maxima, so the window's p99 is their own p99 (their maximum under 100 ticks), not their median.
    latencyP50: median(answered.map((latency) => latency.p50)) ?? 0,
    latencyP99: valuePercentiles(answered.map((latency) => latency.p99))?.p99 ?? 0,
    hostEldP99: median(measured(openTicks.map((tick) => tick.host.eld?.p99))) ?? 0,
    memoryPerUnit: cell.strategy === 'main-thread' ? null : memoryPerUnit(openTicks.length > 0 ? openTicks : closedTicks, record.baselineHostRss),
    startupMs: median(startups),
    failed: lostJobs(ticks, closed) + lostJobs(ticks, open),
    problem,
  };
}

/** The host's median resident set in a window (bytes), or null: the main-thread cell's is every thread's baseline. */
export function hostRss(ticks: readonly Tick[], window: Window): number | null {
  const values = inWindow(ticks, window).flatMap((tick) => (tick.host.rss === null ? [] : [tick.host.rss]));
  return median(values);
}
