/**
 * `worker-per-task`: a new `Worker` for every job, ended after it. It keeps the host's loop free like a pool
 * does, but every job pays a thread's startup (a fresh V8 isolate, the entry file loaded again): the startup
 * time of each unit is in its unit-started event. A thread that crashes fails its job and pauses dispatch
 * for the restart backoff.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { WorkloadName } from '../../../shared/constants';
import type { UnitTick } from '../../../shared/messages';
import { isUnitMessage, type JobResult, type UnitMessage } from '../../../shared/unit-protocol';
import { ENTRY_PATHS } from '../entry-paths';
import { RestartBackoff } from '../restart-backoff';
import { crashDetail, strategyClosed, unitDied } from '../unit-errors';
import { threadLimits, unitSettings } from '../unit-options';
import { UnitTable } from '../unit-table';
import type { QueuedJob, Strategy, StrategyContext } from './strategy';

type TaskReply = UnitMessage | { type: 'result'; result: JobResult } | { type: 'job-error'; message: string };

export class WorkerPerTaskStrategy implements Strategy {
  readonly name = 'worker-per-task' as const;
  readonly ready = Promise.resolve();
  private readonly table: UnitTable;
  private readonly workers = new Map<string, Worker>();
  private readonly exits = new Set<Promise<void>>();
  private readonly backoff = new RestartBackoff();
  private closing = false;

  constructor(private readonly context: StrategyContext) {
    this.table = new UnitTable(this.name, context.generation, context.lifecycle, context.unitIntervalMs);
  }

  /** At most `poolSize` threads at once, whatever the workload (each job is a whole thread); none during a backoff. */
  capacity(_workload: WorkloadName): number {
    return this.backoff.paused() ? 0 : this.context.config.poolSize;
  }

  run(job: QueuedJob, signal?: AbortSignal): Promise<JobResult> {
    if (this.closing) return Promise.reject(strategyClosed());
    const { spec, transferList, release } = this.context.payloads.forThread(job, this.context.config.payload);
    const createdAt = performance.now();
    const worker = new Worker(ENTRY_PATHS.taskWorker, {
      workerData: { job: { ...spec, fault: job.fault }, settings: unitSettings(this.context.config, this.context.unitIntervalMs > 0) },
      transferList,
      resourceLimits: threadLimits(this.context.config),
    });
    const unit = this.table.add('thread', process.pid, worker.threadId, createdAt);
    this.table.jobStarted(unit, job.id);
    this.workers.set(unit.id, worker);
    signal?.addEventListener('abort', () => {
      this.table.expectExit(unit, 'timeout');
      void worker.terminate();
    });

    return new Promise<JobResult>((resolve, reject) => {
      let settled = false;
      let lastError: Error | null = null;
      const settle = (error: Error | null, result?: JobResult) => {
        if (settled) return;
        settled = true;
        this.table.jobEnded(job.id, error === null, unit);
        if (error) reject(error);
        else resolve(result as JobResult);
      };
      worker.on('message', (message: TaskReply) => {
        if (isUnitMessage(message)) {
          if (message.type === 'ready') this.table.ready(unit);
          else if (message.type === 'sample') this.table.sample(unit, message.sample);
        } else if (message.type === 'result') settle(null, message.result);
        else settle(new Error(message.message));
      });
      // An uncaught exception or an out-of-memory abort: the 'exit' that follows reports it.
      worker.on('error', (error) => (lastError = error));
      this.exits.add(
        new Promise<void>((exited) => {
          worker.once('exit', (code) => {
            this.workers.delete(unit.id);
            // Only once the thread is gone may another job reuse its shared buffer.
            release();
            // Ending after its one job with code 0 is the plan; anything else is a crash (or the lab's doing).
            const cause = this.closing ? 'stop' : settled && code === 0 ? 'done' : 'crash';
            const detail = crashDetail(code, null, lastError, this.context.config.memoryLimitMb);
            if (this.table.exited(unit, code, null, cause, detail) === 'crash') {
              setTimeout(() => this.context.wake(), this.backoff.crashed()).unref();
            }
            settle(unitDied(`worker thread ${worker.threadId}`, code, null, lastError ? detail : ''));
            exited();
          });
        }),
      );
    });
  }

  crash(unitId?: string): string | null {
    return this.table.crash(unitId, (unit) => {
      const worker = this.workers.get(unit.id);
      void worker?.terminate();
      return worker !== undefined;
    });
  }

  units(): UnitTick[] {
    return this.table.snapshot();
  }

  liveUnits(): number {
    return this.workers.size;
  }

  async destroy(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.workers.values()].map((worker) => worker.terminate()));
    await Promise.all(this.exits);
  }
}
