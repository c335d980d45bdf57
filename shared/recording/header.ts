/**
 * The one place a recording's header line is built. Three writers make headers (the CLI's `--record` file, the
 * CLI's in-memory run for `--threshold`, the window's Save): built here, they cannot drift apart in a field, its
 * order or the format string, and a change to the header is one change.
 */
import type { Experiment } from '../experiments/types';
import type { PlanStep } from '../plan';
import type { RunConfig } from '../run-config';
import { RECORDING_FORMAT, type RecordingHeader, type RecordingMachine } from './format';

/** What a header says beside its fixed fields (`type` and `format`). */
export interface RecordingHeaderFacts {
  /** When the run started (ISO 8601, UTC); see {@link runStartedAt}. */
  startedAt: string;
  /** The run's settings as the engine accepted them. */
  config: RunConfig;
  /** Timed steps the run followed (empty for none); copied, so a later change to the caller's array is not kept. */
  plan: readonly PlanStep[];
  experiment: Experiment | null;
  machine: RecordingMachine;
}

/** The header line of a recording in the current format ({@link RECORDING_FORMAT}). */
export function recordingHeader(facts: RecordingHeaderFacts): RecordingHeader {
  return {
    type: 'header',
    format: RECORDING_FORMAT,
    startedAt: facts.startedAt,
    config: facts.config,
    plan: [...facts.plan],
    experiment: facts.experiment,
    machine: facts.machine,
  };
}

/**
 * When the run started, as a header says it: the wall clock when a message arrived (`nowMs`, Date.now) less the
 * message's `t` (ms since the run started), so a writer that sees the run mid-way still dates it from its start.
 */
export function runStartedAt(nowMs: number, t: number): string {
  return new Date(nowMs - t).toISOString();
}
