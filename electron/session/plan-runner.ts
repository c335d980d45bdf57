/** Runs a plan against an engine: each step at its time, in order, reporting steps the engine refused. */
import { LIMITS } from '../../shared/constants';
import type { PlanStep } from '../../shared/plan';
import type { LabEngine } from '../engine/lab-engine';

/** What a plan acts on: the engine, or anything that takes the same two commands. */
export type PlanTarget = Pick<LabEngine, 'configure' | 'crash'>;

/** A plan in progress. */
export interface RunningPlan {
  /** Cancels the steps not taken yet. */
  cancel(): void;
}

/** The latest a step may be: the longest run. */
const MAX_AT_S = LIMITS.durationS.max;

/**
 * Whether a step's time can be scheduled. Checked here, not only by the CLI, so no entry can overflow a timer:
 * setTimeout fires at once for NaN, a negative delay or one past 2^31-1 ms (~24.8 days).
 */
function schedulable(atS: number): boolean {
  return Number.isFinite(atS) && atS >= 0 && atS <= MAX_AT_S;
}

/**
 * Schedules every step relative to now; `onRefused` hears why a step was not taken. A step whose time cannot be
 * scheduled is refused at once and never taken.
 */
export function runPlan(engine: PlanTarget, steps: readonly PlanStep[], onRefused: (step: PlanStep, why: string) => void): RunningPlan {
  // Refused first, in the order given: a NaN time would also leave the sort below without an order.
  for (const step of steps) if (!schedulable(step.atS)) onRefused(step, `atS: must be a number of seconds between 0 and ${MAX_AT_S}`);
  const timers = steps
    .filter((step) => schedulable(step.atS))
    .sort((a, b) => a.atS - b.atS)
    .map((step) =>
      setTimeout(async () => {
        const result = 'configure' in step ? await engine.configure(step.configure) : await engine.crash(step.crash);
        if (!result.ok) onRefused(step, result.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
      }, step.atS * 1000),
    );
  return { cancel: () => timers.forEach(clearTimeout) };
}
