/**
 * The sampling overhead as a ratio with its error bar. Throughput is measured in windows alternating sampling on
 * and off in one run; each pair of neighbouring windows gives a ratio, and the figure is their geometric mean
 * with a 95 % confidence interval (Student's t over the log ratios: a ratio's noise is multiplicative). The
 * verdict against the aim says *inconclusive* when the interval straddles it, rather than pick a side.
 */

/** Two-sided 95 % quantiles of Student's t by degrees of freedom (1..30); beyond, 1.96 is close enough. */
const T95 = [12.71, 4.3, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.2, 2.18, 2.16, 2.14, 2.13, 2.12, 2.11, 2.1, 2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06, 2.06, 2.05, 2.05, 2.05, 2.04];

export interface PairedRatio {
  /** Geometric mean of the pairs' on/off ratios. */
  ratio: number;
  /** 95 % confidence interval of the ratio; equal to it with a single pair. */
  low: number;
  high: number;
  pairs: number;
  verdict: 'meets' | 'misses' | 'inconclusive';
}

/** The ratio of `on` to `off` (same length, pair i measured back to back) against `aim` (e.g. 0.98). */
export function pairedRatio(on: number[], off: number[], aim: number): PairedRatio {
  if (on.length !== off.length || on.length === 0) throw new Error(`pairedRatio needs as many on as off windows, at least one (got ${on.length} and ${off.length})`);
  const logs = on.map((value, i) => Math.log(value / off[i]));
  const n = logs.length;
  const mean = logs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  const half = n > 1 ? (T95[Math.min(n - 1, T95.length) - 1] ?? 1.96) * (sd / Math.sqrt(n)) : 0;
  const ratio = Math.exp(mean);
  const low = Math.exp(mean - half);
  const high = Math.exp(mean + half);
  // One pair has no error bar: it cannot show anything either way.
  const verdict = n < 2 ? 'inconclusive' : low >= aim ? 'meets' : high < aim ? 'misses' : 'inconclusive';
  return { ratio, low, high, pairs: n, verdict };
}
