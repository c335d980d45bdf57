/**
 * `worker-pool`: N long-lived worker threads from piscina. Its defaults are tuned for servers, not for a lab,
 * so they are set on purpose here:
 * - minThreads = maxThreads = poolSize: the pool has exactly the size the user chose, started at once;
 * - idleTimeout = Infinity: piscina otherwise ends an idle thread immediately (above minThreads), and a
 *   restarted thread would pay startup again, which is what `worker-per-task` is there to show;
 * - atomics 'disabled': with the default 'sync', an idle worker parks in Atomics.wait and its event loop
 *   stops, so its own probe could not report; the loop must keep turning to be measured;
 * - concurrentTasksPerWorker: 1 for CPU-bound work (one thread, one job), more for waits;
 * - recordTiming off: the engine measures latency itself, for every strategy alike.
 * The engine never gives the pool more than its capacity, so piscina's own queue stays empty and the
 * engine's queue is the one the charts show.
 *
 * Supervision: piscina replaces a thread that dies (and fails its tasks, which we report as the unit's death);
 * it does not respawn in a loop after a startup failure. What it lacks is a backoff, so after a crash the
 * strategy takes no new job for the backoff delay: a job that kills every thread cannot spin the CPU.
 * A timeout aborts the task through its AbortSignal; piscina then ends the thread running it.
 */
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { IO_JOBS_PER_UNIT, isCpuBound, type WorkloadName } from '../../../shared/constants';
import type { UnitTick } from '../../../shared/messages';
import { isUnitMessage, type JobResult } from '../../../shared/unit-protocol';
import { ENTRY_PATHS } from '../entry-paths';
import { RestartBackoff } from '../restart-backoff';
import { crashDetail, strategyClosed, UnitDiedError } from '../unit-errors';
import { threadLimits, unitSettings } from '../unit-options';
import { UnitTable, type UnitRecord } from '../unit-table';
import type { QueuedJob, Strategy, StrategyContext } from './strategy';

export class WorkerPoolStrategy implements Strategy {
  readonly name = 'worker-pool' as const;
  readonly ready: Promise<void>;
  private readonly table: UnitTable;
  private readonly pool: Piscina;
  private readonly tracked = new Map<Worker, UnitRecord>();
  private readonly exits = new Set<Promise<void>>();
  private readonly backoff = new RestartBackoff();
  private readonly perUnit: number;
  private lastThreadChange = performance.now();
  private closing = false;

  constructor(private readonly context: StrategyContext) {
    const { config } = context;
    this.table = new UnitTable(this.name, context.generation, context.lifecycle, context.unitIntervalMs);
    this.perUnit = isCpuBound(config.workload) ? 1 : IO_JOBS_PER_UNIT;
    this.pool = new Piscina({
      filename: ENTRY_PATHS.poolWorker,
      minThreads: config.poolSize,
      maxThreads: config.poolSize,
      idleTimeout: Infinity,
      atomics: 'disabled',
      concurrentTasksPerWorker: this.perUnit,
      recordTiming: false,
      resourceLimits: threadLimits(config),
      workerData: unitSettings(config, context.unitIntervalMs > 0),
    });
    this.pool.on('message', (message: unknown) => this.onUnitMessage(message));
    this.pool.on('workerCreate', () => this.trackThreads());
    this.pool.on('error', (error: Error) => context.reportError(error.message, this.name));
    this.trackThreads();
    this.ready = new Promise<void>((resolve) => (this.markReady = resolve));
  }

  /** Resolves `ready` once every thread of the pool has said it is ready (or the pool is closing). */
  private markReady: () => void = () => {};

  private checkReady(): void {
    if (this.closing || this.table.live().filter((u) => u.state !== 'starting').length >= this.context.config.poolSize) this.markReady();
  }

  /** Piscina creates (and replaces) its Worker objects; follow every one of them to its exit. */
  private trackThreads(): void {
    for (const worker of this.pool.threads) {
      if (this.tracked.has(worker)) continue;
      const unit = this.table.add('thread', process.pid, worker.threadId, this.lastThreadChange);
      this.tracked.set(worker, unit);
      let lastError: Error | null = null;
      worker.on('error', (error) => (lastError = error));
      this.exits.add(
        new Promise<void>((exited) => {
          worker.once('exit', (code) => {
            this.tracked.delete(worker);
            this.lastThreadChange = performance.now();
            const detail = crashDetail(code, null, lastError, this.context.config.memoryLimitMb);
            if (this.table.exited(unit, code, null, this.closing ? 'stop' : 'crash', detail) === 'crash') {
              setTimeout(() => this.context.wake(), this.backoff.crashed()).unref();
            }
            exited();
          });
        }),
      );
    }
  }

  private onUnitMessage(message: unknown): void {
    if (!isUnitMessage(message)) return;
    if (!this.table.find('thread', message.threadId)) this.trackThreads();
    const unit = this.table.find('thread', message.threadId);
    if (!unit) return;
    if (message.type === 'ready') {
      this.table.ready(unit);
      this.checkReady();
      this.context.wake();
    } else if (message.type === 'sample') this.table.sample(unit, message.sample);
    else this.table.jobStarted(unit, message.jobId);
  }

  /**
   * With a timeout set, tasks are abortable and piscina gives them idle threads only: one job per thread,
   * whatever the workload, or the surplus would wait in piscina's queue, unseen, with its timeout running.
   */
  capacity(workload: WorkloadName): number {
    if (this.backoff.paused()) return 0;
    const perThread = isCpuBound(workload) || this.context.config.jobTimeoutMs > 0 ? 1 : this.perUnit;
    return this.context.config.poolSize * perThread;
  }

  async run(job: QueuedJob, signal?: AbortSignal): Promise<JobResult> {
    if (this.closing) throw strategyClosed();
    const { spec, transferList, release } = this.context.payloads.forThread(job, this.context.config.payload);
    signal?.addEventListener('abort', () => {
      const unit = this.table.runningJob(job.id);
      if (unit) this.table.expectExit(unit, 'timeout');
    });
    try {
      // Only abortable when a timeout is set: piscina never shares a thread between abortable tasks.
      const result = (await this.pool.run({ ...spec, fault: job.fault }, { transferList, signal })) as JobResult;
      this.table.jobEnded(job.id, true, this.table.find('thread', result.threadId));
      return result;
    } catch (error) {
      this.table.jobEnded(job.id, false);
      const message = (error as Error).message;
      // Piscina's words when the thread under a task ended: "worker exited with code: 1", "Terminating worker thread".
      if (!signal?.aborted && /exited|terminat|memory limit/i.test(message)) throw new UnitDiedError(`worker thread died during the job: ${message}`);
      throw error;
    } finally {
      // Piscina settles a task only once its thread answered or is gone: nobody writes the buffer any more.
      release();
    }
  }

  crash(unitId?: string): string | null {
    return this.table.crash(unitId, (unit) => {
      const worker = [...this.tracked].find(([, tracked]) => tracked === unit)?.[0];
      void worker?.terminate();
      return worker !== undefined;
    });
  }

  units(): UnitTick[] {
    return this.table.snapshot();
  }

  liveUnits(): number {
    return this.table.live().length;
  }

  async destroy(): Promise<void> {
    this.closing = true;
    this.checkReady();
    await this.pool.destroy();
    await Promise.all(this.exits);
  }
}
