/** How a supervisor is set up, and what it tells the engine about its units. */
import type { StrategyName } from '../../../shared/constants';
import type { ExitFacts } from '../../../shared/messages';
import type { UnitDiedError } from '../unit-errors';
import type { UnitRecord } from './unit-record';

/** What the supervisor tells the engine. */
export interface SupervisorEvents {
  /** A unit was adopted (it may die before it is ready). */
  unitCreated(unit: UnitRecord): void;
  unitStarted(unit: UnitRecord, startupMs: number): void;
  /** A unit ended; `exit` is the supervisor's one decision on how (also kept on the unit for its tick row). */
  unitExited(unit: UnitRecord, exit: ExitFacts): void;
  /** Jobs that were running on a unit that died: fail them (or retry them) now. */
  jobsLost(jobIds: number[], error: UnitDiedError): void;
  /** There may be room for jobs again (a unit became ready, a backoff ended). */
  wake(): void;
  /** A unit could not even be started (spawn threw). */
  startFailed?(error: Error): void;
}

export interface SupervisorOptions {
  strategy: StrategyName;
  generation: number;
  /** How often units report, in ms; 0 when sampling is off. */
  intervalMs: number;
  memoryLimitMb: number;
  events: SupervisorEvents;
  /** How long a unit asked to stop may take before it is killed. */
  graceMs?: number;
  /** Units booting at once (see {@link StartGate}). */
  startLimit?: number;
}
