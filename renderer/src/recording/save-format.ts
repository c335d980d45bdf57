/**
 * A kept run as a recording file: the nclab/1 header first (start, settings, machine), then every message as
 * the engine sent it, one JSON line each (shared/recording/format.ts), so `parseRecording`, the CLI's
 * `--report` and `--export` read a file saved by the window exactly as one written by `--record`.
 */
import { RECORDING_EXTENSION, RECORDING_FORMAT, type RecordingHeader, type RecordingMachine } from '../../../shared/recording/format';
import type { RunConfig } from '../../../shared/run-config';
import type { KeptRun } from './run-keeper';

/** The header of a kept run; `fallbackConfig` when the run's start was not seen (the window opened mid-run). */
export function recordingHeader(run: KeptRun, machine: RecordingMachine, fallbackConfig: RunConfig): RecordingHeader {
  return {
    type: 'header',
    format: RECORDING_FORMAT,
    startedAt: run.startedAt,
    config: run.config ?? fallbackConfig,
    plan: [],
    experiment: null,
    machine,
  };
}

/** The file's text: one line per message, each ending with a newline (a file without one reads as torn). */
export function recordingText(header: RecordingHeader, run: KeptRun): string {
  const lines = [JSON.stringify(header)];
  for (const message of run.messages) lines.push(JSON.stringify(message));
  return lines.join('\n') + '\n';
}

/** `<date>-<strategy>.nclab.jsonl`, the date in UTC without characters file systems refuse (`:`). */
export function recordingFileName(startedAt: string, strategy: string): string {
  const date = startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return `${date}-${strategy}${RECORDING_EXTENSION}`;
}
