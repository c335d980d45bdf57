/**
 * The sampling overhead as a ratio with its error bar. Throughput is measured in windows alternating sampling on
 * and off in one run; each pair of neighbouring windows gives a ratio (its log: a ratio's noise is
 * multiplicative). The figure is the Hodges-Lehmann estimate of the pairs' log ratios (the median of their
 * pairwise means) with the 95 % interval of Wilcoxon's signed-rank test, not a mean with Student's t: on these
 * shared machines a window now and then loses 10-15 % to another tenant's burst, and one such pair in twenty
 * moves a mean by most of the 2 % to be shown, and widens its interval, while it moves this median by one
 * place. The verdict against the aim says *inconclusive* when the interval straddles it, rather than pick a
 * side. Written here: the statistics packages on npm give the signed-rank test's p-value, not this interval.
 */
import { median } from '../shared/percentiles';

/** Two-sided 95 % quantile of the standard normal distribution. */
const Z95 = 1.959964;

export interface PairedRatio {
  /** Hodges-Lehmann estimate of the pairs' on/off ratio. */
  ratio: number;
  /** 95 % confidence interval of the ratio; with fewer than 6 pairs none can be given and it spans every pair. */
  low: number;
  high: number;
  /** Geometric mean of the pairs' ratios, for comparison with the estimate. */
  mean: number;
  pairs: number;
  verdict: 'meets' | 'misses' | 'inconclusive';
}

/**
 * How many of the sorted pairwise means lie outside the 95 % interval on each side: the signed-rank
 * statistic's critical value, by its normal approximation (close from about 10 pairs on; rounded down, so the
 * interval is if anything wider). Below 1 (fewer than 6 pairs) no interval at 95 % exists.
 */
function outsideEachSide(n: number): number {
  return Math.floor((n * (n + 1)) / 4 - Z95 * Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24));
}

/** The ratio of `on` to `off` (same length, pair i measured back to back) against `aim` (e.g. 0.98). */
export function pairedRatio(on: number[], off: number[], aim: number): PairedRatio {
  if (on.length !== off.length || on.length === 0) throw new Error(`pairedRatio needs as many on as off windows, at least one (got ${on.length} and ${off.length})`);
  const logs = on.map((value, i) => Math.log(value / off[i]));
  const n = logs.length;
  const means: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) means.push((logs[i] + logs[j]) / 2);
  means.sort((a, b) => a - b);
  const m = means.length;
  // At least one pair, so at least one mean.
  const centre = median(means) as number;
  const k = outsideEachSide(n);
  const low = Math.exp(k >= 1 ? means[k - 1] : means[0]);
  const high = Math.exp(k >= 1 ? means[m - k] : means[m - 1]);
  const mean = Math.exp(logs.reduce((a, b) => a + b, 0) / n);
  // Too few pairs have no interval at 95 %: they cannot show anything either way.
  const verdict = k < 1 ? 'inconclusive' : low >= aim ? 'meets' : high < aim ? 'misses' : 'inconclusive';
  return { ratio: Math.exp(centre), low, high, mean, pairs: n, verdict };
}

/**
 * Runs `a` and `b` alternately (a b, b a, a b, ...), `rounds` times each, and returns their results in run order:
 * a drift of the machine during the run then hits both sides alike, and result i of each side were measured
 * back to back (a pair for {@link pairedRatio}).
 */
export async function alternate<T>(rounds: number, a: () => Promise<T>, b: () => Promise<T>): Promise<{ a: T[]; b: T[] }> {
  const results = { a: [] as T[], b: [] as T[] };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      results.a.push(await a());
      results.b.push(await b());
    } else {
      results.b.push(await b());
      results.a.push(await a());
    }
  }
  return results;
}
