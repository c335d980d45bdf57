/**
 * Samples the host: its main thread's loop and the whole process's CPU. The host's timer turns every 50 ms
 * (HOST_PROBE_RESOLUTION_MS says why), jobs on its loop are measured to 4 ms at their boundaries, and a
 * histogram of the whole run is kept for the summary.
 * The delay definition is the one every unit uses (shared/loop-delay.ts); utilisation, CPU and memory are read
 * the same way as in a unit (workloads/metrics/thread-usage.ts).
 */
import { performance } from 'node:perf_hooks';
import { HOST_PROBE_RESOLUTION_MS, LOOP_PROBE_RESOLUTION_MS } from '../../../shared/constants';
import { LoopDelayMeter } from '../../../shared/loop-delay';
import type { HostSample, LoopDelay } from '../../../shared/messages';
import { tickHistogram } from './tick-histogram';
import { ThreadUsage } from '../../../workloads/metrics/thread-usage';

export class HostSampler {
  private readonly meter = new LoopDelayMeter(HOST_PROBE_RESOLUTION_MS, tickHistogram(), performance.now(), tickHistogram());
  private readonly usage = new ThreadUsage();
  private timer: NodeJS.Timeout | null = null;
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();

  constructor() {
    this.resume();
  }

  /** Starts the probe's timer; after a {@link pause}, the paused time is not counted as loop delay. */
  resume(): void {
    if (this.timer) return;
    this.meter.restart(performance.now());
    this.timer = setInterval(() => this.meter.turn(performance.now()), HOST_PROBE_RESOLUTION_MS);
    // The probe must never keep the host alive on its own.
    this.timer.unref();
  }

  /** Stops the probe's timer (sampling off); the run's histogram is kept. */
  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  sample(): HostSample {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const elapsedUs = Math.max(1, (now - this.lastAt) * 1000);
    const processCpu = (cpu.user - this.lastCpu.user + cpu.system - this.lastCpu.system) / elapsedUs;
    this.lastCpu = cpu;
    this.lastAt = now;
    const thread = this.usage.take(now);
    return { eld: this.meter.take(now), ...thread, rss: thread.rss ?? process.memoryUsage.rss(), processCpu, pid: process.pid };
  }

  /**
   * A job on the host's own loop (main-thread) blocked it from `startedAt` until now: recorded to 4 ms, as a
   * unit's probe records its jobs, and the timer's period restarts so back-to-back jobs do not wake it.
   */
  jobRan(startedAt: number): void {
    if (!this.timer) return;
    this.meter.blocked(startedAt, performance.now(), LOOP_PROBE_RESOLUTION_MS);
    this.timer.refresh();
  }

  /** Host event-loop delay over the sampler's whole life; null when its loop was never sampled. */
  overallDelay(): LoopDelay | null {
    return this.meter.overall();
  }

  stop(): void {
    this.pause();
  }
}
