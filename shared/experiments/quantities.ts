/**
 * Reading a verdict rule's quantities from a run: per-tick values and their aggregate over a segment, counter
 * growth, events by cause, startups per job, the busiest unit's share and its jobs over the least busy one's, the
 * host's CPU and GC pause per job, failure reasons. Pure functions of ticks, events and the summary, with the one
 * naming scheme (key and label) the verdict and its viewers share.
 */
import type { LabEvent, Tick, UnitExitedEvent } from '../messages';
import { median, quantile } from '../percentiles';
import type { SegmentWindow } from './timeline';
import type { Aggregate, GaugeMeasure, Quantity, RunRecord } from './types';

/** The value one tick has for `measure`, or null when it has none. */
export function gaugeValue(tick: Tick, measure: GaugeMeasure): number | null {
  switch (measure) {
    // A tick whose host loop was not sampled has no delay (null), and a median of ticks skips it.
    case 'host-eld-p50':
      return tick.host.eld?.p50 ?? null;
    case 'host-eld-p99':
      return tick.host.eld?.p99 ?? null;
    case 'host-eld-max':
      return tick.host.eld?.max ?? null;
    case 'host-elu':
      return tick.host.elu;
    case 'throughput':
      return tick.jobs.throughput;
    // A tick in which nothing completed has no latency: null, not a fast job.
    case 'latency-p50':
      return tick.jobs.latency?.p50 ?? null;
    case 'latency-p99':
      return tick.jobs.latency?.p99 ?? null;
    case 'queued':
      return tick.jobs.queued;
    case 'in-flight':
      return tick.jobs.inFlight;
    case 'startup-p50':
      return tick.startup ? tick.startup.p50 : null;
    // A tick whose checks all timed out has no latency (null): its timeouts say how bad it was.
    case 'health-p99':
      return tick.health?.latency?.p99 ?? null;
    case 'health-timeouts':
      return tick.health ? tick.health.timeouts : null;
    case 'units-cpu': {
      const measured = tick.units.filter((u) => u.state !== 'exited' && u.cpu !== null);
      return measured.length > 0 ? measured.reduce((sum, u) => sum + (u.cpu as number), 0) : null;
    }
    case 'units-eld-p99': {
      const measured = tick.units.filter((u) => u.state !== 'exited' && u.eld !== null);
      return measured.length > 0 ? Math.max(...measured.map((u) => (u.eld as { p99: number }).p99)) : null;
    }
    case 'host-gc-pause':
      return tick.host.gc?.pauseMs ?? null;
    case 'units-elu': {
      const measured = tick.units.filter((u) => u.state !== 'exited' && u.elu !== null);
      return measured.length > 0 ? Math.max(...measured.map((u) => u.elu as number)) : null;
    }
  }
}

/** One number from a series in time order; null for an empty series. */
export function aggregate(values: readonly number[], how: Aggregate): number | null {
  if (values.length === 0) return null;
  switch (how) {
    case 'median':
      return median(values);
    case 'mean':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'max':
      return Math.max(...values);
    case 'min':
      return Math.min(...values);
    case 'last':
      return values[values.length - 1];
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'rise':
      return values[values.length - 1] - values[0];
  }
}

/** The ticks that measure only time inside [fromMs, toMs]: a tick covers the interval that ends at its `t`. */
export function ticksWithin(ticks: readonly Tick[], fromMs: number, toMs: number, intervalMs: number): Tick[] {
  return ticks.filter((tick) => tick.t - intervalMs >= fromMs && tick.t <= toMs);
}

/** What a quantity read from one segment: its value, the spread behind it, and how many ticks it rests on. */
export interface Reading {
  value: number | null;
  /** Interquartile range of the per-tick values, for a `median` gauge; null otherwise. */
  spread: number | null;
  /** Ticks behind a gauge; null for quantities that are not per tick. */
  ticks: number | null;
}

/** Where a quantity is read: a segment's window (null for run-wide quantities) and the sampling interval. */
export interface ReadContext {
  run: RunRecord;
  window: SegmentWindow | null;
  intervalMs: number;
}

/** The `unit-exited` events of a window, with one of `causes` (from the planned start: exits are facts, not a steady state). */
export function exitsWithin(events: readonly LabEvent[], window: SegmentWindow, causes: readonly string[]): UnitExitedEvent[] {
  return events.filter(
    (e): e is UnitExitedEvent => e.event === 'unit-exited' && causes.includes(e.cause) && e.t >= window.plannedStartMs && e.t < window.endMs,
  );
}

function busiestShare(ticks: readonly Tick[]): number | null {
  if (ticks.length < 2) return null;
  const first = new Map(ticks[0].units.map((u) => [u.id, u.done]));
  // Each unit's latest count in the segment: the last tick of a run lists no units (they ended at the stop).
  const latest = new Map<string, number>();
  for (const tick of ticks) for (const unit of tick.units) latest.set(unit.id, unit.done);
  const grew = [...latest].map(([id, done]) => done - (first.get(id) ?? 0));
  const total = grew.reduce((a, b) => a + b, 0);
  return total > 0 ? Math.max(...grew) / total : null;
}

/** Each unit's growth of `done` over `ticks`, for the units live in the first of them. */
function unitGrowth(ticks: readonly Tick[]): number[] {
  const first = new Map(ticks[0].units.filter((u) => u.state !== 'exited').map((u) => [u.id, u.done]));
  // Each unit's latest count in the segment: the last tick of a run lists no units (they ended at the stop).
  const latest = new Map(first);
  for (const tick of ticks) for (const unit of tick.units) if (first.has(unit.id)) latest.set(unit.id, unit.done);
  return [...latest].map(([id, done]) => done - (first.get(id) as number));
}

function busiestOverLeast(ticks: readonly Tick[]): number | null {
  if (ticks.length < 2) return null;
  const grew = unitGrowth(ticks);
  if (grew.length < 2) return null;
  const busiest = Math.max(...grew);
  return busiest > 0 ? busiest / Math.max(1, Math.min(...grew)) : null;
}

/** The host's cost per completed job over `steady` (see the `host-per-job` quantity), with the ticks that measured it. */
function hostPerJob(run: RunRecord, steady: readonly Tick[], measure: 'cpu' | 'gc-pause', intervalMs: number): Reading {
  let cost = 0;
  let jobs = 0;
  let measured = 0;
  for (const tick of steady) {
    const previous = run.ticks[run.ticks.indexOf(tick) - 1];
    // A tick's CPU share is over the time since the tick before (its sampler's window); the first tick's, one interval.
    const spanMs = previous ? tick.t - previous.t : intervalMs;
    const value = measure === 'cpu' ? (tick.host.cpu === null ? null : tick.host.cpu * spanMs) : (tick.host.gc?.pauseMs ?? null);
    if (value === null) continue;
    cost += value;
    jobs += tick.jobs.completed - (previous?.jobs.completed ?? 0);
    measured++;
  }
  return { value: jobs > 0 ? cost / jobs : null, spread: null, ticks: measured };
}

/** Reads `quantity` from a run in a segment's window. */
export function readQuantity(quantity: Quantity, context: ReadContext): Reading {
  const { run, window, intervalMs } = context;
  const none: Reading = { value: null, spread: null, ticks: null };
  if (quantity.kind === 'run-failures') {
    if (!run.summary) return none;
    const pattern = new RegExp(quantity.matching, 'i');
    const value = Object.entries(run.summary.failures).reduce((sum, [why, n]) => sum + (pattern.test(why) ? n : 0), 0);
    return { value, spread: null, ticks: null };
  }
  if (!window) return none;
  if (quantity.kind === 'ready-margin') {
    return { value: window.readyAtMs === null ? null : (window.endMs - window.readyAtMs) / 1000, spread: null, ticks: null };
  }
  const steady = ticksWithin(run.ticks, window.steadyStartMs, window.endMs, intervalMs);
  switch (quantity.kind) {
    case 'gauge': {
      const values = steady.map((t) => gaugeValue(t, quantity.measure)).filter((v): v is number => v !== null);
      const iqr = quantity.aggregate === 'median' && values.length > 0 ? (quantile(values, 0.75) as number) - (quantile(values, 0.25) as number) : null;
      return { value: aggregate(values, quantity.aggregate), spread: iqr, ticks: values.length };
    }
    case 'counter': {
      // Growth over exactly the steady ticks' intervals: from the tick before the first to the last.
      if (steady.length === 0) return none;
      const before = run.ticks[run.ticks.indexOf(steady[0]) - 1]?.jobs[quantity.measure] ?? 0;
      return { value: steady[steady.length - 1].jobs[quantity.measure] - before, spread: null, ticks: null };
    }
    case 'exits':
      return { value: exitsWithin(run.events, window, quantity.causes).length, spread: null, ticks: null };
    case 'startups-per-job': {
      const started = steady.reduce((sum, t) => sum + (t.startup?.count ?? 0), 0);
      const completed = readQuantity({ kind: 'counter', measure: 'completed' }, context).value;
      return { value: completed ? started / completed : null, spread: null, ticks: steady.length };
    }
    case 'busiest-unit-share':
      return { value: busiestShare(steady), spread: null, ticks: steady.length };
    case 'busiest-over-least':
      return { value: busiestOverLeast(steady), spread: null, ticks: steady.length };
    case 'host-per-job':
      return hostPerJob(run, steady, quantity.measure, intervalMs);
    case 'shared-counter': {
      // Like a job counter: growth from the tick before the first steady one to the last.
      const last = steady[steady.length - 1]?.counter;
      if (!last) return none;
      const before = run.ticks[run.ticks.indexOf(steady[0]) - 1]?.counter?.[quantity.measure] ?? 0;
      return { value: last[quantity.measure] - before, spread: null, ticks: null };
    }
  }
}

/** A short, stable key for a quantity, as used in a verdict's `measured`, e.g. `host-eld-p99.median`. */
export function quantityKey(quantity: Quantity): string {
  switch (quantity.kind) {
    case 'gauge':
      return `${quantity.measure}.${quantity.aggregate}`;
    case 'counter':
      return quantity.measure;
    case 'exits':
      return `exits.${quantity.causes.join('+')}`;
    case 'run-failures':
      return `failures./${quantity.matching}/`;
    case 'shared-counter':
      return `counter-${quantity.measure}`;
    case 'host-per-job':
      return `host-${quantity.measure}-per-job`;
    default:
      return quantity.kind;
  }
}

const GAUGE_WORDS: Readonly<Record<GaugeMeasure, string>> = {
  'host-eld-p50': 'host event-loop delay p50 (ms)',
  'host-eld-p99': 'host event-loop delay p99 (ms)',
  'host-eld-max': 'host event-loop delay max (ms)',
  'host-elu': 'host event-loop utilisation',
  throughput: 'throughput (jobs/s)',
  'latency-p50': 'latency p50 (ms)',
  'latency-p99': 'latency p99 (ms)',
  queued: 'queued jobs',
  'in-flight': 'jobs in flight',
  'startup-p50': 'unit startup p50 (ms)',
  'health-p99': 'health check latency p99 (ms)',
  'health-timeouts': 'health checks timed out',
  'units-cpu': 'CPU of all units (cores)',
  'units-eld-p99': "worst unit's own event-loop delay p99 (ms)",
  'units-elu': "busiest unit's own event-loop utilisation",
  'host-gc-pause': "host's GC pause per tick (ms)",
};

/** A quantity in words, e.g. `host event-loop delay p99 (ms), median of ticks`. */
export function quantityLabel(quantity: Quantity): string {
  switch (quantity.kind) {
    case 'gauge':
      return `${GAUGE_WORDS[quantity.measure]}, ${quantity.aggregate === 'rise' ? 'rise over' : `${quantity.aggregate} of`} ticks`;
    case 'counter':
      return `${quantity.measure} jobs`;
    case 'exits':
      return `units exited (${quantity.causes.join(' or ')})`;
    case 'startups-per-job':
      return 'unit startups per completed job';
    case 'busiest-unit-share':
      return "busiest unit's share of jobs";
    case 'busiest-over-least':
      return "busiest unit's jobs over the least busy one's";
    case 'host-per-job':
      return quantity.measure === 'cpu' ? "host main thread's CPU per completed job (ms)" : "host's GC pause per completed job (ms)";
    case 'run-failures':
      return `failures of the run matching /${quantity.matching}/`;
    case 'ready-margin':
      return 'seconds left after its switch completed';
    case 'shared-counter':
      return quantity.measure === 'lost' ? 'updates of the shared counter lost' : 'increments of the shared counter done';
  }
}
