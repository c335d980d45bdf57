/**
 * `worker-pool`: N long-lived worker threads from piscina. Its defaults are tuned for servers, not for a lab,
 * so they are set on purpose here:
 * - minThreads = maxThreads = poolSize: the pool has exactly the size the user chose, and piscina replaces a
 *   thread that dies (it does not respawn in a loop after a startup failure);
 * - idleTimeout = Infinity: piscina otherwise ends an idle thread immediately (above minThreads), and a
 *   restarted thread would pay startup again, which is what `worker-per-task` is there to show;
 * - atomics 'disabled': with the default 'sync', an idle worker parks in Atomics.wait and its event loop
 *   stops, so its own probe could not report; the loop must keep turning to be measured;
 * - concurrentTasksPerWorker: 1 for CPU-bound work (one thread, one job), more for waits;
 * - recordTiming off: the engine measures latency itself, for every strategy alike.
 * The engine never gives the pool more than its capacity, so piscina's own queue stays empty and the
 * engine's queue is the one the charts show. The supervisor follows every thread piscina makes.
 * A timeout aborts the task through its AbortSignal; piscina then ends the thread running it.
 */
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { isCpuBound, IO_JOBS_PER_UNIT, type WorkloadName } from '../../../shared/constants';
import { isUnitMessage, type JobResult, type UnitMessage } from '../../../shared/unit-protocol';
import { ENTRY_PATHS } from '../entry-paths';
import { threadHandle } from '../supervision/unit-handle';
import { UnitDiedError } from '../unit-errors';
import { threadLimits } from '../unit-options';
import type { QueuedJob, StrategyContext } from './strategy';
import { SupervisedStrategy } from './supervised-strategy';

export class WorkerPoolStrategy extends SupervisedStrategy {
  readonly name = 'worker-pool' as const;
  private readonly pool: Piscina;
  private readonly adopted = new WeakSet<Worker>();

  constructor(context: StrategyContext) {
    super(context, 'pool', 'worker-pool');
    const { config } = context;
    this.pool = new Piscina({
      filename: ENTRY_PATHS.poolWorker,
      minThreads: config.poolSize,
      maxThreads: config.poolSize,
      idleTimeout: Infinity,
      atomics: 'disabled',
      concurrentTasksPerWorker: isCpuBound(config.workload) ? 1 : IO_JOBS_PER_UNIT,
      recordTiming: false,
      resourceLimits: threadLimits(config),
      workerData: context.unitSettings,
    });
    this.adoptNewThreads(performance.now());
    // Piscina replaces a dead thread inside its exit handler and says so ('workerCreate') only once the new
    // thread is up, after its first messages: a message from a thread not adopted yet is how one is found.
    this.pool.on('message', (message: unknown) => {
      if (isUnitMessage(message) && !this.supervisor.find('thread', message.threadId)) this.adoptNewThreads(this.lastExitAt, message);
    });
    this.pool.on('workerCreate', () => this.adoptNewThreads(this.lastExitAt));
    this.pool.on('error', (error: Error) => context.reportError(error.message, this.name));
  }

  /** When a thread last exited: about when piscina created its replacement. */
  private lastExitAt = performance.now();

  /** Adopts the threads not followed yet; `first` is a message one of them sent before it was adopted. */
  private adoptNewThreads(createdAt: number, first?: UnitMessage): void {
    for (const worker of this.pool.threads) {
      if (this.adopted.has(worker)) continue;
      this.adopted.add(worker);
      const handle = threadHandle(worker);
      void handle.exited.then(() => (this.lastExitAt = performance.now()));
      const unit = this.supervisor.adopt(handle, { createdAt });
      if (first && first.threadId === unit.threadId) this.supervisor.deliver(unit, first);
    }
  }

  /**
   * With a timeout set, tasks are abortable and piscina gives them idle threads only: one job per thread,
   * whatever the workload, or the surplus would wait in piscina's queue, unseen, with its timeout running.
   */
  protected override jobsPerUnit(workload: WorkloadName): number {
    return this.context.config.jobTimeoutMs > 0 ? 1 : super.jobsPerUnit(workload);
  }

  protected async runJob(job: QueuedJob, signal?: AbortSignal): Promise<JobResult> {
    const { spec, transferList, release } = this.context.payloads.forThread(job, this.context.config.payload, this.context.config.counterMode);
    try {
      // Only abortable when a timeout is set: piscina never shares a thread between abortable tasks.
      const result = (await this.pool.run({ ...spec, fault: job.fault }, { transferList, signal })) as JobResult;
      this.supervisor.jobEnded(job.id, true, this.supervisor.find('thread', result.threadId));
      return result;
    } catch (error) {
      this.supervisor.jobEnded(job.id, false);
      const message = (error as Error).message;
      // Piscina's words when the thread under a task ended: "worker exited with code: 1", "Terminating worker thread".
      if (!signal?.aborted && /exited|terminat|memory limit/i.test(message)) throw new UnitDiedError(`worker thread died during the job: ${message}`);
      throw error;
    } finally {
      // Piscina settles a task only once its thread answered or is gone: nobody writes the buffer any more.
      release();
    }
  }

  protected override close(): Promise<void> {
    // Piscina first: it must stop replacing the threads the supervisor is about to end.
    return this.pool.destroy();
  }
}
