/**
 * Job accounting. Every job is in exactly one of: queued, in flight, completed, failed, dropped, cancelled, so
 * submitted = completed + failed + dropped + cancelled + queued + inFlight holds by construction at every instant.
 * A job the run's stop found still queued is cancelled, not failed: it never started, and a stop is not a failure.
 */
import { tickHistogram } from '../probes/tick-histogram';
import type { JobCounts, Percentiles } from '../../../shared/messages';
import { histogramPercentiles } from '../../../shared/percentiles';

const US_PER_MS = 1_000;
/**
 * Distinct failure reasons kept per run. A reason can carry a value that differs per job (a wrong checksum, the
 * last line a program printed, an HTTP body), and a run that fails that way for hours must not grow a key per
 * job; past this many kinds, new ones are counted together under {@link OTHER_REASONS}.
 */
export const MAX_FAILURE_KINDS = 100;
export const OTHER_REASONS = `other reasons (more than ${MAX_FAILURE_KINDS} kinds)`;

/** Counts of one run. */
export class JobLedger {
  submitted = 0;
  completed = 0;
  failed = 0;
  dropped = 0;
  /** Still queued when the run stopped: never started. */
  cancelled = 0;
  queued = 0;
  inFlight = 0;
  /** Jobs sent again after their unit died (each at most once). */
  retried = 0;
  /** Why jobs failed, with counts. */
  readonly failures: Record<string, number> = {};
  private failureKinds = 0;
  private completedInInterval = 0;
  private readonly intervalLatency = tickHistogram();
  private readonly runLatency = tickHistogram();

  submit(): void {
    this.submitted++;
    this.queued++;
  }

  /** A submitted job the full queue refused. */
  drop(): void {
    this.queued--;
    this.dropped++;
  }

  /** A queued job the run's stop cancelled before it started. */
  cancel(): void {
    this.queued--;
    this.cancelled++;
  }

  dispatch(): void {
    this.queued--;
    this.inFlight++;
  }

  /** A dispatched job goes back to the queue (a retry after its unit died). */
  requeue(): void {
    this.inFlight--;
    this.queued++;
    this.retried++;
  }

  complete(latencyMs: number): void {
    this.inFlight--;
    this.completed++;
    this.completedInInterval++;
    const us = Math.max(1, Math.round(latencyMs * US_PER_MS));
    this.intervalLatency.record(us);
    this.runLatency.record(us);
  }

  /** A dispatched job that failed (a job that never left the queue is dropped or cancelled, never failed). */
  fail(reason: string): void {
    this.inFlight--;
    this.failed++;
    // Reasons name the pid or thread they happened on; count them without it so the table stays short.
    const named = reason.replace(/\b(process|program|thread|worker|pid)([ -])\d+/g, '$1$2N').slice(0, 200);
    const key = Object.hasOwn(this.failures, named) || this.failureKinds < MAX_FAILURE_KINDS ? named : OTHER_REASONS;
    // Own keys only: an inherited one ('constructor', 'toString') would read as a function, not a count.
    const count = Object.hasOwn(this.failures, key) ? this.failures[key] : 0;
    if (count === 0) this.failureKinds++;
    this.failures[key] = count + 1;
  }

  /**
   * The counts for a tick, with throughput and latency over the interval just ended; starts a new interval.
   * An interval that completed no job has throughput 0 (measured) and latency null (nothing to measure).
   */
  takeInterval(intervalMs: number): JobCounts {
    const latency = histogramPercentiles(this.intervalLatency, US_PER_MS);
    const counts: JobCounts = {
      submitted: this.submitted,
      completed: this.completed,
      failed: this.failed,
      dropped: this.dropped,
      cancelled: this.cancelled,
      queued: this.queued,
      inFlight: this.inFlight,
      retried: this.retried,
      throughput: intervalMs > 0 ? (this.completedInInterval * 1000) / intervalMs : 0,
      latency: latency && { p50: latency.p50, p99: latency.p99 },
    };
    this.completedInInterval = 0;
    this.intervalLatency.reset();
    return counts;
  }

  /** Latency over the whole run; null when no job completed. */
  runLatencies(): Percentiles | null {
    return histogramPercentiles(this.runLatency, US_PER_MS);
  }
}
