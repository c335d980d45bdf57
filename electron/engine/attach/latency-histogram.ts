/**
 * Request latencies gathered from many threads' reports: their sparse log-bucket histograms
 * (shared/attach/latency-buckets.ts) merged bucket by bucket, so a process's or the whole app's p99 is read from
 * every request it served, exactly to the bucket, never an average of the threads' p99s.
 */
import { LatencyBuckets } from '../../../shared/attach/latency-buckets';
import type { Percentiles } from '../../../shared/unit-samples';

export class LatencyHistogram {
  private readonly buckets = new LatencyBuckets();

  /** Adds a report's flat [bucket, count] pairs (pairs off the grid, from a bad report, are skipped). */
  add(pairs: readonly number[]): void {
    this.buckets.merge(pairs);
  }

  /** p50, p99 and max in ms; null when no request finished. */
  percentiles(): Percentiles | null {
    return this.buckets.percentiles();
  }

  clear(): void {
    this.buckets.clear();
  }
}
