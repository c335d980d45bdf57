/**
 * A kept run as a recording file: the recording header first (start, settings, machine), then every message as
 * the engine sent it, one JSON line each (shared/recording/format.ts), so `parseRecording`, the CLI's
 * `--report` and `--export` read a file saved by the window exactly as one written by `--record`.
 */
import { findExperiment } from '../../../shared/experiments/catalog';
import { experimentPlan } from '../../../shared/experiments/timeline';
import type { Verdict } from '../../../shared/experiments/types';
import { RECORDING_EXTENSION, type RecordingHeader, type RecordingMachine, type VerdictLine } from '../../../shared/recording/format';
import { recordingHeader } from '../../../shared/recording/header';
import type { RunConfig } from '../../../shared/run-config';
import type { KeptRun } from '../state/run-log';

/**
 * The header of a kept run; `fallbackConfig` when the run's start was not seen (the window opened mid-run). An
 * experiment's run keeps the experiment and its plan, as the CLI's `--experiment --record` does.
 */
export function keptRunHeader(run: KeptRun, machine: RecordingMachine, fallbackConfig: RunConfig): RecordingHeader {
  const experiment = run.experimentId === null ? null : (findExperiment(run.experimentId) ?? null);
  return recordingHeader({
    startedAt: run.startedAt,
    config: run.config ?? fallbackConfig,
    plan: experiment ? experimentPlan(experiment) : [],
    experiment,
    machine,
  });
}

/**
 * The file's text: one line per message, each ending with a newline (a file without one reads as torn), and an
 * experiment's verdict last, as the CLI writes it.
 */
export function recordingText(header: RecordingHeader, run: KeptRun, verdict: Verdict | null = null): string {
  const lines = [JSON.stringify(header)];
  for (const message of run.messages) lines.push(JSON.stringify(message));
  if (verdict) lines.push(JSON.stringify({ type: 'verdict', ...verdict } satisfies VerdictLine));
  return lines.join('\n') + '\n';
}

/** A run's start as file names carry it: UTC, whole seconds, without characters file systems refuse (`:`). */
export function fileDate(startedAt: string): string {
  return startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/** `<date>-<strategy>.nclab.jsonl`, the date as {@link fileDate} writes it. */
export function recordingFileName(startedAt: string, strategy: string): string {
  return `${fileDate(startedAt)}-${strategy}${RECORDING_EXTENSION}`;
}

/**
 * What a save of `run` lacks, in words: null when the window kept the whole run; else from when it holds it. The
 * window keeps a bounded part of a long run (run-log.ts: a page left open all day must not grow); the CLI's
 * `--record` writes a run whole.
 */
export function keptTailNote(run: KeptRun): string | null {
  if (run.dropped === 0) return null;
  const first = run.messages[0];
  const from = first ? ` from ${(first.t / 1000).toFixed(0)} s` : '';
  return `the run${from} on: the window keeps the newest part of a long run (npm run lab -- --record keeps all of it)`;
}

