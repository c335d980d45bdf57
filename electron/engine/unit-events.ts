/**
 * How the units of one strategy instance reach the run: their starts and exits as events (a crash also as an
 * error the user reads), the run's unit counts, the jobs a dying unit lost, and a wake-up when capacity frees.
 */
import type { StrategyName } from '../../shared/constants';
import type { LabEvent } from '../../shared/messages';
import type { RunStats } from './run-report';
import type { SupervisorEvents } from './supervision/unit-supervisor';

/** An event as the engine emits it: without `type` and `t`, which the engine stamps. */
export type EventBody = LabEvent extends infer E ? (E extends LabEvent ? Omit<E, 'type' | 't'> : never) : never;

/** What the events of a generation's units need from the engine. */
export interface UnitEventSinks {
  /** The current run's counts (a new run has new ones). */
  stats(): RunStats;
  emit(body: EventBody): void;
  jobsLost: SupervisorEvents['jobsLost'];
  wake(): void;
  /** The strategy now configured, to name the source of a start failure. */
  strategyName(): StrategyName;
}

/** The supervisor's events for the units of strategy generation `generation`. */
export function unitLifecycleEvents(generation: number, sinks: UnitEventSinks): SupervisorEvents {
  return {
    unitCreated: () => sinks.stats().unitsStarted++,
    unitStarted: (unit, startupMs) => {
      const { id: unitId, kind, pid, threadId, replaces } = unit;
      sinks.emit({ event: 'unit-started', unitId, kind, strategy: unit.strategy, pid, threadId, generation, ...(replaces ? { replaces } : {}), startupMs });
    },
    unitExited: (unit, exit) => {
      sinks.stats().unitsExited++;
      const voluntary = exit.cause === 'stop' || exit.cause === 'done';
      const { id: unitId, kind, pid, threadId } = unit;
      sinks.emit({ event: 'unit-exited', unitId, kind, strategy: unit.strategy, pid, threadId, generation, voluntary, ...exit });
      // Only an end nobody in the lab asked for is an error to read (a crash, a kill from outside); an injected
      // one is what the user set up to watch.
      if (exit.cause === 'crash' || exit.cause === 'external') {
        const next = unit.oneShot ? 'new jobs wait for the restart backoff' : 'restarting after backoff';
        const what = exit.cause === 'crash' ? `crashed: ${exit.detail}` : `was ${exit.detail}`;
        sinks.emit({ event: 'error', message: `${unitId} ${what}; ${next}`, source: unitId });
      }
    },
    jobsLost: (jobIds, error) => sinks.jobsLost(jobIds, error),
    wake: () => sinks.wake(),
    startFailed: (error) => sinks.emit({ event: 'error', message: `a unit could not be started: ${error.message}`, source: sinks.strategyName() }),
  };
}
