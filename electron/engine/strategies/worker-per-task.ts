/**
 * `worker-per-task`: a new `Worker` for every job, ended after it. It keeps the host's loop free like a pool
 * does, but every job pays a thread's startup (a fresh V8 isolate, the entry file loaded again): the ticks'
 * `startup` shows that cost per job, measured.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { JobResult } from '../../../shared/unit-protocol';
import { ENTRY_PATHS } from '../entry-paths';
import { threadHandle } from '../supervision/unit-handle';
import { unitDied } from '../unit-errors';
import { threadLimits } from '../probes/unit-options';
import type { QueuedJob, StrategyContext } from './strategy';
import { SupervisedStrategy } from './supervised-strategy';

/** What the task entry answers besides unit messages. */
type TaskReply = { type: 'result'; result: JobResult } | { type: 'job-error'; message: string } | { type?: undefined };

export class WorkerPerTaskStrategy extends SupervisedStrategy {
  readonly name = 'worker-per-task' as const;

  constructor(context: StrategyContext) {
    super(context, 'one-shot', 'worker-per-task');
  }

  protected runJob(job: QueuedJob): Promise<JobResult> {
    const { spec, transferList, release } = this.context.payloads.forThread(job, this.context.config.payload, this.context.config.counterMode);
    const createdAt = performance.now();
    const worker = new Worker(ENTRY_PATHS.taskWorker, {
      workerData: { job: { ...spec, fault: job.fault }, settings: this.context.unitSettings },
      transferList,
      resourceLimits: threadLimits(this.context.config),
    });
    const handle = threadHandle(worker);
    const unit = this.supervisor.adopt(handle, { oneShot: true, createdAt });
    this.supervisor.jobStarted(unit, job.id);
    return new Promise<JobResult>((resolve, reject) => {
      worker.on('message', (message: TaskReply) => {
        if (message.type === 'result') {
          this.supervisor.jobEnded(job.id, true, unit);
          resolve(message.result);
        } else if (message.type === 'job-error') {
          this.supervisor.jobEnded(job.id, false, unit);
          reject(new Error(message.message));
        }
      });
      void handle.exited.then(({ code, signal }) => {
        // Only once the thread is gone may another job reuse its shared buffer.
        release();
        // After an answer this changes nothing; without one, the thread died under the job.
        reject(unitDied(unit.id, code, signal));
      });
    });
  }
}
