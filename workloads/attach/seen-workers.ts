/**
 * The worker threads this thread creates, as their parent sees them: how threads the preload never reaches are
 * measured at all. `new Worker(code, { eval: true })` runs no `--import` (checked on Node 20.20), and an agent in
 * a worker given an `env` without the lab's variables stays silent; the parent's agent hears every `new Worker` in
 * its thread and reads each one's event-loop utilisation through `worker.performance`, which works from outside
 * the worker. Every worker is listed, those with an agent of their own too: the lab uses these figures only for
 * threads that have no connection of their own.
 *
 * Heard on `diagnostics_channel`'s `worker_threads` channel (published by the Worker constructor in the creating
 * thread; checked on Node 20.20), not through `process.on('worker')`: a listener on the app's `process` counts
 * toward its listener limit, and an app that adds ten of its own would then get a MaxListenersExceededWarning.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { EventLoopUtilization } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import type { ParentSeenWorker } from '../../shared/attach';

const WORKER_CREATED = 'worker_threads';

interface Seen {
  worker: Worker;
  /** Its utilisation at the last report; null until it was first seen running. */
  last: EventLoopUtilization | null;
}

/** Keeps the workers this thread created, from {@link start} to {@link stop}. */
export class SeenWorkers {
  private seen: Seen[] = [];

  private readonly onWorker = (message: unknown): void => {
    try {
      const worker = (message as { worker?: Worker } | null)?.worker;
      if (worker && typeof worker.performance?.eventLoopUtilization === 'function') this.seen.push({ worker, last: null });
    } catch {
      // Never into the app's `new Worker`.
    }
  };

  start(): void {
    subscribe(WORKER_CREATED, this.onWorker);
  }

  stop(): void {
    unsubscribe(WORKER_CREATED, this.onWorker);
    this.seen = [];
  }

  /**
   * Each live worker's utilisation since the previous take; exited ones are let go (Node sets a worker's
   * `threadId` to -1 when it exits). A worker's first window has no utilisation: it began some time inside it.
   */
  take(): ParentSeenWorker[] {
    this.seen = this.seen.filter((entry) => entry.worker.threadId >= 0);
    return this.seen.map((entry) => ({ threadId: entry.worker.threadId, elu: this.utilisation(entry) }));
  }

  private utilisation(entry: Seen): number | null {
    const now = entry.worker.performance.eventLoopUtilization();
    const last = entry.last;
    // Before it is online a worker reads all zeros: nothing to start a window from yet.
    entry.last = now.idle + now.active > 0 ? now : null;
    if (!last) return null;
    const delta = entry.worker.performance.eventLoopUtilization(now, last);
    return delta.idle + delta.active > 0 && Number.isFinite(delta.utilization) ? delta.utilization : null;
  }
}
