/** Runs a plan against an engine: each step at its time, in order, reporting steps the engine refused. */
import type { PlanStep } from '../../shared/plan';
import type { LabEngine } from './lab-engine';

/** A plan in progress. */
export interface RunningPlan {
  /** Cancels the steps not taken yet. */
  cancel(): void;
}

/** Schedules every step relative to now; `onRefused` hears why a step was not taken. */
export function runPlan(engine: LabEngine, steps: readonly PlanStep[], onRefused: (step: PlanStep, why: string) => void): RunningPlan {
  const timers = [...steps]
    .sort((a, b) => a.atS - b.atS)
    .map((step) =>
      setTimeout(async () => {
        const result = 'configure' in step ? await engine.configure(step.configure) : await engine.crash(step.crash);
        if (!result.ok) onRefused(step, result.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
      }, step.atS * 1000),
    );
  return { cancel: () => timers.forEach(clearTimeout) };
}
