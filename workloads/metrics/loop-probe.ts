/**
 * Measures one thread's event loop: delay, utilisation, CPU and memory, per interval. The host, every worker
 * thread and every process use this same probe, so their numbers compare.
 *
 * Why not `perf_hooks.monitorEventLoopDelay()` directly: its `reset()` also forgets the timestamp of the last
 * timer turn, so the first delay after each reset is never recorded (checked on Node 20.20). A sampler resets
 * once per interval, and the job that starts right after the sample (the common case when jobs run back to
 * back on the main thread) would vanish from the chart; with a 50 ms interval and 50 ms jobs every block would.
 * So the probe keeps its own previous timestamp and records into Node's own histogram (`createHistogram`),
 * with the same timer-lateness definition monitorEventLoopDelay uses.
 */
import { createHistogram, performance, type EventLoopUtilization, type RecordableHistogram } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import { LOOP_PROBE_RESOLUTION_MS } from '../../shared/constants';
import type { LoopSample } from '../../shared/messages';
import { threadCpuMicros } from './thread-cpu';

const NS_PER_MS = 1e6;

/** Samples the event loop of the thread that created it. */
export class LoopProbe {
  private readonly histogram: RecordableHistogram = createHistogram();
  /** Every delay since the probe started, for a run's summary. */
  private readonly total: RecordableHistogram = createHistogram();
  private readonly timer: NodeJS.Timeout;
  private lastTurn = performance.now();
  private lastElu: EventLoopUtilization = performance.eventLoopUtilization();
  private lastCpuMicros: number | null = threadCpuMicros();
  private lastSampleAt = performance.now();

  constructor(private readonly resolutionMs = LOOP_PROBE_RESOLUTION_MS) {
    this.timer = setInterval(() => this.onTurn(), resolutionMs);
    // The probe must never keep a thread or process alive on its own.
    this.timer.unref();
  }

  private onTurn(): void {
    const now = performance.now();
    const lateMs = now - this.lastTurn - this.resolutionMs;
    this.lastTurn = now;
    // The histogram takes integers >= 1; record nanoseconds so sub-millisecond delays survive.
    const ns = Math.max(1, Math.round(lateMs * NS_PER_MS));
    this.histogram.record(ns);
    this.total.record(ns);
  }

  /** Delay over the probe's whole life. */
  overall(): { p50: number; p99: number; max: number } {
    const h = this.total;
    if (h.count === 0) return { p50: 0, p99: 0, max: 0 };
    return { p50: h.percentile(50) / NS_PER_MS, p99: h.percentile(99) / NS_PER_MS, max: h.max / NS_PER_MS };
  }

  /**
   * The delay still building up: a loop blocked right now has not reached its next timer turn, so the
   * histogram has not seen the block yet. Counting the open gap makes a sample taken just after a long block
   * (the sampler's own timer fires then) show it at once.
   */
  private openGapMs(now: number): number {
    return Math.max(0, now - this.lastTurn - this.resolutionMs);
  }

  /** Everything measured since the previous sample; starts a new interval. */
  sample(): LoopSample {
    const now = performance.now();
    const elu = performance.eventLoopUtilization(this.lastElu);
    this.lastElu = performance.eventLoopUtilization();
    const cpuMicros = threadCpuMicros();
    const elapsedMs = Math.max(1e-3, now - this.lastSampleAt);
    const cpu =
      cpuMicros !== null && this.lastCpuMicros !== null ? (cpuMicros - this.lastCpuMicros) / 1000 / elapsedMs : elu.utilization;
    this.lastCpuMicros = cpuMicros;
    this.lastSampleAt = now;

    const gap = this.openGapMs(now);
    // The open gap belongs to this interval; the next turn measures from here, so no block counts twice.
    if (gap > 0) {
      this.lastTurn = now;
      this.total.record(Math.round(gap * NS_PER_MS));
    }
    const h = this.histogram;
    const seen = h.count > 0;
    const eld = {
      p50: seen ? h.percentile(50) / NS_PER_MS : 0,
      p99: Math.max(seen ? h.percentile(99) / NS_PER_MS : 0, gap),
      max: Math.max(seen ? h.max / NS_PER_MS : 0, gap),
    };
    h.reset();
    const memory = process.memoryUsage();
    return {
      eld,
      elu: elu.utilization,
      cpu: Math.max(0, cpu),
      rss: isMainThread ? memory.rss : null,
      heapUsed: memory.heapUsed,
    };
  }

  /** Stops the probe's timer. */
  stop(): void {
    clearInterval(this.timer);
  }
}
