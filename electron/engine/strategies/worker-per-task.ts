/**
 * `worker-per-task`: a new `Worker` for every job, ended after it. It keeps the host's loop free like a pool
 * does, but every job pays a thread's startup (a fresh V8 isolate, the entry file loaded again): the startup
 * time of each unit is in its unit-started event.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { WorkloadName } from '../../../shared/constants';
import type { UnitTick } from '../../../shared/messages';
import { isUnitMessage, type JobResult, type UnitMessage } from '../../../shared/unit-protocol';
import { ENTRY_PATHS } from '../entry-paths';
import { UnitTable } from '../unit-table';
import type { QueuedJob, Strategy, StrategyContext } from './strategy';

type TaskReply = UnitMessage | { type: 'result'; result: JobResult } | { type: 'job-error'; message: string };

export class WorkerPerTaskStrategy implements Strategy {
  readonly name = 'worker-per-task' as const;
  readonly ready = Promise.resolve();
  private readonly table: UnitTable;
  private readonly workers = new Set<Worker>();
  private readonly exits = new Set<Promise<void>>();
  private closing = false;

  constructor(private readonly context: StrategyContext) {
    this.table = new UnitTable(this.name, context.generation, context.lifecycle);
  }

  /** At most `poolSize` threads at once, whatever the workload: each job is a whole thread. */
  capacity(_workload: WorkloadName): number {
    return this.context.config.poolSize;
  }

  run(job: QueuedJob): Promise<JobResult> {
    if (this.closing) return Promise.reject(new Error('strategy stopped before the job started'));
    const { spec, transferList } = this.context.payloads.forThread(job, this.context.config.payload);
    const createdAt = performance.now();
    const worker = new Worker(ENTRY_PATHS.taskWorker, {
      workerData: { job: spec, settings: { intervalMs: this.context.unitIntervalMs } },
      transferList,
    });
    const unit = this.table.add('thread', process.pid, worker.threadId, createdAt);
    this.table.jobStarted(unit, job.id);
    this.workers.add(worker);

    return new Promise<JobResult>((resolve, reject) => {
      let settled = false;
      const settle = (error: Error | null, result?: JobResult) => {
        if (settled) return;
        settled = true;
        this.table.jobEnded(unit, job.id, error === null);
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
      worker.on('error', (error) => settle(error));
      this.exits.add(
        new Promise<void>((exited) => {
          worker.once('exit', (code) => {
            this.workers.delete(worker);
            // Ending after its one job with code 0 is the plan; anything else before a result is a crash.
            this.table.exited(unit, code, null, this.closing || (settled && code === 0));
            settle(new Error(`worker thread ${worker.threadId} exited with code ${code} before answering`));
            exited();
          });
        }),
      );
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
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
    await Promise.all(this.exits);
  }
}
