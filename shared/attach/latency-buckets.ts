/**
 * HTTP latencies as a sparse histogram of log-width buckets: what each thread's agent sends per report
 * (AgentHttp.latencyBuckets in shared/attach.ts) and what the lab adds up over threads and processes. Buckets, not
 * percentiles: a p99 of p99s is no p99, while a sum of buckets is exactly the histogram of all the requests, and
 * its percentiles are as good as one bucket's width (3 %).
 *
 * The grid is fixed, so every thread and every reader agrees on it: bucket 0 holds [0, 0.01 ms), bucket k >= 1
 * holds [0.01 · 1.03^(k-1), 0.01 · 1.03^k) ms, and the last bucket also holds everything past 10 minutes.
 * About 600 buckets; a report holds only the ones it used, as flat pairs [bucket, count].
 * The agent records into a {@link LatencyBuckets}; a reader of flat pairs may use {@link mergeBuckets} and
 * {@link bucketPercentiles} instead. Plain code, no Node imports: the agent, the lab and any reader of a
 * recording share it.
 */
import type { Percentiles } from '../unit-samples';

/** The grid: its finest bucket's upper bound, each bucket's growth over the one before, and where it stops growing. */
export const LATENCY_GRID = { minMs: 0.01, growth: 1.03, maxMs: 600_000 } as const;

const LOG_GROWTH = Math.log(LATENCY_GRID.growth);

/** How many buckets the grid has: bucket 0, then enough to reach {@link LATENCY_GRID}.maxMs. */
export const LATENCY_BUCKET_COUNT = Math.ceil(Math.log(LATENCY_GRID.maxMs / LATENCY_GRID.minMs) / LOG_GROWTH) + 2;

const LAST_BUCKET = LATENCY_BUCKET_COUNT - 1;

/** The bucket that holds a latency of `ms` (negative and NaN read as 0: a clock never runs back, a bug must not throw). */
export function bucketOf(ms: number): number {
  if (!(ms >= LATENCY_GRID.minMs)) return 0;
  const bucket = Math.floor(Math.log(ms / LATENCY_GRID.minMs) / LOG_GROWTH) + 1;
  return Math.min(LAST_BUCKET, bucket);
}

/** The lower bound of a bucket, in ms. */
export function bucketLowerMs(bucket: number): number {
  return bucket <= 0 ? 0 : LATENCY_GRID.minMs * LATENCY_GRID.growth ** (bucket - 1);
}

/**
 * The value a bucket stands for, in ms: the geometric middle of its bounds (within 1.5 % of anything in it); half
 * the finest bound for bucket 0; the lower bound of the last one, which has no upper bound.
 */
export function bucketValueMs(bucket: number): number {
  if (bucket <= 0) return LATENCY_GRID.minMs / 2;
  if (bucket >= LAST_BUCKET) return bucketLowerMs(LAST_BUCKET);
  return bucketLowerMs(bucket) * Math.sqrt(LATENCY_GRID.growth);
}

/** Whether `bucket` is a bucket of the grid and `count` a count: what {@link LatencyBuckets.merge} keeps of a pair. */
function validPair(bucket: number, count: number): boolean {
  return Number.isInteger(bucket) && bucket >= 0 && bucket <= LAST_BUCKET && Number.isInteger(count) && count > 0;
}

/** A sparse histogram on the grid: record latencies, merge other histograms' pairs, read percentiles. */
export class LatencyBuckets {
  private readonly counts = new Map<number, number>();
  private total = 0;

  /** How many latencies it holds. */
  get count(): number {
    return this.total;
  }

  record(ms: number): void {
    this.add(bucketOf(ms), 1);
  }

  /**
   * Adds flat pairs [bucket, count] (another thread's report). Pairs that are not on the grid or whose count is not a
   * positive integer are skipped: the lab reads them off a socket and must not let one bad report throw. Returns
   * how many pairs were skipped, for a caller that wants to know.
   */
  merge(pairs: readonly number[]): number {
    let skipped = 0;
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      if (validPair(pairs[i], pairs[i + 1])) this.add(pairs[i], pairs[i + 1]);
      else skipped++;
    }
    return skipped + (pairs.length % 2);
  }

  /** Flat pairs [bucket, count], buckets ascending, only the used ones: what a report carries. */
  encode(): number[] {
    const buckets = [...this.counts.keys()].sort((a, b) => a - b);
    const pairs: number[] = [];
    for (const bucket of buckets) pairs.push(bucket, this.counts.get(bucket) as number);
    return pairs;
  }

  /**
   * p50, p99 and max (nearest rank, each the value of the bucket it falls in: within 1.5 % of the truth up to
   * 10 minutes), in ms; null when empty (nothing finished is not "0 ms").
   */
  percentiles(): Percentiles | null {
    if (this.total === 0) return null;
    const buckets = [...this.counts.keys()].sort((a, b) => a - b);
    const ranks = [Math.ceil(0.5 * this.total), Math.ceil(0.99 * this.total)];
    const found: number[] = [];
    let seen = 0;
    for (const bucket of buckets) {
      seen += this.counts.get(bucket) as number;
      while (found.length < ranks.length && seen >= ranks[found.length]) found.push(bucketValueMs(bucket));
    }
    return { p50: found[0], p99: found[1], max: bucketValueMs(buckets[buckets.length - 1]) };
  }

  /** Empties it (a new report's window). */
  clear(): void {
    this.counts.clear();
    this.total = 0;
  }

  private add(bucket: number, count: number): void {
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + count);
    this.total += count;
  }
}

/** Two flat [bucket, count] lists as one, buckets ascending (pairs off the grid are left out). */
export function mergeBuckets(a: readonly number[], b: readonly number[]): number[] {
  const merged = new LatencyBuckets();
  merged.merge(a);
  merged.merge(b);
  return merged.encode();
}

/** p50, p99 and max of a flat [bucket, count] list (see {@link LatencyBuckets.percentiles}); null when it counts nothing. */
export function bucketPercentiles(pairs: readonly number[]): Percentiles | null {
  const histogram = new LatencyBuckets();
  histogram.merge(pairs);
  return histogram.percentiles();
}
