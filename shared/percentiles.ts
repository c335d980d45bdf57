/**
 * The one way a histogram becomes {@link Percentiles}. Structural, so it takes Node's `perf_hooks` histograms
 * without shared/ importing Node: every producer (job latency, loop delay, unit startup) reads the same way.
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

/** p50, p99 and max of plain values (nearest rank); null when there are none. Does not reorder `values`. */
export function valuePercentiles(values: readonly number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { p50: rank(50), p99: rank(99), max: sorted[sorted.length - 1] };
}
