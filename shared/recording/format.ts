/**
 * A recording: one run kept as newline-delimited JSON (`.nclab.jsonl`), so it can be appended while the run goes
 * on, read by `jq`, and opened up to its last whole line when the run was cut short. The first line is a header
 * (format, start time, settings, plan or experiment, machine); then every tick and event exactly as the engine
 * sent them; then the summary and, for an experiment, its verdict.
 *
 * Versions: `nclab/2` (written now) has `null` wherever a tick or summary measured nothing (a latency with no
 * job completed, a loop delay with no sample, a health latency with no check answered). `nclab/1` wrote zeros
 * there; its lines open through one converter (convert-v1.ts), so every reader sees the `nclab/2` shape.
 */
import type { Experiment, MachineFacts, Verdict } from '../experiments/types';
import type { LabEvent, Summary, Tick } from '../messages';
import type { PlanStep } from '../plan';
import type { RunConfig } from '../run-config';

/** The format this lab writes, and the newest it reads. */
export const RECORDING_FORMAT = 'nclab/2';
/** The version number inside {@link RECORDING_FORMAT}. */
export const RECORDING_VERSION = 2;
/** The oldest version this lab reads: `nclab/1`, converted line by line on reading (convert-v1.ts). */
export const OLDEST_READABLE_VERSION = 1;
/** How a recording's file name ends. */
export const RECORDING_EXTENSION = '.nclab.jsonl';

/** Where the run ran. */
export type RunHost = 'desktop' | 'browser' | 'cli';

/** The machine a recording was made on: numbers about concurrency mean little without it. */
export interface RecordingMachine extends MachineFacts {
  /** Total memory, in bytes. */
  memoryBytes: number;
  /** e.g. `linux`, with the kernel's release beside it. */
  os: string;
  kernel: string;
  arch: string;
  v8: string;
  /** Electron's version in the desktop app, else null. */
  electron: string | null;
  host: RunHost;
}

/** The first line of every recording. */
export interface RecordingHeader {
  type: 'header';
  /** The file's own format as written (`nclab/1` or `nclab/2`); its lines are read in the newest shape either way. */
  format: string;
  /** When the run started (ISO 8601, UTC). */
  startedAt: string;
  /** The run's settings as the engine accepted them. */
  config: RunConfig;
  /** Timed steps the run followed (empty for none). */
  plan: PlanStep[];
  /** The experiment the run was, if it was one (its segments place the bands on a replay). */
  experiment: Experiment | null;
  machine: RecordingMachine;
}

/** An experiment's verdict as a recording line. */
export type VerdictLine = Verdict & { type: 'verdict' };

/** A recording read back. */
export interface Recording {
  /** The file's name, as messages name it. */
  name: string;
  header: RecordingHeader;
  ticks: Tick[];
  events: LabEvent[];
  /** Null when the run was cut short before it. */
  summary: Summary | null;
  verdict: Verdict | null;
  /** What was wrong but not fatal, e.g. a torn last line, naming the line. */
  warnings: string[];
}
