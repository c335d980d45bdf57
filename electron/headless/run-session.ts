/**
 * One run of the engine from start to summary, as the headless hosts do it: start with settings, follow a plan,
 * stop after a duration or when aborted (Ctrl-C), and leave nothing running. The CLI, its experiments and the
 * experiments script all run through here, so they stop the same way.
 */
import type { LabMessage, Summary } from '../../shared/messages';
import type { PlanStep } from '../../shared/plan';
import type { ConfigError } from '../../shared/run-config';
import { LabEngine } from '../engine/lab-engine';
import { runPlan } from '../session/plan-runner';
import { runEnd } from './run-end';

/** What to run and whom to tell. */
export interface SessionOptions {
  /** Settings to start with, on top of the defaults; validated by the engine. */
  config: unknown;
  plan: readonly PlanStep[];
  /** Stops after this many seconds; null runs until aborted. */
  durationS: number | null;
  onMessage(message: LabMessage): void;
  /** A plan step the engine refused, and why. */
  onRefused(step: PlanStep, why: string): void;
  /** Aborting stops the run early (a signal, a caller giving up). */
  signal?: AbortSignal;
  /** The host's health check every 50 ms whatever the strategy (an experiment that shows or judges it). */
  healthOften?: boolean;
}

/** A run's end: its summary (null only if the engine sent none), or why it could not start. */
export type SessionResult = { ok: true; summary: Summary | null } | { ok: false; errors: ConfigError[] };

/** Runs the engine once, from start to summary; every thread and process it started has ended when this settles. */
export async function runSession(options: SessionOptions): Promise<SessionResult> {
  const engine = new LabEngine();
  let summary: Summary | null = null;
  engine.onMessage((message) => {
    if (message.type === 'summary') summary = message;
    options.onMessage(message);
  });
  const started = await engine.start(options.config);
  if (!started.ok) {
    await engine.dispose();
    return started;
  }
  if (options.healthOften) engine.checkHealthOften();
  const plan = runPlan(engine, options.plan, options.onRefused);
  await runEnd(options.durationS, options.signal);
  plan.cancel();
  await engine.dispose();
  return { ok: true, summary };
}
