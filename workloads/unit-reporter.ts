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

/** The probe, the busy time, the periodic report and the announcer, while sampling is on. */
class Sampling {
  private readonly probe: LoopProbe;
  private readonly activity: ActivityRecorder;
  private readonly timer: NodeJS.Timeout;
  private readonly announcer: JobAnnouncer;
  /** Made once, not per job: a job's end is told through it. */
  private readonly ended = () => this.activity.jobEnded();

  /** @param booting whether the unit is starting up (sampling on from the start, not turned on later). */
  constructor(
    private readonly send: SendUnitMessage,
    settings: SamplingMessage['settings'],
    booting: boolean,
  ) {
    this.probe = new LoopProbe(settings.probeResolutionMs, settings.intervalMs);
    this.activity = new ActivityRecorder(settings.intervalMs, booting);
    this.timer = setInterval(() => this.report(), settings.intervalMs);
    // Reporting must never keep a thread or process alive on its own.
    this.timer.unref();
    this.announcer = new JobAnnouncer(settings.intervalMs);
  }

  /** Everything measured since the previous sample, and the busy time and collections since then. */
  reading() {
    return { sample: this.probe.sample(), activity: this.activity.take() };
  }

  report(): void {
    this.send({ type: 'sample', pid: process.pid, threadId, ...this.reading() });
  }

  /**
   * Every job of the unit passes here, so it reads the clock once at the start and once when the synchronous
   * part returns (the probe, the announcer and a job that is not a promise share them), plus once when a
   * promise settles; what it allocates is the promise's reaction, nothing per job of its own.
   */
  startJob<T>(job: AnnouncedJob & { id: number }, start: () => T, announce: boolean): T {
    if (announce && this.announcer.announces(job)) this.send({ type: 'job-start', pid: process.pid, threadId, jobId: job.id });
    // Busy from here until the job settles, whatever it awaits (the unit holds it all that time).
    const startedAt = performance.now();
    this.activity.jobStarted(startedAt);
    let value: T;
    try {
      value = start();
    } catch (error) {
      // It ended there and then.
      this.syncPartRan(job, startedAt, true);
      throw error;
    }
    if (value instanceof Promise) {
      this.syncPartRan(job, startedAt, false);
      value.then(this.ended, this.ended);
    } else this.syncPartRan(job, startedAt, true);
    return value;
  }

  /**
   * The synchronous part of a job returned: a CPU-bound job's block goes to the probe and the announcer (an I/O
   * wait leaves the loop free, and the probe's timer is what measures it); `ended` when that was all of it.
   */
  private syncPartRan(job: AnnouncedJob, startedAt: number, ended: boolean): void {
    const cpuBound = isCpuBound(job.workload);
    if (!cpuBound && !ended) return;
    const now = performance.now();
    if (cpuBound) {
      this.probe.jobRan(startedAt, now);
      this.announcer.ran(job, now - startedAt);
    }
    if (ended) this.activity.jobEnded(now);
  }

  stop(): void {
    clearInterval(this.timer);
    this.probe.stop();
    this.activity.stop();
  }
}

/** Says ready, starts the probe and the periodic report (none while sampling is off: their cost is measured). */
export function startUnitReporting(send: SendUnitMessage, settings: UnitSettings): UnitReporting {
  let sampling = settings.intervalMs > 0 ? new Sampling(send, settings, true) : null;
  let current = { intervalMs: settings.intervalMs, probeResolutionMs: settings.probeResolutionMs };
  const stopListening = onSamplingChange(settings, (next) => {
    // Said again for a unit that missed it (every thread hears a post): nothing changes for the others.
    if (next.intervalMs === current.intervalMs && next.probeResolutionMs === current.probeResolutionMs) return;
    current = next;
    sampling?.stop();
    sampling = next.intervalMs > 0 ? new Sampling(send, next, false) : null;
  });
  // Listening before it says ready: a switch the engine makes once it knows the unit is not missed. The first
  // sample travels with 'ready' (so the first tick that lists the unit carries its measures); none says it is off.
  send({ type: 'ready', pid: process.pid, threadId, ...(sampling ? sampling.reading() : {}) });
  return {
    startJob: (job, start, announce = true) => (sampling ? sampling.startJob(job, start, announce) : start()),
    finalSample: () => sampling?.report(),
    stop() {
      sampling?.stop();
      sampling = null;
      stopListening();
    },
  };
}
