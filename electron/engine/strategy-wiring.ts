/**
 * How the engine builds a strategy instance: its own copy of the settings, its generation, and its wiring to the
 * run (its units' settings and lifecycle events, the jobs a dying unit lost, the payloads, the host's probe).
 */
import type { StrategyName } from '../../shared/constants';
import type { RunConfig } from '../../shared/run-config';
import type { JobRunner } from './job-runner';
import type { PayloadFactory } from './jobs/payloads';
import type { RunStats } from './run-report';
import type { RunSampling } from './run-sampling';
import { createStrategy, type Strategy } from './strategies';
import { unitLifecycleEvents, type EventBody } from './unit-events';

/** What of the run a strategy instance is wired to. */
export interface StrategyWiring {
  /** The current run's counts. */
  stats(): RunStats;
  emit(body: EventBody): void;
  runner: JobRunner;
  /** There may be room for jobs again. */
  wake(): void;
  /** The strategy now configured, to name the source of a start failure. */
  strategyName(): StrategyName;
  payloads: PayloadFactory;
  sampling: RunSampling;
}

/** Builds generation `generation` of the strategy `config` names, and hands it to the runner. */
export function buildStrategy(config: RunConfig, generation: number, wiring: StrategyWiring): Strategy {
  const { sampling, runner } = wiring;
  let built: Strategy | null = null;
  const strategy = createStrategy({
    config,
    generation,
    // Read at each unit's start (sampling can be switched): how often it probes and reports (unit-options.ts).
    get unitSettings() {
      return sampling.unitSettings(config);
    },
    events: unitLifecycleEvents(generation, {
      stats: wiring.stats,
      emit: wiring.emit,
      jobsLost: (jobIds, error) => runner.lost(built as Strategy, jobIds, error),
      wake: wiring.wake,
      strategyName: wiring.strategyName,
    }),
    payloads: wiring.payloads,
    reportError: (message, source) => wiring.emit({ event: 'error', message, source }),
    hostJobRan: (startedAt) => sampling.hostJobRan(startedAt),
    samplingCatchUp: (unit) => sampling.catchUp(unit, config),
  });
  built = strategy;
  runner.add(strategy);
  return strategy;
}
