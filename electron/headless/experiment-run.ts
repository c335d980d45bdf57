/**
 * Runs one experiment through the engine (its start settings, its plan of segments and crashes) and gives its
 * verdict, computed by the same pure evaluator the app and the tests use, from the ticks and events it recorded.
 */
import type { LabEvent, LabMessage, Summary, Tick } from '../../shared/messages';
import type { PlanStep } from '../../shared/plan';
import { experimentPlan, readsHealthChecks, startConfig } from '../../shared/experiments/timeline';
import type { Experiment, MachineFacts, Verdict } from '../../shared/experiments/types';
import { evaluateVerdict } from '../../shared/experiments/verdict';
import type { ConfigError } from '../../shared/run-config';
import { runSession } from './run-session';

/** How to run an experiment. */
export interface ExperimentRunOptions {
  /** Stop earlier than the experiment's end, in seconds. */
  durationS?: number;
  machine: MachineFacts;
  onMessage?(message: LabMessage): void;
  onRefused?(step: PlanStep, why: string): void;
  signal?: AbortSignal;
}

/** An experiment's outcome: its verdict and the run's summary, or why it could not start. */
export type ExperimentOutcome = { ok: true; verdict: Verdict; summary: Summary | null } | { ok: false; errors: ConfigError[] };

/** Runs `experiment` to its end (or `durationS`) and judges it. */
export async function runExperiment(experiment: Experiment, options: ExperimentRunOptions): Promise<ExperimentOutcome> {
  const ticks: Tick[] = [];
  const events: LabEvent[] = [];
  const result = await runSession({
    config: startConfig(experiment),
    plan: experimentPlan(experiment),
    healthOften: readsHealthChecks(experiment),
    durationS: Math.min(options.durationS ?? experiment.durationS, experiment.durationS),
    signal: options.signal,
    onRefused: options.onRefused ?? (() => {}),
    onMessage: (message) => {
      if (message.type === 'tick') ticks.push(message);
      else if (message.type === 'event') events.push(message);
      options.onMessage?.(message);
    },
  });
  if (!result.ok) return result;
  const verdict = evaluateVerdict(experiment, { ticks, events, summary: result.summary }, options.machine);
  return { ok: true, verdict, summary: result.summary };
}
