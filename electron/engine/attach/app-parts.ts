/**
 * The parts of the attached app's model (app-model.ts): a thread and a process as the lab keeps them between
 * reports, scans and ticks.
 */
import { SliceBins } from '../../../shared/activity/busy-slices';
import type { ExitFacts, LoopSample } from '../../../shared/messages';
import type { ProcessEnd } from './app-launch';
import { HttpCounter } from './http-figures';
import type { ProcReading } from './proc-scan';
import type { TaskCpu } from './task-cpu';

/** One thread of the app: a worker thread, or a process's main thread (threadId 0). */
export interface AppThread {
  readonly pid: number;
  readonly threadId: number;
  /** The id of its unit (a main thread's is its process's). */
  readonly unitId: string;
  /** Its agent's open connection, or null. */
  connection: number | null;
  /** Its utilisation as its parent thread last reported it; undefined while no parent lists it. */
  parentElu: number | null | undefined;
  sample: LoopSample | null;
  /** performance.now() of its last report. */
  sampleAt: number;
  /** performance.now() of its agent's hello (0 before). */
  helloAt: number;
  /** Epoch ms its last report covered to (the agent's clock), or null before the first. */
  reportedTo: number | null;
  readonly slices: SliceBins;
  /** The workers its last report listed. */
  listed: Set<number>;
  /** Responses below 500 it finished: the `done` of its row. */
  done: number;
  started: boolean;
  exit: ExitFacts | null;
  /** Its CPU time from /proc by its OS thread id (the hello's `tid`), or null where there is none. */
  taskCpu: TaskCpu | null;
  /** Its CPU share (of one core) over the last tick, from /proc, when its agent was silent through it; else null. */
  silentCpu: number | null;
}

/** One process of the app. */
export interface AppProcess {
  readonly pid: number;
  ppid: number;
  command: string;
  /** Whether its agent has said hello (a Node process); false for a process seen in /proc only. */
  agent: boolean;
  readonly root: boolean;
  readonly main: AppThread;
  readonly workers: Map<number, AppThread>;
  /** Worker thread ids that ended: a late listing by their parent does not bring them back. */
  readonly endedWorkers: Set<number>;
  /** Its last /proc reading, or null. */
  proc: ProcReading | null;
  readonly http: HttpCounter;
  /** performance.now() when the lab first knew of it. */
  readonly knownAt: number;
  /** How it ended, once it has (code and signal when known). */
  end: ProcessEnd | null;
  gone: boolean;
}

/** A thread just learned of: no connection, no sample, not started. */
export function newThread(pid: number, threadId: number, unitId: string): AppThread {
  return { pid, threadId, unitId, connection: null, parentElu: undefined, sample: null, sampleAt: 0, helloAt: 0, reportedTo: null, slices: new SliceBins(), listed: new Set(), done: 0, started: false, exit: null, taskCpu: null, silentCpu: null };
}

/** A process just learned of: no agent yet, no reading, alive. */
export function newProcess(pid: number, root: boolean, unitId: string, now: number): AppProcess {
  return { pid, ppid: 0, command: '', agent: false, root, main: newThread(pid, 0, unitId), workers: new Map(), endedWorkers: new Set(), proc: null, http: new HttpCounter(), knownAt: now, end: null, gone: false };
}
