/**
 * A unit's busy time and garbage collections, binned on the epoch grid of shared/activity/busy-slices.ts for its next
 * report. The unit knows when each job starts and settles, so its busy time costs no timer: two clock reads a
 * job and one addition per slice the job touched. Collections come from a `gc` performance observer (Node
 * delivers its entries on its own, without a timer of ours); the report also takes any not delivered yet.
 * What it holds is bounded by time, not by jobs: at most the slices of two report periods, the oldest giving
 * way (a unit blocked in a job for a minute reports its last slices; the engine has shown the earlier ones busy).
 */
import { performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { BUSY_SLICE_MS, SliceBins, type UnitActivity } from '../../shared/activity/busy-slices';

/** This thread's time origin on the epoch clock: fixed for the thread's life, so read once. */
const TIME_ORIGIN = performance.timeOrigin;

/** A performance.now() reading of this thread on the epoch clock every thread and process shares. */
export const toEpoch = (now: number): number => TIME_ORIGIN + now;

/** The epoch clock now (each thread's own time origin is its start). */
export const epochNow = (): number => TIME_ORIGIN + performance.now();

/** Records busy spans and collections of the calling thread between reports. */
export class ActivityRecorder {
  private readonly bins: SliceBins;
  /** Jobs running now: several at once in a cluster worker serving requests, or with I/O waits. */
  private running = 0;
  /** performance.now() since when a job has been running (meaningful while `running` > 0). */
  private busySince = 0;
  private readonly observer = new PerformanceObserver((list) => this.collected(list.getEntries()));

  /**
   * @param reportMs how often the unit reports: what it holds is bounded to two of its periods.
   * @param booting whether the thread is starting up now: its boot, from its own start until now, reads busy.
   */
  constructor(reportMs: number, booting: boolean) {
    this.bins = new SliceBins(Math.ceil((2 * reportMs) / BUSY_SLICE_MS) + 2);
    if (booting) this.bins.addBusy(TIME_ORIGIN, epochNow());
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** A job starts on this thread at `now` (performance.now(): the caller reads the clock once for everyone). */
  jobStarted(now = performance.now()): void {
    if (this.running++ === 0) this.busySince = now;
  }

  /** A job settled on this thread at `now` (performance.now()). */
  jobEnded(now = performance.now()): void {
    if (this.running === 0) return;
    if (--this.running === 0) this.bins.addBusy(toEpoch(this.busySince), toEpoch(now));
  }

  /** Everything since the previous take; a job still running counts busy up to now, and on from now. */
  take(): UnitActivity {
    const now = performance.now();
    if (this.running > 0) {
      this.bins.addBusy(toEpoch(this.busySince), toEpoch(now));
      this.busySince = now;
    }
    this.collected(this.observer.takeRecords());
    return this.bins.takeActivity(toEpoch(now));
  }

  stop(): void {
    this.observer.disconnect();
  }

  private collected(entries: PerformanceEntry[]): void {
    for (const entry of entries) this.bins.addGc(toEpoch(entry.startTime), entry.duration);
  }
}
