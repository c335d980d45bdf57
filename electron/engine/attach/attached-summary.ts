/**
 * The summary of an attached run, shaped as every run's (shared/messages.ts, Summary): its jobs are the app's
 * incoming HTTP requests (http-figures.ts), its units the app's processes and threads, and `attached` says what ran,
 * how it ended, its HTTP over the whole run and the connections refused.
 */
import type { AppExit, AttachSpec } from '../../../shared/attach';
import type { LoopDelay, Summary } from '../../../shared/messages';
import type { RunConfig } from '../../../shared/run-config';
import type { AppModel } from './app-model';

/** What the summary is made of. */
export interface AttachedRunFacts {
  /** Length of the run, in ms. */
  t: number;
  config: RunConfig;
  spec: AttachSpec;
  model: AppModel;
  exit: AppExit | null;
  refused: number;
  hostEld: LoopDelay | null;
  /** Units and processes of the app still alive when it was made: 0 after a clean end. */
  unitsAlive: number;
}

export function attachedSummary(run: AttachedRunFacts): Summary {
  const { model } = run;
  const seconds = run.t / 1000;
  const { jobs, failures } = model.appHttp.summaryJobs();
  return {
    type: 'summary',
    t: run.t,
    config: { ...run.config },
    jobs,
    throughput: seconds > 0 ? jobs.completed / seconds : 0,
    latency: model.appHttp.runLatencyPercentiles(),
    hostEld: run.hostEld,
    unitsStarted: model.counts.unitsStarted,
    unitsExited: model.counts.unitsExited,
    unitsAlive: run.unitsAlive,
    failures,
    switches: 0,
    attached: {
      command: [...run.spec.command],
      cwd: run.spec.cwd,
      exit: run.exit,
      http: model.appHttp.overRun(seconds),
      refused: run.refused,
      processesSeen: model.counts.processesSeen,
      threadsSeen: model.counts.threadsSeen,
    },
  };
}
