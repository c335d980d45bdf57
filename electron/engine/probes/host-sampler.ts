/**
 * Samples the host: its main thread's loop and the whole process's CPU. The host's timer turns every 50 ms
 * (HOST_PROBE_RESOLUTION_MS says why), jobs on its loop are measured to 4 ms at their boundaries, and a
 * histogram of the whole run is kept for the summary.
 * The delay definition is the one every unit uses (shared/loop-delay.ts); utilisation, CPU and memory are read
 * the same way as in a unit (workloads/metrics/thread-usage.ts).
 * Busy slices (shared/activity/busy-slices.ts): a job on the host's loop (`main-thread`) is busy from its exact start to
 * its end; the rest of the loop's work is the utilisation between two readings, at each turn of the timer and
 * each tick, spread over the stretch's free time. No timer of its own: a 20 ms one would wake the host 2.5 times
 * as often, and at 10 ms the wakes alone cost 2.5 % of the throughput (HOST_PROBE_RESOLUTION_MS). So outside
 * its own jobs the host's slices are as sharp as the 50 ms turns (sharper when ticks fall between them); what
 * the timeline most needs sharp there, a job holding the loop, is exact. Collections: a `gc` performance observer.
 * The utilisation-to-slices part is shared with an attached app's threads (workloads/metrics/utilisation-slices.ts).
 */
import { performance } from 'node:perf_hooks';
import type { SliceWindow } from '../../../shared/activity/busy-slices';
import { HOST_PROBE_RESOLUTION_MS, LOOP_PROBE_RESOLUTION_MS } from '../../../shared/constants';
import { LoopDelayMeter } from '../../../shared/loop-delay';
import type { HostSample, LoopDelay } from '../../../shared/messages';
import { tickHistogram } from './tick-histogram';
import { ThreadUsage } from '../../../workloads/metrics/thread-usage';
import { UtilisationSlices } from '../../../workloads/metrics/utilisation-slices';

export class HostSampler {
  private readonly meter = new LoopDelayMeter(HOST_PROBE_RESOLUTION_MS, tickHistogram(), performance.now(), tickHistogram());
  private readonly usage = new ThreadUsage();
  private timer: NodeJS.Timeout | null = null;
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();
  private readonly slices = new UtilisationSlices();

  constructor() {
    this.resume();
  }

  /** Starts the probe's timer; after a {@link pause}, the paused time is not counted as loop delay. */
  resume(): void {
    if (this.timer) return;
    const now = performance.now();
    this.meter.restart(now);
    // The paused stretch is not spread over anything: utilisation is read afresh from here.
    this.slices.start(now);
    this.timer = setInterval(() => {
      const at = performance.now();
      this.meter.turn(at);
      this.slices.read(at);
    }, HOST_PROBE_RESOLUTION_MS);
    // The probe must never keep the host alive on its own.
    this.timer.unref();
  }

  /** Stops the probe's timer (sampling off); the run's histogram is kept. */
  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.slices.stop();
  }

  /**
   * The host's sample over the interval; with a `window`, its busy slices and collections over it (taken),
   * else (a caller that does not tick) not measured.
   */
  sample(window?: SliceWindow): HostSample {
    const now = performance.now();
    this.slices.flush(now);
    const activity = window ? this.slices.bins.takeWindow(window, 0) : { busy: null, gc: null };
    const cpu = process.cpuUsage();
    const elapsedUs = Math.max(1, (now - this.lastAt) * 1000);
    const processCpu = (cpu.user - this.lastCpu.user + cpu.system - this.lastCpu.system) / elapsedUs;
    this.lastCpu = cpu;
    this.lastAt = now;
    const thread = this.usage.take(now);
    return { eld: this.meter.take(now), ...thread, rss: thread.rss ?? process.memoryUsage.rss(), processCpu, pid: process.pid, ...activity };
  }

  /**
   * A job on the host's own loop (main-thread) blocked it from `startedAt` until now: recorded to 4 ms, as a
   * unit's probe records its jobs, and the timer's period restarts so back-to-back jobs do not wake it.
   */
  jobRan(startedAt: number): void {
    if (!this.timer) return;
    const now = performance.now();
    this.meter.blocked(startedAt, now, LOOP_PROBE_RESOLUTION_MS);
    this.slices.addSpan(startedAt, now);
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
