/**
 * Jobs in flight: hands a queued job to a strategy, times it out, and settles it exactly once (completed,
 * failed with its reason, wrong, or sent back to the queue for its one retry), keeping the ledger's invariant.
 * Jobs are kept per strategy instance, so during a switch the old one drains beside the new one.
 */
import { performance } from 'node:perf_hooks';
import type { RunConfig } from '../../shared/run-config';
import type { JobResult } from '../../shared/unit-protocol';
import type { JobLedger } from './jobs/job-ledger';
import type { ResultVerifier } from './jobs/result-verifier';
import type { QueuedJob, Strategy } from './strategies';
import { isUnitDeath, JobTimedOut } from './unit-errors';

interface InFlightJob {
  job: QueuedJob;
  settled: boolean;
  dispatchedAt: number;
  /** The timeout in force when the job was dispatched (0 = none). */
  limitMs: number;
  timeout: NodeJS.Timeout | null;
}

/** What the runner needs of the run around it. */
export interface JobRunnerContext {
  config(): RunConfig;
  ledger(): JobLedger;
  verifier(): ResultVerifier;
  /** False once the run stopped: a dead unit's job is not retried then. */
  running(): boolean;
  /** Puts a job back at the head of the queue (its retry). */
  requeue(job: QueuedJob): void;
  /** A job left the system for good (`final`), or went back to the queue; there may be room for another. */
  settled(final: boolean): void;
}

/** Ended strategies kept for the next tick at most (with no ticks, sampling off, the oldest are forgotten). */
const MAX_ENDED_KEPT = 16;

export class JobRunner {
  private readonly inFlight = new Map<Strategy, Map<number, InFlightJob>>();
  private readonly drainWaiters = new Map<Strategy, () => void>();
  /** Strategies ended since the last tick: their units' exits (a stop, a switch) are still to be listed once. */
  private readonly ended: Strategy[] = [];

  constructor(private readonly context: JobRunnerContext) {}

  /** Starts keeping jobs for a new strategy instance. */
  add(strategy: Strategy): void {
    this.inFlight.set(strategy, new Map());
  }

  /** Forgets a strategy instance that has ended; the next tick still lists how its units ended ({@link takeEnded}). */
  remove(strategy: Strategy): void {
    this.inFlight.delete(strategy);
    this.ended.push(strategy);
    if (this.ended.length > MAX_ENDED_KEPT) this.ended.shift();
  }

  /** The strategy instances ended since the last call, whose exited units a tick lists once. */
  takeEnded(): Strategy[] {
    return this.ended.splice(0);
  }

  /** Every strategy instance not ended yet: the current one and any still draining. */
  strategies(): Strategy[] {
    return [...this.inFlight.keys()];
  }

  count(strategy: Strategy): number {
    return this.inFlight.get(strategy)?.size ?? 0;
  }

  /** Hands `job` to `strategy`, with the timeout in force now. */
  dispatch(strategy: Strategy, job: QueuedJob): void {
    const jobs = this.inFlight.get(strategy);
    if (!jobs) return;
    const config = this.context.config();
    // The fault is decided when the job leaves the queue, so turning faults off stops them at once; a retried
    // job keeps the fault it had (a poison job stays poison).
    if (!job.retried) job.fault = config.fault !== 'none' && job.id % config.faultEvery === 0 ? config.fault : undefined;
    const limitMs = config.jobTimeoutMs;
    const entry: InFlightJob = { job, settled: false, dispatchedAt: performance.now(), limitMs, timeout: null };
    jobs.set(job.id, entry);
    this.context.ledger().dispatch();
    let signal: AbortSignal | undefined;
    if (limitMs > 0) {
      const controller = new AbortController();
      signal = controller.signal;
      entry.timeout = setTimeout(() => {
        // Abort first, so the strategy ends whatever runs the job (and stops counting it as ready) before
        // settling frees a slot; otherwise the next job could be sent to the unit about to be killed.
        controller.abort(new JobTimedOut(limitMs));
        this.settle(strategy, entry, new Error(`timed out after ${limitMs} ms on ${strategy.name}`));
      }, limitMs);
    }
    // Through a promise, so a strategy that throws synchronously still settles the job.
    Promise.resolve()
      .then(() => strategy.run(job, signal))
      .then(
        (result) => this.settle(strategy, entry, null, result),
        (error: Error) => this.settle(strategy, entry, error),
      );
  }

  /** The unit running these jobs died: they fail (or are retried) now, not when something else notices. */
  lost(strategy: Strategy, jobIds: readonly number[], error: Error): void {
    const jobs = this.inFlight.get(strategy);
    for (const id of jobIds) {
      const entry = jobs?.get(id);
      if (entry) this.settle(strategy, entry, error);
    }
  }

  /** Waits until `strategy` has no job in flight, for at most `ms`. */
  async drained(strategy: Strategy, ms: number): Promise<void> {
    if (this.count(strategy) === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.drainWaiters.set(strategy, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.drainWaiters.delete(strategy);
  }

  /** Fails every job still in flight on `strategy` with `reason`; returns how many. */
  failAll(strategy: Strategy, reason: string): number {
    const entries = [...(this.inFlight.get(strategy)?.values() ?? [])];
    for (const entry of entries) this.settle(strategy, entry, new Error(reason));
    return entries.length;
  }

  /** Settles a job exactly once: a late answer after a timeout, a drain or its unit's death is ignored. */
  private settle(strategy: Strategy, entry: InFlightJob, error: Error | null, result?: JobResult): void {
    if (entry.settled) return;
    entry.settled = true;
    if (entry.timeout) clearTimeout(entry.timeout);
    const jobs = this.inFlight.get(strategy);
    jobs?.delete(entry.job.id);
    const { job, limitMs } = entry;
    const ledger = this.context.ledger();
    const config = this.context.config();
    // A job that blocked the host's own loop could not be interrupted: its timeout is only seen now.
    const late = !error && strategy.name === 'main-thread' && limitMs > 0 && performance.now() - entry.dispatchedAt > limitMs;
    const wrong = result ? this.context.verifier().check(job.workload, job.size, result.checksum) : null;
    const retry = error !== null && isUnitDeath(error) && config.retry && !job.retried && this.context.running();
    if (retry) {
      // Retried once, ahead of newer jobs; for the load generator it is still the same outstanding job.
      ledger.requeue();
      this.context.requeue({ ...job, retried: true });
    } else if (error) ledger.fail(error.message);
    else if (late) ledger.fail(`timed out after ${limitMs} ms on ${strategy.name} (the host thread cannot be interrupted; the job ran to its end)`);
    else if (wrong) ledger.fail(wrong);
    else ledger.complete(performance.now() - job.submittedAt);
    if (jobs && jobs.size === 0) this.drainWaiters.get(strategy)?.();
    this.context.settled(!retry);
  }
}
