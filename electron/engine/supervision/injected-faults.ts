/**
 * Which unit ran a job carrying an injected fault, so its exit reads `injected` (the user asked for it) and not
 * `crash` (news). The engine decides a job's fault when it dispatches it (QueuedJob.fault); the supervisor
 * learns which unit runs the job when the strategy or the unit says so, which may be never (a pool or cluster
 * worker with sampling off does not announce its jobs) or after the job's answer (a dying unit's answer and its
 * exit travel on different channels). So a fault is kept a moment past its job's failure, and a fault that ends
 * units (exit, oom) with no known runner explains the next unannounced death.
 */
import { performance } from 'node:perf_hooks';
import type { FaultKind } from '../../../shared/constants';

export type InjectedFault = Exclude<FaultKind, 'none'>;

/** How long after its job failed a fault still explains its unit's exit, in ms (as an unclaimed timeout does). */
export const FAULT_EXPLAINS_MS = 2_000;
/** Faults kept at most: jobs whose fault is never claimed (a throw in a pool) must not grow the list. */
const MAX_KEPT = 1_000;

interface FaultedJob {
  fault: InjectedFault;
  /** The unit that runs (ran) it, once known. */
  runner: string | null;
  /** performance.now() when the job failed; null while it runs. */
  failedAt: number | null;
}

/** Faults that end the unit they run on wherever it is (a throw only ends a one-shot process, whose runner is known). */
function endsItsUnit(fault: InjectedFault): boolean {
  return fault === 'exit' || fault === 'oom';
}

export class InjectedFaults {
  private readonly jobs = new Map<number, FaultedJob>();

  /** Job `jobId`, about to run, carries `fault`. */
  carried(jobId: number, fault: InjectedFault): void {
    if (this.jobs.size >= MAX_KEPT) this.prune(performance.now(), true);
    this.jobs.set(jobId, { fault, runner: null, failedAt: null });
  }

  /** Unit `unitId` runs job `jobId`. */
  runs(jobId: number, unitId: string): void {
    const job = this.jobs.get(jobId);
    if (job) job.runner = unitId;
  }

  /** Job `jobId` ended: a completed one explains nothing, a failed one may still explain its unit's exit. */
  ended(jobId: number, completed: boolean): void {
    const job = this.jobs.get(jobId);
    if (!job) return;
    if (completed) this.jobs.delete(jobId);
    else job.failedAt = performance.now();
  }

  /**
   * The fault that explains the exit of unit `unitId` (once), or undefined: a faulted job it ran, or else one
   * that ends units and whose runner was never known (the unit that just died is the likeliest to have run it).
   */
  claim(unitId: string): InjectedFault | undefined {
    const now = performance.now();
    this.prune(now, false);
    for (const [jobId, job] of this.jobs) {
      if (job.runner !== unitId) continue;
      this.jobs.delete(jobId);
      return job.fault;
    }
    for (const [jobId, job] of this.jobs) {
      if (job.runner !== null || !endsItsUnit(job.fault)) continue;
      this.jobs.delete(jobId);
      return job.fault;
    }
    return undefined;
  }

  /** Forgets faults whose job failed too long ago (all ended ones when `full`). */
  private prune(now: number, full: boolean): void {
    for (const [jobId, job] of this.jobs) {
      if (job.failedAt !== null && (full || now - job.failedAt > FAULT_EXPLAINS_MS)) this.jobs.delete(jobId);
    }
    if (this.jobs.size >= MAX_KEPT) this.jobs.delete(this.jobs.keys().next().value as number);
  }
}
