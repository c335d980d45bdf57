/**
 * What every thread and process entry does besides jobs: it says it is ready, reports its own loop sample
 * every interval over whatever channel it has (parentPort, IPC), and starts its jobs through here so the
 * engine sees them start and the probe sees the block they make.
 */
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { isCpuBound } from '../shared/constants';
import type { UnitMessage, UnitSettings } from '../shared/unit-protocol';
import { JobAnnouncer, type AnnouncedJob } from './job-announcer';
import { LoopProbe } from './metrics/loop-probe';

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
  /** Sends one sample now (a one-shot unit before it ends). */
  finalSample(): void;
  stop(): void;
}

/** Says ready, starts the probe and the periodic report. */
export function startUnitReporting(send: SendUnitMessage, settings: UnitSettings): UnitReporting {
  // Sampling off (the benchmark's baseline): no probe, no report, no announcement, so their cost can be measured.
  if (settings.intervalMs <= 0) {
    send({ type: 'ready', pid: process.pid, threadId });
    return { startJob: (_job, start) => start(), finalSample() {}, stop() {} };
  }
  const probe = new LoopProbe(settings.probeResolutionMs);
  // The first sample travels with 'ready': the first tick that lists the unit carries its measures.
  send({ type: 'ready', pid: process.pid, threadId, sample: probe.sample() });
  const report = () => send({ type: 'sample', pid: process.pid, threadId, sample: probe.sample() });
  const timer = setInterval(report, settings.intervalMs);
  // Reporting must never keep a thread or process alive on its own.
  timer.unref();
  const announcer = new JobAnnouncer(settings.intervalMs);
  return {
    startJob(job, start, announce = true) {
      if (announce && announcer.announces(job)) send({ type: 'job-start', pid: process.pid, threadId, jobId: job.id });
      // An I/O wait leaves the loop free, and the probe's timer is what measures it.
      if (!isCpuBound(job.workload)) return start();
      const startedAt = performance.now();
      try {
        return start();
      } finally {
        probe.jobRan(startedAt);
        announcer.ran(job, performance.now() - startedAt);
      }
    },
    finalSample: report,
    stop() {
      clearInterval(timer);
      probe.stop();
    },
  };
}
