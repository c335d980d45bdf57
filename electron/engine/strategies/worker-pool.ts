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
 *
 * The N threads live in several piscina pools ("shards") of a few threads each, not in one. Piscina starts
 * all its threads in its constructor, in one turn of the host's loop: at 16 threads that turn blocked the host
 * for over 100 ms, and 16 threads booting together on 2 cores made the first of them ready only after ~800 ms.
 * Each shard is as large as the supervisor's start gate lets boot at once, and the gate creates the next one
 * when the threads of the last are up, as it does for processes. A job goes to the shard with the most ready
 * threads free; inside a shard, piscina balances, aborts and replaces as before.
 */
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { isCpuBound, IO_JOBS_PER_UNIT, type WorkloadName } from '../../../shared/constants';
import { isUnitMessage, type JobResult, type UnitMessage } from '../../../shared/unit-protocol';
import { ENTRY_PATHS } from '../entry-paths';
import { defaultStartLimit } from '../supervision/start-gate';
import { threadHandle, type UnitHandle } from '../supervision/unit-handle';
import type { UnitRecord } from '../supervision/unit-record';
import { UnitDiedError } from '../unit-errors';
import { threadLimits } from '../probes/unit-options';
import type { QueuedJob, StrategyContext } from './strategy';
import { SupervisedStrategy } from './supervised-strategy';

/** One piscina pool holding some of the strategy's threads, and the jobs it runs now. */
interface Shard {
  pool: Piscina;
  running: number;
}

export class WorkerPoolStrategy extends SupervisedStrategy {
  readonly name = 'worker-pool' as const;
  private readonly shards: Shard[] = [];
  private readonly shardOf = new WeakMap<UnitHandle, Shard>();
  private readonly adopted = new WeakSet<Worker>();

  constructor(context: StrategyContext, shardSize = defaultStartLimit()) {
    super(context, 'pool', 'worker-pool');
    for (let left = context.config.poolSize; left > 0; left -= shardSize) {
      const size = Math.min(left, shardSize);
      this.supervisor.launchGroup(size, () => (this.closing ? [] : this.startShard(size)));
    }
  }

  /** Creates a shard of `threads` threads and adopts them; their records. */
  private startShard(threads: number): UnitRecord[] {
    const { config } = this.context;
    const shard: Shard = {
      pool: new Piscina({
        filename: ENTRY_PATHS.poolWorker,
        minThreads: threads,
        maxThreads: threads,
        idleTimeout: Infinity,
        atomics: 'disabled',
        concurrentTasksPerWorker: isCpuBound(config.workload) ? 1 : IO_JOBS_PER_UNIT,
        recordTiming: false,
        resourceLimits: threadLimits(config),
        workerData: this.context.unitSettings,
      }),
      running: 0,
    };
    this.shards.push(shard);
    // Piscina replaces a dead thread inside its exit handler and says so ('workerCreate') only once the new
    // thread is up, after its first messages: a message from a thread not adopted yet is how one is found.
    shard.pool.on('message', (message: unknown) => {
      if (isUnitMessage(message) && !this.supervisor.find('thread', message.threadId)) this.adoptNewThreads(shard, this.lastExitAt, message);
    });
    shard.pool.on('workerCreate', () => this.adoptNewThreads(shard, this.lastExitAt));
    shard.pool.on('error', (error: Error) => this.context.reportError(error.message, this.name));
    return this.adoptNewThreads(shard, performance.now());
  }

  /** When a thread last exited: about when piscina created its replacement. */
  private lastExitAt = performance.now();

  /** Adopts the threads of `shard` not followed yet; `first` is a message one of them sent before it was adopted. */
  private adoptNewThreads(shard: Shard, createdAt: number, first?: UnitMessage): UnitRecord[] {
    const adopted: UnitRecord[] = [];
    for (const worker of shard.pool.threads) {
      if (this.adopted.has(worker)) continue;
      this.adopted.add(worker);
      const handle = threadHandle(worker);
      this.shardOf.set(handle, shard);
      void handle.exited.then(() => (this.lastExitAt = performance.now()));
      const unit = this.supervisor.adopt(handle, { createdAt });
      if (first && first.threadId === unit.threadId) this.supervisor.deliver(unit, first);
      adopted.push(unit);
    }
    return adopted;
  }

  /** The shard with the most room: its ready threads times the jobs each takes, less the jobs it runs. */
  private roomiest(workload: WorkloadName): Shard | undefined {
    const perThread = this.jobsPerUnit(workload);
    const room = new Map<Shard, number>();
    for (const unit of this.supervisor.available()) {
      const shard = this.shardOf.get(unit.handle);
      if (shard) room.set(shard, (room.get(shard) ?? -shard.running) + perThread);
    }
    let best: Shard | undefined;
    let bestRoom = -Infinity;
    for (const [shard, free] of room) {
      if (free > bestRoom) [best, bestRoom] = [shard, free];
    }
    return best;
  }

  /**
   * With a timeout set, tasks are abortable and piscina gives them idle threads only: one job per thread,
   * whatever the workload, or the surplus would wait in piscina's queue, unseen, with its timeout running.
   */
  protected override jobsPerUnit(workload: WorkloadName): number {
    return this.context.config.jobTimeoutMs > 0 ? 1 : super.jobsPerUnit(workload);
  }

  protected async runJob(job: QueuedJob, signal?: AbortSignal): Promise<JobResult> {
    const shard = this.roomiest(job.workload);
    if (!shard) throw new Error('no worker thread is ready');
    const { spec, transferList, release } = this.context.payloads.forThread(job, this.context.config.payload, this.context.config.counterMode);
    shard.running++;
    try {
      // Only abortable when a timeout is set: piscina never shares a thread between abortable tasks.
      const result = (await shard.pool.run({ ...spec, fault: job.fault }, { transferList, signal })) as JobResult;
      this.supervisor.jobEnded(job.id, true, this.supervisor.find('thread', result.threadId));
      return result;
    } catch (error) {
      this.supervisor.jobEnded(job.id, false);
      const message = (error as Error).message;
      // Piscina's words when the thread under a task ended: "worker exited with code: 1", "Terminating worker thread".
      if (!signal?.aborted && /exited|terminat|memory limit/i.test(message)) throw new UnitDiedError(`worker thread died during the job: ${message}`);
      throw error;
    } finally {
      shard.running--;
      // Piscina settles a task only once its thread answered or is gone: nobody writes the buffer any more.
      release();
    }
  }

  /**
   * Ends the shards a few threads at a time, as they started: each thread's exit costs the host a slice (it
   * joins the thread and frees its isolate), and 16 ended in one turn stalled the host's loop during a switch.
   * Piscina's destroy ends a shard's threads without replacing them; the supervisor then only accounts for them.
   */
  override async destroy(): Promise<void> {
    this.closing = true;
    this.supervisor.beginShutdown();
    for (const shard of this.shards) await shard.pool.destroy();
    await this.supervisor.shutdown();
  }
}
