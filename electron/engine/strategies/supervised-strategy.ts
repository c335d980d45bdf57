/**
 * What every strategy with threads or processes shares: one {@link UnitSupervisor} owns its units' lives, and
 * the capacity, timeouts, crash injection, ticks and shutdown follow from it. A strategy adds how it starts a
 * unit and how it runs a job on one.
 *
 * Two shapes: a `pool` of long-lived units (capacity: the units ready now, times the jobs one takes at once) and
 * `one-shot` units started per job (capacity: the pool size, each job a whole unit). Both take no job while the
 * restart backoff after a crash runs, so a job that kills every unit it touches cannot spin the CPU.
 */
import type { SliceWindow } from '../../../shared/activity/busy-slices';
import { IO_JOBS_PER_UNIT, isCpuBound, type StrategyName, type WorkloadName } from '../../../shared/constants';
import type { UnitTick } from '../../../shared/messages';
import type { JobResult, SamplingMessage } from '../../../shared/unit-protocol';
import { UnitSupervisor } from '../supervision/unit-supervisor';
import { strategyClosed, timeoutOf } from '../unit-errors';
import type { QueuedJob, Strategy, StrategyContext } from './strategy';

export abstract class SupervisedStrategy implements Strategy {
  abstract readonly name: StrategyName;
  readonly firstReady: Promise<void>;
  readonly ready: Promise<void>;
  protected readonly supervisor: UnitSupervisor;
  protected closing = false;

  constructor(
    protected readonly context: StrategyContext,
    private readonly shape: 'pool' | 'one-shot',
    name: StrategyName,
  ) {
    this.supervisor = new UnitSupervisor({
      strategy: name,
      generation: context.generation,
      // Read when a tick is built: sampling may have been off when the strategy started, and on now.
      get intervalMs() {
        return context.unitSettings.intervalMs;
      },
      memoryLimitMb: context.config.memoryLimitMb,
      events: {
        ...context.events,
        unitStarted: (unit, startupMs) => {
          context.events.unitStarted(unit, startupMs);
          // A unit says ready with a sample when its sampling is on: one that booted across a switch is told.
          if ((unit.sample !== null) !== context.unitSettings.intervalMs > 0) context.samplingCatchUp(unit);
        },
      },
    });
    const poolReady = shape === 'pool';
    this.firstReady = poolReady ? this.supervisor.whenReady(1) : Promise.resolve();
    this.ready = poolReady ? this.supervisor.whenReady(context.config.poolSize) : Promise.resolve();
  }

  /** Runs one job on a unit of this strategy (starting one first when the shape is one-shot). */
  protected abstract runJob(job: QueuedJob, signal?: AbortSignal): Promise<JobResult>;

  /** Ends what the strategy holds besides its units (a pool library, an HTTP client); called before they stop. */
  protected close(): Promise<unknown> | void {}

  /** How many jobs one unit runs at once: one CPU-bound job (one thread, one core), many waits. */
  protected jobsPerUnit(workload: WorkloadName): number {
    return isCpuBound(workload) ? 1 : IO_JOBS_PER_UNIT;
  }

  capacity(workload: WorkloadName): number {
    if (this.closing || this.supervisor.paused()) return 0;
    if (this.shape === 'one-shot') return this.context.config.poolSize;
    return this.supervisor.available().length * this.jobsPerUnit(workload);
  }

  async run(job: QueuedJob, signal?: AbortSignal): Promise<JobResult> {
    if (this.closing) throw strategyClosed();
    if (job.fault) this.supervisor.carriesFault(job.id, job.fault);
    const timedOut = () => this.supervisor.timeOut(job.id, timeoutOf(signal?.reason));
    signal?.addEventListener('abort', timedOut, { once: true });
    try {
      return await this.runJob(job, signal);
    } finally {
      signal?.removeEventListener('abort', timedOut);
    }
  }

  crash(unitId?: string): string | null {
    return this.supervisor.crash(unitId);
  }

  units(window?: SliceWindow): UnitTick[] {
    return this.supervisor.snapshot(window);
  }

  takeStartups(): number[] {
    return this.supervisor.takeStartups();
  }

  samplingChanged(message: SamplingMessage): void {
    this.supervisor.samplingChanged();
    for (const unit of this.supervisor.live()) unit.handle.send?.(message);
  }

  liveUnits(): number {
    return this.supervisor.liveCount;
  }

  liveUnitIds(): string[] {
    return this.supervisor.live().map((unit) => unit.id);
  }

  async destroy(): Promise<void> {
    this.closing = true;
    const closed = this.close();
    await this.supervisor.shutdown();
    await closed;
  }
}
