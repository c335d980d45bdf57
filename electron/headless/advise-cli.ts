/**
 * `--advise` in the CLI: runs the advisor on an engine of its own, prints its progress and answer (a table and a
 * recommendation, or one JSON line), and keeps it with `--record`: a recording whose header holds the settings
 * every cell ran with and whose one event line is the advice, so the nclab/1 reader opens it unchanged.
 */
import type { Advice } from '../../shared/advisor/types';
import type { AdviceEvent } from '../../shared/messages';
import type { RunConfig } from '../../shared/run-config';
import { LabEngine } from '../engine/lab-engine';
import { runAdvisor } from '../engine/advisor-run';
import type { CliRequest } from './cli-args';
import { adviceBlock, adviceLine, progressLine } from './advise-output';
import { machineFacts } from './machine-facts';
import { recordingMachine } from './recording/machine';
import { Recorder } from './recording/recorder';

/** Writes the advice as a recording: a header (from a run-started at 0 with the base settings) and one advice event. */
export function recordAdvice(file: string, config: RunConfig, advice: Advice): void {
  const recorder = new Recorder(file, { plan: [], experiment: null, machine: recordingMachine('cli') });
  try {
    recorder.take({ type: 'event', t: 0, event: 'run-started', config });
    recorder.take({ type: 'event', t: Math.round(advice.tookS * 1000), event: 'advice', advice } satisfies AdviceEvent);
  } finally {
    recorder.close();
  }
}

/** Runs the advisor; the exit code: 0 advice given (whatever it says), 1 stopped or not recorded. */
export async function runAdviseRequest(request: Extract<CliRequest, { kind: 'advise' }>, signal: AbortSignal, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const engine = new LabEngine();
  let advice: Advice | null;
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
  }
  if (!advice) {
    err('advisor stopped before it measured every strategy; no advice\n');
    return 1;
  }
  out(request.json ? adviceLine(advice) + '\n' : adviceBlock(advice) + '\n');
  if (request.outputs.record) {
    try {
      recordAdvice(request.outputs.record, request.config, advice);
    } catch (error) {
      err(`--record: ${request.outputs.record}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  return engine.liveUnits() > 0 ? 1 : 0;
}
