/**
 * What every thread and process entry does besides jobs: it says it is ready, reports its own loop sample, busy
 * time and garbage collections every interval over whatever channel it has (parentPort, IPC), and starts its
 * jobs through here so the engine sees them start, the probe sees the block they make and the busy time is
 * their start and end (metrics/activity-recorder.ts). The engine may turn the sampling off and on
 * while the unit runs (sampling-control.ts): the probe and the report then stop or start afresh.
 */
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { isCpuBound } from '../shared/constants';
import type { UnitActivity } from '../shared/activity/busy-slices';
import type { LoopSample } from '../shared/messages';
import type { SamplingMessage, UnitMessage, UnitSettings } from '../shared/unit-protocol';
import { JobAnnouncer, type AnnouncedJob } from './job-announcer';
import { ActivityRecorder } from './metrics/activity-recorder';
import { LoopProbe } from './metrics/loop-probe';
import { onSamplingChange } from './sampling-control';

/** Sends unit messages over the unit's channel. */
export type SendUnitMessage = (message: UnitMessage) => void;

/** A unit's side of the measuring. */
export interface UnitReporting {
  /**
   * Starts `job`: `start` runs its synchronous part (all of a CPU-bound job, which blocks this loop) and its
   * result is returned. With sampling on, the job may first be announced (so the engine shows this unit busy
   * while its loop is blocked; see job-announcer.ts for which), never when `announce` is false because the
   * engine already knows; a CPU-bound job's block is handed to the probe when `start` returns.
   */
  startJob<T>(job: AnnouncedJob & { id: number }, start: () => T, announce?: boolean): T;
  /** Sends one sample now (a one-shot unit before it ends); nothing while sampling is off. */
  finalSample(): void;

  stop(): void;
}

/** What measures while sampling is on: made afresh at each start, so nothing carries over from before. */
interface Running {
  readonly probe: LoopProbe;
  readonly activity: ActivityRecorder;
  readonly timer: NodeJS.Timeout;
  readonly announcer: JobAnnouncer;
  /** Made once per start, not per job: the end of a job started under this start is told through it. */
  readonly ended: () => void;
}

/**
 * The probe, the busy time, the periodic report and the announcer. One per unit for its whole life, started and
 * stopped in place when the engine turns the sampling on and off: every job passes through {@link startJob}, and
 * V8 compiles that path together with the job. A new object per switch (as before) made the compiled code of
 * the job path depend on an object that the next switch dropped: each switch then deoptimised it in every unit
 * and had it compiled again (seen with `--trace-deopt`: "weak objects", "code dependencies"), and at 64 threads
 * that churn cost the measured windows more than the measuring did (`npm run bench`).
 */
class Sampling {
  private running: Running | null = null;

  constructor(private readonly send: SendUnitMessage) {}

  /** @param booting whether the unit is starting up (sampling on from the start, not turned on later). */
  start(settings: SamplingMessage['settings'], booting: boolean): void {
    this.stop();
    const timer = setInterval(() => this.report(), settings.intervalMs);
    // Reporting must never keep a thread or process alive on its own.
    timer.unref();
    const activity = new ActivityRecorder(settings.intervalMs, booting);
    this.running = {
      probe: new LoopProbe(settings.probeResolutionMs, settings.intervalMs),
      activity,
      timer,
      announcer: new JobAnnouncer(settings.intervalMs),
      // A job that settles after a switch ends where it began (a stopped recorder), not in the next one's count.
      ended: () => activity.jobEnded(),
    };
  }

  /** Everything measured since the previous sample, and the busy time and collections since then; null when off. */
  reading(): { sample: LoopSample; activity: UnitActivity } | null {
    const running = this.running;
    return running ? { sample: running.probe.sample(), activity: running.activity.take() } : null;
  }

  report(): void {
    const reading = this.reading();
    if (reading) this.send({ type: 'sample', pid: process.pid, threadId, ...reading });
  }

  /**
   * Every job of the unit passes here, so it reads the clock once at the start and once when the synchronous
   * part returns (the probe, the announcer and a job that is not a promise share them), plus once when a
   * promise settles; what it allocates is the promise's reaction, nothing per job of its own.
   */
  startJob<T>(job: AnnouncedJob & { id: number }, start: () => T, announce: boolean): T {
    const running = this.running;
    if (running === null) return start();
    if (announce && running.announcer.announces(job)) this.send({ type: 'job-start', pid: process.pid, threadId, jobId: job.id });
    // Busy from here until the job settles, whatever it awaits (the unit holds it all that time).
    const startedAt = performance.now();
    running.activity.jobStarted(startedAt);
    let value: T;
    try {
      value = start();
    } catch (error) {
      // It ended there and then.
      this.syncPartRan(running, job, startedAt, true);
      throw error;
    }
    if (value instanceof Promise) {
      this.syncPartRan(running, job, startedAt, false);
      value.then(running.ended, running.ended);
    } else this.syncPartRan(running, job, startedAt, true);
    return value;
  }

  /**
   * The synchronous part of a job returned: a CPU-bound job's block goes to the probe and the announcer (an I/O
   * wait leaves the loop free, and the probe's timer is what measures it); `ended` when that was all of it.
   */
  private syncPartRan(running: Running, job: AnnouncedJob, startedAt: number, ended: boolean): void {
    const cpuBound = isCpuBound(job.workload);
    if (!cpuBound && !ended) return;
    const now = performance.now();
    if (cpuBound) {
      running.probe.jobRan(startedAt, now);
      running.announcer.ran(job, now - startedAt);
    }
    if (ended) running.activity.jobEnded(now);
  }

  stop(): void {
    const running = this.running;
    if (running === null) return;
    this.running = null;
    clearInterval(running.timer);
    running.probe.stop();
    running.activity.stop();
  }
}

/** Says ready, starts the probe and the periodic report (none while sampling is off: their cost is measured). */
export function startUnitReporting(send: SendUnitMessage, settings: UnitSettings): UnitReporting {
  const sampling = new Sampling(send);
  if (settings.intervalMs > 0) sampling.start(settings, true);
  let current = { intervalMs: settings.intervalMs, probeResolutionMs: settings.probeResolutionMs };
  const stopListening = onSamplingChange(settings, (next) => {
    // Said again for a unit that missed it (every thread hears a post): nothing changes for the others.
    if (next.intervalMs === current.intervalMs && next.probeResolutionMs === current.probeResolutionMs) return;
    current = next;
    // start() stops what ran before it.
    if (next.intervalMs > 0) sampling.start(next, false);
    else sampling.stop();
  });
  // Listening before it says ready: a switch the engine makes once it knows the unit is not missed. The first
  // sample travels with 'ready' (so the first tick that lists the unit carries its measures); none says it is off.
  send({ type: 'ready', pid: process.pid, threadId, ...sampling.reading() });
  return {
    startJob: (job, start, announce = true) => sampling.startJob(job, start, announce),
    finalSample: () => sampling.report(),
    stop() {
      sampling.stop();
      stopListening();
    },
  };
}
