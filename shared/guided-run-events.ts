/**
 * The events of a guided run: an experiment's start (its segments and machine) and the advisor's progress and
 * answer. Their own module so shared/messages.ts keeps to the tick, the run's own events and the summary.
 */
import type { Advice, AdvisorProgress } from './advisor/types';
import type { EventBase } from './event-base';
import type { MachineFacts } from './machine-facts';

/** One segment of a running experiment, at its run-relative times. */
export interface ExperimentSegmentTimes {
  id: string;
  label: string;
  /** When its settings are due, in ms since the run started. */
  startMs: number;
  /** When the next segment is due, or the experiment's end, in ms since the run started. */
  endMs: number;
}

/**
 * The run that just started is an experiment (the `experiment` command): which one, where its segments lie on
 * the run's clock, when it stops, and the machine it runs on. A viewer needs all of it to draw the segments and
 * to judge the verdict, and only the host knows the machine (cores, CPU model, Node version).
 */
export interface ExperimentStartedEvent extends EventBase {
  event: 'experiment-started';
  /** The experiment's id in the catalog (shared/experiments/catalog.ts). */
  id: string;
  segments: ExperimentSegmentTimes[];
  /** When the experiment stops the run, in ms since the run started. */
  endMs: number;
  machine: MachineFacts;
}

/** The advisor (`--advise`, the app's Advisor panel) moved on to its next cell; sent during each cell's run. */
export interface AdvisorProgressEvent extends EventBase {
  event: 'advisor-progress';
  progress: AdvisorProgress;
}

/**
 * The advisor's answer, with every cell it measured. Sent once, after its last cell (on the clock of that cell's
 * run); a recording keeps it as an event line, which every reader of recordings opens unchanged.
 */
export interface AdviceEvent extends EventBase {
  event: 'advice';
  advice: Advice;
}
