/**
 * Which job starts a unit announces to the engine. An announcement is one message per job, and it wakes the
 * host: about 35 µs of the host's CPU each on these 2-core VMs, 3 % of the throughput of fib 27 jobs (1.5 ms)
 * on a pool of 2. What it buys is the engine knowing the unit is inside a job while its loop cannot speak, so a
 * long job reads busy and then blocked. A job of a kind this unit just ran in a tenth of a report period ends
 * long before it could read blocked, so it starts unannounced (the engine shows such a unit busy from its
 * reported utilisation instead, see electron/engine/unit-table.ts).
 * Always announced: the first job of a kind, one carrying a fault (it may hang or die), an I/O wait (its loop
 * stays free, so utilisation would not show it busy), and the next one after a job of the kind ran long.
 */
import { isCpuBound, type FaultKind, type WorkloadName } from '../shared/constants';

/** A job as the announcer sees it. */
export interface AnnouncedJob {
  workload: WorkloadName;
  size: number;
  fault?: Exclude<FaultKind, 'none'>;
}

/** Share of the report period under which a job of a kind the unit just ran starts unannounced. */
export const QUIET_JOB_SHARE = 0.1;

export class JobAnnouncer {
  /** The kind of the last CPU-bound job, workload and size (compared as they are: this runs for every job). */
  private lastWorkload: WorkloadName | null = null;
  private lastSize = NaN;
  private lastRunMs = Infinity;

  /** @param reportMs how often the unit reports (UnitSettings.intervalMs). */
  constructor(private readonly reportMs: number) {}

  /** Whether the start of `job` should be announced. */
  announces(job: AnnouncedJob): boolean {
    if (job.fault !== undefined || !isCpuBound(job.workload)) return true;
    return job.workload !== this.lastWorkload || job.size !== this.lastSize || this.lastRunMs >= QUIET_JOB_SHARE * this.reportMs;
  }

  /** A CPU-bound `job` ran (blocked the loop) for `ms`. */
  ran(job: AnnouncedJob, ms: number): void {
    this.lastWorkload = job.workload;
    this.lastSize = job.size;
    this.lastRunMs = ms;
  }
}
