/**
 * `--advise` in the CLI: runs the advisor on an engine of its own, prints its progress and answer (a table and a
 * recommendation, or one JSON line), and keeps it with `--record`: a recording whose header holds the settings
 * every cell ran with and whose one event line is the advice, so every recording reader opens it unchanged.
 */
import type { Advice } from '../../shared/advisor/types';
import type { AdviceEvent } from '../../shared/messages';
import type { RunConfig } from '../../shared/run-config';
import { LabEngine } from '../engine/lab-engine';
import { runAdvisor } from '../session/advisor-run';
import type { CliRequest } from './cli-args';
import { adviceBlock, adviceLine, progressLine } from './advise-output';
import { machineFacts } from '../session/machine-facts';
import { recordingMachine } from '../session/machine-facts';
import { Recorder } from './recording/recorder';

/**
 * Opens the advice's recording before the run (a path that cannot be written fails at once, not after minutes):
 * its header has the settings every cell ran with, from a run-started at 0; `keep` adds the advice and closes it.
 */
export function openAdviceRecording(file: string, config: RunConfig): { keep(advice: Advice): void; close(): void } {
  const recorder = new Recorder(file, { plan: [], experiment: null, machine: recordingMachine('cli') });
  recorder.take({ type: 'event', t: 0, event: 'run-started', config });
  return {
    keep: (advice) => recorder.take({ type: 'event', t: Math.round(advice.tookS * 1000), event: 'advice', advice } satisfies AdviceEvent),
    close: () => recorder.close(),
  };
}

/** Runs the advisor; the exit code: 0 advice given (whatever it says), 1 stopped, 2 a recording that cannot be written. */
export async function runAdviseRequest(request: Extract<CliRequest, { kind: 'advise' }>, signal: AbortSignal, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let recording: ReturnType<typeof openAdviceRecording> | null = null;
  try {
    recording = request.outputs.record ? openAdviceRecording(request.outputs.record, request.config) : null;
  } catch (error) {
    err(`--record: ${request.outputs.record}: ${(error as Error).message}\n`);
    return 2;
  }
  const engine = new LabEngine();
  let advice: Advice | null = null;
  try {
    advice = await runAdvisor(engine, {
      config: request.config,
      budgetS: request.budgetS,
      machine: machineFacts(),
      signal,
      onProgress: (progress) => {
        if (!request.json) out(progressLine(progress) + '\n');
      },
    });
  } finally {
    await engine.dispose();
    if (!advice) recording?.close();
  }
  if (!advice) {
    err('advisor stopped before it measured every strategy; no advice\n');
    return 1;
  }
  out(request.json ? adviceLine(advice) + '\n' : adviceBlock(advice) + '\n');
  recording?.keep(advice);
  recording?.close();
  return engine.liveUnits() > 0 ? 1 : 0;
}
