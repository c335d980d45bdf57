/**
 * The run's intake: each job the load generator submits waits in the queue (bounded by `maxQueue`: past it the
 * newest is dropped) and goes to the current strategy as soon as it has room; a stop cancels what still waits.
 */
import type { RunConfig } from '../../shared/run-config';
import type { JobRunner } from './job-runner';
import type { JobLedger } from './jobs/job-ledger';
import { JobQueue } from './jobs/job-queue';
import type { QueuedJob, Strategy } from './strategies';

/** What the intake needs of the run around it. */
export interface IntakeContext {
  running(): boolean;
  config(): RunConfig;
  ledger(): JobLedger;
  /** The strategy that takes new jobs now, if any. */
  current(): Strategy | null;
  runner: JobRunner;
}

export class JobIntake {
  private readonly queue = new JobQueue();
  private nextJobId = 1;

  constructor(private readonly context: IntakeContext) {}

  /** A new run: its jobs are numbered from 1. */
  newRun(): void {
    this.nextJobId = 1;
  }

  /** Submits one job that arrived at `arrivedAt` (performance.now()); false when it was dropped. */
  submit(arrivedAt: number): boolean {
    const { config, ledger } = this.context;
    if (!this.context.running()) return false;
    const { workload, size, workloadFile } = config();
    ledger().submit();
    this.queue.push({ id: this.nextJobId++, workload, size, workloadFile, submittedAt: arrivedAt });
    this.pump();
    // The job just queued is the newest: if the queue is over its bound, it is the one dropped.
    const full = this.queue.length > config().maxQueue;
    this.trim();
    return !full;
  }

  /** Puts a job back at the head of the queue (its retry goes before newer jobs). */
  requeue(job: QueuedJob): void {
    this.queue.unshift(job);
  }

  /** Dispatches queued jobs while the current strategy has room. */
  pump(): void {
    const strategy = this.context.current();
    const { runner } = this.context;
    if (!this.context.running() || !strategy) return;
    for (let next = this.queue.peek(); next && runner.count(strategy) < strategy.capacity(next.workload); next = this.queue.peek()) {
      runner.dispatch(strategy, this.queue.shift() as QueuedJob);
    }
  }

  /** A smaller queue bound applies at once: the newest waiting jobs beyond it are dropped. */
  trim(): void {
    while (this.queue.length > this.context.config().maxQueue) {
      this.queue.pop();
      this.context.ledger().drop();
    }
  }

  /** The run stopped: jobs still queued never started, so they are cancelled (their own figure, not failures). */
  cancelQueued(): void {
    for (let job = this.queue.shift(); job; job = this.queue.shift()) this.context.ledger().cancel();
  }
}
