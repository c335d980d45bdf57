/**
 * What a tick says of one thread, process or the host: the loop measures each reports of itself, and the unit
 * rows a tick lists. Units: times in ms, memory in bytes, `cpu` as a share of one core, `elu` 0..1.
 */
import type { Attached, FaultKind, StrategyName } from './constants';

/** The median, 99th percentile and maximum of a distribution, in the unit its field names (ms here). */
export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

/** Event-loop delay over one interval, beyond the probe's own resolution, in ms. */
export type LoopDelay = Percentiles;

/** What one thread (or the host) measured of itself over the last interval. */
export interface LoopSample {
  /**
   * Null when the loop was not sampled in the interval: its probe's timer did not turn (a window shorter than the
   * probe's resolution, e.g. the last tick right after a stop) and no job ended on it. Never all zeros for that:
   * zeros are measured (jobs ended on it, each within the 4 ms resolution).
   */
  eld: LoopDelay | null;
  /** Event-loop utilisation, 0..1; null for a window in which the loop neither ran nor idled (two takes in one turn). */
  elu: number | null;
  /**
   * CPU time of this thread (a process's main thread for processes) as a share of one core, 0..1; null when the
   * thread's clock is too coarse for the window measured (a guess would be worse than nothing).
   */
  cpu: number | null;
  /** Resident set size of the process, in bytes; null for a worker thread, which shares its process's memory. */
  rss: number | null;
  /** V8 heap used by this thread's isolate, in bytes. */
  heapUsed: number;
}

/** The garbage collections of one thread over a tick's slices (shared/activity/busy-slices.ts): how many, and their pauses. */
export interface GcSample {
  /** Collections that began in the slices (minor and major alike). */
  count: number;
  /** Their pauses added up, in ms. */
  pauseMs: number;
  /** The longest of them, in ms (0 with no collection). */
  maxMs: number;
}

/**
 * Where one thread's time went, slice by slice: the data of the timeline. The slices are the tick's
 * (`Tick.sliceStart`, `Tick.sliceMs` in messages.ts): the same for the host and every unit of one tick.
 */
export interface ThreadActivity {
  /**
   * The share of each slice the thread was busy, 0..1, oldest first; `busy.length · sliceMs` is the tick's
   * window. For the host: its main thread's loop was not idle (event-loop utilisation; a job run on it, under
   * `main-thread`, to its exact start and end). For a unit: it was running a job, from its start until it
   * settled (an I/O wait included: the unit holds the job, as the engine counts it busy), or booting (its
   * first report counts it busy from its own start); past the unit's last report, a slice reads 1 while the
   * engine knows a job runs on it (so a blocked unit reads 1s) and 0 otherwise. Null for a unit that has not
   * reported yet.
   */
  busy: number[] | null;
  /** The garbage collections that began in the tick's slices (a `gc` performance observer); null where not measured. */
  gc: GcSample | null;
}

/** The host: the process that runs the engine (Electron main, or plain Node for the CLI and browser mode). */
export interface HostSample extends Omit<LoopSample, 'heapUsed'>, ThreadActivity {
  /**
   * V8 heap used by the host's main isolate, in bytes. Null only on an attached run whose first process has not
   * reported yet or is no Node process (a shell that starts the app): there is no heap of its to read.
   */
  heapUsed: number | null;
  /** CPU time of the whole host process, every thread included, as a share of one core. */
  processCpu: number;
  pid: number;
}

/** The kinds of unit a strategy runs jobs on. */
export type UnitKind = 'thread' | 'process';
/** Lifecycle of a unit. A unit is `starting` until it first reports; its first tick after that carries a sample. */
export type UnitState = 'starting' | 'idle' | 'busy' | 'exited';

/**
 * One worker thread or process, as seen in one tick. Measures are null until the unit first reports, and a
 * measure its last report did not have (see {@link LoopSample}) is null too.
 */
export interface UnitTick {
  /** Stable id within a run, e.g. `worker-pool#2/thread-7`. */
  id: string;
  kind: UnitKind;
  /** The strategy that owns the unit (during a switch, old units drain beside new ones); `attached` for an app's. */
  strategy: StrategyName | Attached;
  pid: number;
  /** Worker thread id; null for a process. */
  threadId: number | null;
  state: UnitState;
  eld: LoopDelay | null;
  elu: number | null;
  cpu: number | null;
  rss: number | null;
  heapUsed: number | null;
  /** Jobs this unit completed since it started. */
  done: number;
  /** See {@link ThreadActivity.busy}: null until the unit first reports. */
  busy: number[] | null;
  /** See {@link ThreadActivity.gc}: null until the unit first reports. */
  gc: GcSample | null;
  /**
   * True when the unit does not respond: its loop has not turned, as far as its silence tells, instead of a
   * repeat of its last sample.
   * - busy (in a job the engine knows of) and silent for over 1.5 report periods: blocked in that job; `elu` is 1
   *   and `eld` the silence so far (a lower bound);
   * - idle, having reported before, and silent for over 3 report periods: the process is frozen (SIGSTOP, a
   *   debugger's pause) or its loop is held by a job it did not announce; `eld` is the silence so far (a lower
   *   bound), `elu` null (not measured: a frozen process's loop is neither busy nor idle).
   * A late report clears it. Absent while sampling is off (nothing reports then).
   */
  blocked?: boolean;
  /**
   * How the unit ended, on the rows (state `exited`) ticks list it with after its exit: the same facts as its
   * `unit-exited` event, so a reader of the ticks alone knows a crash from a stop. Usually one row; more while
   * its last busy slices, which lag its exit, are still to come. Absent while it lives.
   */
  exit?: ExitFacts;
}

/**
 * Why a unit ended, as the engine's supervisor decided it (one decision, sent in the `unit-exited` event and on
 * the unit's exited row of the next tick):
 * - `stop`: the lab ended it because the run stopped or the strategy was switched;
 * - `done`: a one-shot unit (worker-per-task, child-process) after its job;
 * - `crash`: it died on its own (an exception, an exit, out of memory) while no job it ran carried an injected
 *   fault: a real crash;
 * - `injected`: it died of the fault injected into a job it ran (the `fault` setting: exit, oom, or a throw that
 *   ends a one-shot process); {@link ExitFacts.fault} names it;
 * - `timeout`: the lab killed it to cancel a job that ran past the job timeout;
 * - `killed`: the user killed it (the kill button, the `crash` command);
 * - `external`: a process killed from outside the lab: it died by a signal the lab did not send (`kill -9`, a task
 *   manager, a chaos tool), whatever the lab was doing then (a drain or a stop included). The engine knows the
 *   signals it sends itself (Node's `ChildProcess.killed`), so it tells this from `killed` and `timeout`; signals a
 *   process raises on itself when it faults (SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS) stay a
 *   `crash`. Limits: the kernel's OOM killer sends SIGKILL too and reads `external`; so does a Ctrl-C in the
 *   terminal that reaches the lab's process group before the lab stops its units; a process that signals
 *   itself with SIGKILL or SIGTERM reads `external` as well. A thread is never `external`: no other process can
 *   signal one thread (the kill button's `killed` is the way to end one).
 * `crash`, `injected` and `external` are followed by a restart after the backoff (one that died without the lab
 * asking, whatever killed it: a unit killed from outside is replaced like a crash); `timeout` and `killed` units
 * are replaced at once; `stop` and `done` are not replaced (nor is a unit whose strategy is closing). Recordings
 * made before `killed` existed name the user's kill `injected` and a death by an injected fault `crash` (for a
 * converter of those files to map); recordings made before `external` existed name an outside kill `crash`.
 */
export type ExitCause = 'stop' | 'done' | 'crash' | 'injected' | 'timeout' | 'killed' | 'external';

/** How one unit ended: what the `unit-exited` event and the unit's exited row in a tick both say. */
export interface ExitFacts {
  cause: ExitCause;
  /** The exit code; null when a signal ended it (or a thread that was terminated). */
  code: number | null;
  /** The signal that ended a process, e.g. `SIGKILL`; null otherwise. */
  signal: string | null;
  /**
   * What it was, in words, for every cause but `stop` and `done`: "exited with code 1", "ran out of memory",
   * "killed by the user (SIGKILL)", "ended to cancel a job that timed out after 500 ms", "killed from outside the
   * lab by SIGKILL".
   */
  detail?: string;
  /**
   * The injected fault carried by the job the unit was running when it ended (`exit`, `oom`, `throw`, `hang`):
   * set with cause `injected`, and with `timeout` when a `hang` job was what timed out. Absent otherwise.
   */
  fault?: Exclude<FaultKind, 'none'>;
}
