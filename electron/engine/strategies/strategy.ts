/**
 * The one interface every strategy implements. The engine owns the queue and the accounting; a strategy only
 * starts its units, runs the jobs it is given (never more than its capacity), reports its units, and ends them
 * all when destroyed. Strategies with threads or processes extend {@link SupervisedStrategy}, which leaves them
 * two things to write: how to start a unit, and how to run a job on one.
 */
import type { SliceWindow } from '../../../shared/activity/busy-slices';
import type { StrategyName, WorkloadName } from '../../../shared/constants';
import type { QueuedJob } from '../jobs/queued-job';
import type { UnitTick } from '../../../shared/messages';
import type { RunConfig } from '../../../shared/run-config';
import type { JobResult, SamplingMessage, UnitSettings } from '../../../shared/unit-protocol';
import type { PayloadFactory } from '../jobs/payloads';
import type { SupervisorEvents } from '../supervision/unit-supervisor';

export type { QueuedJob };

/** What a strategy is built with. */
export interface StrategyContext {
  config: RunConfig;
  /** Counts strategy instances in a run, to keep unit ids unique across switches. */
  generation: number;
  /** What a unit started now is started with (how often it reports; 0 turns its probe off); it can change. */
  readonly unitSettings: UnitSettings;
  /** Where its units' lives are reported. */
  events: SupervisorEvents;
  payloads: PayloadFactory;
  /** Reports a problem the user should see (a unit that failed to start, ...). */
  reportError(message: string, source: string): void;
  /** A job ran on the host's own loop from `startedAt` until now: its block is measured at its boundaries. */
  hostJobRan(startedAt: number): void;
  /**
   * Tells a unit that started with other sampling settings than the current ones (sampling was switched while it
   * booted, after its settings were fixed but before it listened) what they are now.
   */
  samplingCatchUp(unit: { handle: { send?(message: SamplingMessage): void } }): void;
}

/** One way of running jobs. */
export interface Strategy {
  readonly name: StrategyName;
  /** Settles when the strategy can take its first job. */
  readonly firstReady: Promise<void>;
  /** Settles when every unit has started. */
  readonly ready: Promise<void>;
  /** How many jobs of this workload it runs at once now. */
  capacity(workload: WorkloadName): number;
  /**
   * Runs one job; rejects with the reason it failed (a UnitDiedError when its unit died under it). When
   * `signal` aborts (the job timed out), whatever runs the job is ended: it cannot be stopped otherwise.
   */
  run(job: QueuedJob, signal?: AbortSignal): Promise<JobResult>;
  /** Crash injection: kills a live unit from outside (the first one when no id is given); its id, or null. */
  crash(unitId?: string): string | null;
  /**
   * Its threads and processes, for a tick: the live ones, and the ones that exited and are still to be shown
   * (supervision/tick-view.ts); with the tick's `window`, their busy slices and collections over it (taken, so
   * only the tick asks with one; without it they read null).
   */
  units(window?: SliceWindow): UnitTick[];
  /** Startup times (ms) of its units that became ready since the last call. */
  takeStartups(): number[];
  /** How many of its units are alive (not exited). */
  liveUnits(): number;
  /** The ids of its units alive now (without taking the exited rows the next tick is to list, as units() does). */
  liveUnitIds(): string[];
  /** Sampling was turned on or off: its processes are told (its threads hear it on the engine's channel). */
  samplingChanged(message: SamplingMessage): void;
  /** Ends every unit; jobs still running fail. Resolves once all have exited. */
  destroy(): Promise<void>;
}
