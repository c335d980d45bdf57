/**
 * Event-loop delay accounting, the one definition the host's probe and every unit's probe share: a timer that
 * should turn every `resolutionMs` records how late each turn is *beyond* that resolution, so an idle loop reads
 * ~0 and a 50 ms block at 4 ms reads at least 46 ms. Pure: the caller brings the clock (performance.now() ms)
 * and the histograms (Node's `createHistogram()` fits structurally), so shared/ imports nothing from Node; the
 * timers live with each probe (electron/engine/probes/host-sampler.ts, workloads/metrics/loop-probe.ts).
 *
 * Why not `perf_hooks.monitorEventLoopDelay()` directly: its `reset()` also forgets the timestamp of the last
 * timer turn, so the first delay after each reset is never recorded (checked on Node 20.20). A sampler resets
 * once per interval, and the job that starts right after the sample (the common case when jobs run back to
 * back on the main thread) would vanish from the chart; with a 50 ms interval and 50 ms jobs every block would.
 * So the meter keeps its own previous turn and records into Node's own histogram, with the same timer-lateness
 * definition monitorEventLoopDelay uses.
 */
import type { LoopDelay } from './messages';
import { histogramPercentiles, type HistogramLike } from './percentiles';

/** What the meter needs of a histogram: Node's `RecordableHistogram` fits. */
export interface RecordableHistogramLike extends HistogramLike {
  record(value: number): void;
  reset(): void;
}

const NS_PER_MS = 1e6;

/** The histograms take integers >= 1; nanoseconds keep sub-millisecond delays. */
function toNs(ms: number): number {
  return Math.max(1, Math.round(ms * NS_PER_MS));
}

/** Loop delay of one thread: per interval, and over its whole life when given a second histogram. */
export class LoopDelayMeter {
  private lastTurn: number;
  /**
   * Whether the loop was seen turning since the last take: a timer turn, a job's end (even one within the
   * resolution, which records nothing) or an overdue turn. Without any, the interval has no sample (null).
   */
  private sampled = false;

  /**
   * @param resolutionMs the period of the caller's timer.
   * @param interval histogram of the current interval, emptied by {@link take}.
   * @param now the clock when the caller's timer was started.
   * @param total histogram that keeps every delay (the host's, for a run's summary); null keeps none.
   */
  constructor(
    readonly resolutionMs: number,
    private readonly interval: RecordableHistogramLike,
    now: number,
    private readonly total: RecordableHistogramLike | null = null,
  ) {
    this.lastTurn = now;
  }

  /** The caller (re)started its timer at `now` after a pause: the pause was not a delay of the loop. */
  restart(now: number): void {
    this.lastTurn = now;
  }

  /** The caller's timer turned at `now`: records how late it was beyond the resolution. */
  turn(now: number): void {
    this.record(now - this.lastTurn - this.resolutionMs);
    this.lastTurn = now;
  }

  /**
   * The loop was blocked from `startedAt` until `now` by work the caller ran itself (the synchronous part of a
   * job), and the caller restarts its timer's period now instead of letting it turn late. Recorded is what that
   * turn would have shown, and at least what a timer of `baseResolutionMs` would have (a 50 ms job at 4 ms:
   * >= 46 ms), however coarse this meter's own timer is; nothing when both are within their resolution.
   */
  blocked(startedAt: number, now: number, baseResolutionMs: number): void {
    const lateMs = Math.max(now - this.lastTurn - this.resolutionMs, now - startedAt - baseResolutionMs);
    if (lateMs > 0) this.record(lateMs);
    // A job's end is the loop turning: within both resolutions it is a measured 0, not a missing sample.
    this.sampled = true;
    this.lastTurn = now;
  }

  /**
   * The delay since the previous take; starts a new interval. A loop blocked right now has not reached its next
   * turn, so the histogram has not seen the block yet: the open gap counts too, so a sample taken just after a
   * long block (the sampler's own timer fires then) shows it at once. The next turn measures from here, so no
   * block counts twice.
   * Null when the interval has no sample: the timer did not turn, no job ended and no turn is overdue (a window
   * shorter than the resolution, e.g. the last tick right after a stop). Zeros would claim an idle loop. Zeros are
   * a measurement: jobs ended in the interval, each within the resolution, and the timer never had to turn.
   */
  take(now: number): LoopDelay | null {
    const gap = Math.max(0, now - this.lastTurn - this.resolutionMs);
    if (gap > 0) {
      this.lastTurn = now;
      this.total?.record(toNs(gap));
    }
    const delay = histogramPercentiles(this.interval, NS_PER_MS);
    this.interval.reset();
    const sampled = this.sampled;
    this.sampled = false;
    // An overdue turn alone is the interval's one sample (a probe with no timer of its own has only that).
    if (delay === null && gap > 0) return { p50: gap, p99: gap, max: gap };
    if (delay === null) return sampled ? { p50: 0, p99: 0, max: 0 } : null;
    return { p50: delay.p50, p99: Math.max(delay.p99, gap), max: Math.max(delay.max, gap) };
  }

  /** Every delay since the meter started; null without a total histogram or before anything was recorded. */
  overall(): LoopDelay | null {
    return this.total ? histogramPercentiles(this.total, NS_PER_MS) : null;
  }

  private record(lateMs: number): void {
    this.sampled = true;
    const ns = toNs(lateMs);
    this.interval.record(ns);
    this.total?.record(ns);
  }
}
