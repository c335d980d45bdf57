/**
 * Tick -> chart points, and the rolling window the charts show. Pure functions, so the numbers a chart draws
 * can be tested without a browser.
 */
import type { StrategyName } from '../../../shared/constants';
import type { RunStrategy } from '../../../shared/attach';
import type { StrategySwitchedEvent, Tick } from '../../../shared/messages';
import { settingChangeLabel, switchRequestedMs } from '../timeline/switch-label';

/**
 * One x position on every live chart. Times in seconds since the run started, delays and latencies in ms. A
 * measure the tick did not take is null (a gap in its line), never 0 (a point at 0 ms).
 */
export interface ChartPoint {
  t: number;
  /** The host's loop delay; null when its loop was not sampled in this interval (e.g. the last tick after a stop). */
  eldP50: number | null;
  eldP99: number | null;
  eldMax: number | null;
  /** The host's garbage-collection pauses in this interval, added up (ms); null where not measured. */
  gcPauseMs: number | null;
  throughput: number;
  /** Job latency; null when no job completed in this interval (throughput 0 is a measure, latency 0 would not be). */
  latencyP50: number | null;
  latencyP99: number | null;
  queued: number;
  inFlight: number;
  /** Startup (ms) of the units that became ready in this interval; null when none did (a pool between starts). */
  startupP50: number | null;
  startupMax: number | null;
  /** The host's health checks in this interval (ms); null when none was answered (or sampling is off). */
  healthP50: number | null;
  healthP99: number | null;
  /** Health checks that got no answer within their timeout in this interval; null when sampling is off. */
  healthTimeouts: number | null;
  strategy: RunStrategy;
}

/** A vertical line on the event-loop delay chart where the strategy changed. */
export interface SwitchMarker {
  /** Seconds since the run started. */
  t: number;
  from: StrategyName | null;
  to: StrategyName;
  /** How long the switch took (request to every new unit ready), ms. */
  readyMs: number;
  /**
   * What a switch that kept the strategy changed (`↻ payload transfer`, timeline/switch-label.ts), as the timeline
   * names it; absent for a switch of strategy, labelled by the strategy it went to.
   */
  label?: string | null;
  /**
   * When the switch was asked for, seconds since the run started: from there to `t` the old strategy drained and
   * the new one's units started (the stretch is shaded). Absent for a recording that does not say.
   */
  fromT?: number;
}

/** Seconds of history the live charts show. */
export const WINDOW_S = 60;

export function tickToPoint(tick: Tick): ChartPoint {
  return {
    t: tick.t / 1000,
    eldP50: tick.host.eld?.p50 ?? null,
    eldP99: tick.host.eld?.p99 ?? null,
    eldMax: tick.host.eld?.max ?? null,
    gcPauseMs: tick.host.gc?.pauseMs ?? null,
    throughput: tick.jobs.throughput,
    latencyP50: tick.jobs.latency?.p50 ?? null,
    latencyP99: tick.jobs.latency?.p99 ?? null,
    queued: tick.jobs.queued,
    inFlight: tick.jobs.inFlight,
    startupP50: tick.startup?.p50 ?? null,
    startupMax: tick.startup?.max ?? null,
    // A check answered in no interval has no latency: a gap in the line, not a drop to 0 ms.
    healthP50: tick.health?.latency?.p50 ?? null,
    healthP99: tick.health?.latency?.p99 ?? null,
    healthTimeouts: tick.health ? tick.health.timeouts : null,
    strategy: tick.strategy,
  };
}

export function switchMarker(event: StrategySwitchedEvent): SwitchMarker {
  const marker: SwitchMarker = { t: event.t / 1000, from: event.from, to: event.to, readyMs: event.readyMs, label: settingChangeLabel(event) };
  const requestedMs = switchRequestedMs(event);
  if (requestedMs !== null) marker.fromT = requestedMs / 1000;
  return marker;
}

/** The shortest span a run of unknown length is shown over: its first seconds are not stretched across the chart. */
export const MIN_SPAN_S = 10;
/** A run of unknown length widens its span in steps of this, so the axis is not rescaled on every tick. */
export const SPAN_STEP_S = 10;

/**
 * The x range of the charts and the timeline, seconds since the run started. A run shorter than the window is
 * shown whole: from 0 to its length when that is known (an experiment's planned end, a recording's length; the
 * newest point if the run went past it), else to the newest point rounded up to SPAN_STEP_S (at least
 * MIN_SPAN_S). Once the run is longer than the window, the last `windowS` seconds roll with the newest point.
 */
export function chartDomain(latestT: number | undefined, knownLengthS: number | null = null, windowS = WINDOW_S): [number, number] {
  const t = latestT ?? 0;
  const span = knownLengthS !== null && knownLengthS > 0 ? Math.max(knownLengthS, t) : Math.max(MIN_SPAN_S, Math.ceil(t / SPAN_STEP_S - 1e-9) * SPAN_STEP_S);
  if (span <= windowS) return [0, span];
  return t <= windowS ? [0, windowS] : [t - windowS, t];
}

/**
 * The x range of a comparison: both runs whole, from their start to the end of the longer one (never less than
 * a second, so an empty recording still has an axis).
 */
export function comparisonDomain(lengthsS: readonly number[]): [number, number] {
  return [0, Math.max(1, ...lengthsS.filter((s) => Number.isFinite(s)))];
}

/** Items whose time lies within the domain (inclusive). Input is sorted by time, so one scan from the end suffices. */
export function inWindow<T extends { t: number }>(items: readonly T[], domain: readonly [number, number]): T[] {
  let first = items.length;
  while (first > 0 && (items[first - 1] as T).t >= domain[0]) first -= 1;
  return items.slice(first).filter((item) => item.t <= domain[1]);
}

/**
 * Thins a series to at most `maxPoints` for drawing, keeping the highest point of each bucket (by `key`), so
 * a short spike of event-loop delay never disappears from the chart when the interval is very short. A point
 * not measured (key null) is kept only when its whole bucket is: a gap survives where nothing was measured.
 */
export function decimate<T extends { t: number }>(points: readonly T[], maxPoints: number, key: (p: T) => number | null): T[] {
  if (points.length <= maxPoints || maxPoints < 2) return points.slice();
  const bucket = Math.ceil(points.length / maxPoints);
  const out: T[] = [];
  for (let i = 0; i < points.length; i += bucket) {
    let best = points[i] as T;
    for (let j = i + 1; j < Math.min(i + bucket, points.length); j++) {
      const p = points[j] as T;
      if ((key(p) ?? -Infinity) > (key(best) ?? -Infinity)) best = p;
    }
    out.push(best);
  }
  // The newest sample is what the eye compares against the numbers above the chart: always draw it.
  const newest = points[points.length - 1] as T;
  if (out[out.length - 1] !== newest) out.push(newest);
  return out;
}

/** A stretch of the window run by one strategy, for shading the chart background between switch markers. */
export interface StrategySegment {
  from: number;
  to: number;
  strategy: RunStrategy;
}

/** Cuts the window at each switch marker; the stretch before the first visible marker belongs to its `from`. */
export function strategySegments(markers: readonly SwitchMarker[], domain: readonly [number, number], latestT: number | undefined): StrategySegment[] {
  const end = Math.min(domain[1], latestT ?? domain[0]);
  const segments: StrategySegment[] = [];
  let cursor = domain[0];
  let current: RunStrategy | null = markers[0]?.from ?? null;
  for (const marker of markers) {
    const at = Math.max(domain[0], Math.min(marker.t, end));
    if (current !== null && at > cursor) segments.push({ from: cursor, to: at, strategy: current });
    cursor = at;
    current = marker.to;
  }
  if (current !== null && end > cursor) segments.push({ from: cursor, to: end, strategy: current });
  return segments;
}
