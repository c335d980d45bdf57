/**
 * The probe of a worker thread or process: its loop delay (shared/loop-delay.ts, the definition the host uses
 * too), utilisation, CPU and memory, per interval.
 *
 * Its timer is the probe's cost, and the cost grows with the units: each turn wakes a thread, and 64 idle
 * threads at 4 ms spent 0.8 of a 2-core machine on nothing else. So a unit's resolution comes from the engine
 * (`UnitSettings.probeResolutionMs`: 20 ms while the units fit the cores, coarser when they outnumber them), and
 * the blocks that matter most, jobs, do not depend on it: the unit tells the probe when the synchronous part of
 * a job ended ({@link LoopProbe.jobRan}), and a block longer than 4 ms is recorded then, as the 4 ms timer would
 * have seen it. The timer then restarts its period, so a unit busy with back-to-back jobs is hardly woken.
 * When units far outnumber the cores the resolution reaches the report period, and the probe has no timer of
 * its own: the report timer's lateness, read at each sample, is the loop delay between jobs (each timer woke
 * every unit, measured with `npm run bench`: about 1 % of the throughput at 16 processes on 2 cores).
 */
import { createHistogram, performance } from 'node:perf_hooks';
import { LOOP_PROBE_RESOLUTION_MS } from '../../shared/constants';
import { LoopDelayMeter } from '../../shared/loop-delay';
import type { LoopSample } from '../../shared/messages';
import { ThreadUsage } from './thread-usage';

/** Samples the event loop of the thread that created it. */
export class LoopProbe {
  private readonly meter: LoopDelayMeter;
  private readonly usage = new ThreadUsage();
  private readonly timer: NodeJS.Timeout | null = null;

  /**
   * @param resolutionMs the timer's period; blocks the unit reports itself are measured at 4 ms whatever it is.
   * @param sampleEveryMs how often {@link sample} is called: from this resolution on, that call is the probe.
   */
  constructor(resolutionMs = LOOP_PROBE_RESOLUTION_MS, sampleEveryMs = Infinity) {
    // Two significant figures (delays to 1 %): the histogram is read and emptied every interval in every unit,
    // and at Node's default three its 350 KiB of counters made that six times dearer.
    this.meter = new LoopDelayMeter(Math.min(resolutionMs, sampleEveryMs), createHistogram({ figures: 2 }), performance.now());
    if (resolutionMs >= sampleEveryMs) return;
    this.timer = setInterval(() => this.meter.turn(performance.now()), resolutionMs);
    // The probe must never keep a thread or process alive on its own.
    this.timer.unref();
  }

  /**
   * A CPU-bound job blocked the loop from `startedAt` until `now` (performance.now()). A block over 4 ms is recorded as the 4 ms timer
   * would have seen it (a 50 ms job reads at least 46 ms, however coarse this timer); a shorter one is below the
   * resolution. Either way the timer's period restarts now: while jobs come back to back it never turns, as the
   * jobs' own boundaries measure the loop, and a busy unit is not woken for nothing.
   */
  jobRan(startedAt: number, now = performance.now()): void {
    this.meter.blocked(startedAt, now, LOOP_PROBE_RESOLUTION_MS);
    this.timer?.refresh();
  }

  /** Everything measured since the previous sample; starts a new interval. */
  sample(): LoopSample {
    const now = performance.now();
    return { eld: this.meter.take(now), ...this.usage.take(now) };
  }

  /** Stops the probe's timer. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
