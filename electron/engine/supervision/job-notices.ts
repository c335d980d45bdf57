/**
 * The notices about jobs that arrive out of order. A unit announces a job (`job-start`) on its own channel, and
 * the job's answer or its timeout travels on another (piscina's task port, an HTTP response, a timer), so:
 * - a job can end before its start notice is read: the late notice must not mark the unit busy forever;
 * - a job can time out before any unit said it runs it: the unit that took it must still be ended, and an exit
 *   meanwhile (piscina ends the thread of an aborted task itself) is that timeout, not a crash.
 * Both lists are bounded: a notice that never comes must not grow them.
 */
import { performance } from 'node:perf_hooks';

/** How long a timeout with no known runner can still explain a unit's exit, in ms. */
const UNCLAIMED_TIMEOUT_MS = 2_000;
const MAX_KEPT = 1_000;

export class JobNotices {
  private readonly endedEarly = new Set<number>();
  private readonly unclaimedTimeouts = new Map<number, number>();

  /** Job `jobId` ended before any unit announced it. */
  endedBeforeStart(jobId: number): void {
    if (this.endedEarly.size >= MAX_KEPT) this.endedEarly.clear();
    this.endedEarly.add(jobId);
  }

  /** True when the start notice of `jobId` comes after its end (and is to be ignored). */
  startedAfterEnd(jobId: number): boolean {
    return this.endedEarly.delete(jobId);
  }

  /** Job `jobId` timed out before any unit announced it. */
  timedOutUnclaimed(jobId: number): void {
    if (this.unclaimedTimeouts.size >= MAX_KEPT) this.unclaimedTimeouts.clear();
    this.unclaimedTimeouts.set(jobId, performance.now());
  }

  /** True when `jobId` had timed out unclaimed: the unit now announcing it took a cancelled job. */
  claimTimeout(jobId: number): boolean {
    return this.unclaimedTimeouts.delete(jobId);
  }

  /** True (once) when a recent unclaimed timeout explains a unit's exit. */
  claimAnyTimeout(): boolean {
    const now = performance.now();
    for (const [jobId, at] of this.unclaimedTimeouts) {
      this.unclaimedTimeouts.delete(jobId);
      if (now - at <= UNCLAIMED_TIMEOUT_MS) return true;
    }
    return false;
  }
}
