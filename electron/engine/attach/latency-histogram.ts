/**
 * Request latencies gathered from many threads' reports: their sparse log-bucket histograms
 * (shared/attach/latency-buckets.ts) merged bucket by bucket, so a process's or the whole app's p99 is read from
 * every request it served, exactly to the bucket, never an average of the threads' p99s.
 */
import type { Percentiles } from '../../../shared/unit-samples';
import { bucketPercentiles, mergeBuckets } from './latency-buckets-stand-in';

export class LatencyHistogram {
  private buckets: number[] = [];

  /** Adds a report's flat [bucket, count] pairs. */
  add(buckets: readonly number[]): void {
    if (buckets.length > 0) this.buckets = mergeBuckets(this.buckets, buckets);
  }

  /** p50, p99 and max in ms; null when no request finished. */
  percentiles(): Percentiles | null {
    return bucketPercentiles(this.buckets);
  }

  clear(): void {
    this.buckets = [];
  }
}
