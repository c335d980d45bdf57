/**
 * The one home of order statistics: how a histogram becomes {@link Percentiles} (structural, so it takes Node's
 * `perf_hooks` histograms without shared/ importing Node: every producer (job latency, loop delay, unit startup)
 * reads the same way), and the median, quantile and percentile of plain values. No values have no median: those
 * answer `null` (not measured), and each caller decides what that means to it.
 */
import type { Percentiles } from './messages';

/** What this needs of a histogram: Node's `RecordableHistogram` and `IntervalHistogram` fit. */
export interface HistogramLike {
  readonly count: number;
  readonly max: number;
  percentile(percentile: number): number;
}

/**
 * p50, p99 and max of `histogram`, each divided by `perUnit` (e.g. 1e6 for a histogram of nanoseconds read
 * in ms); null when it is empty: an empty distribution was not measured, and zeros would read as "0 ms".
 */
export function histogramPercentiles(histogram: HistogramLike, perUnit = 1): Percentiles | null {
  if (histogram.count === 0) return null;
  return { p50: histogram.percentile(50) / perUnit, p99: histogram.percentile(99) / perUnit, max: histogram.max / perUnit };
}

/** The values a reader has: a tick's figure that was not measured (null, or absent in an old file) is skipped. */
export function measured(values: ReadonlyArray<number | null | undefined>): number[] {
  return values.filter((value): value is number => value !== null && value !== undefined);
}

/** A sorted copy: the functions below never reorder their caller's values. */
const ascending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/** The nearest-rank `p`-th percentile (0..100) of values already sorted ascending; at least one value. */
function rankOf(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The `q`-quantile (0..1) of values already sorted ascending, interpolated between ranks; at least one value. */
function interpolated(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/**
 * The `q`-quantile (0..1) of values, interpolated between the two nearest ranks (so it may lie between two
 * values, as a median of an even count does); null when there are none.
 */
export function quantile(values: readonly number[], q: number): number | null {
  return values.length === 0 ? null : interpolated(ascending(values), q);
}

/** The median: the middle value, or the mean of the two middle ones for an even count; null when there are none. */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/**
 * The nearest-rank `p`-th percentile (0..100): always one of the values (the smallest with at least p % of them
 * at or below it), as a tick's p99 of a few jobs should be a job's latency; null when there are none.
 */
export function percentile(values: readonly number[], p: number): number | null {
  return values.length === 0 ? null : rankOf(ascending(values), p);
}

/** p50, p99 and max of plain values (nearest rank); null when there are none. Does not reorder `values`. */
export function valuePercentiles(values: readonly number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = ascending(values);
  return { p50: rankOf(sorted, 50), p99: rankOf(sorted, 99), max: sorted[sorted.length - 1] };
}
