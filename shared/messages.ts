/**
 * What the engine emits: one tick per sampling interval, events as they happen, one summary at the end.
 * A tick is built once in the engine and never re-shaped by a transport (Electron IPC, WebSocket, NDJSON).
 * Units: times in ms, memory in bytes, `cpu` as a share of one core (1 = one core fully busy), `elu` 0..1.
 */
import type { Advice, AdvisorProgress } from './advisor/types';
import type { ChildMode, PayloadMode, StrategyName, WorkloadName } from './constants';
import type { MachineFacts } from './machine-facts';
import type { RunConfig } from './run-config';

export type { GcSample, HostSample, LoopDelay, LoopSample, Percentiles, ThreadActivity, UnitKind, UnitState, UnitTick } from './unit-samples';
import type { HostSample, LoopDelay, Percentiles, UnitKind, UnitTick } from './unit-samples';

/** Job accounting. Invariant in every tick: submitted = completed + failed + dropped + queued + inFlight. */
export interface JobCounts {
  submitted: number;
  completed: number;
  failed: number;
  /** Refused because the queue was full. */
  dropped: number;
  /** Waiting for a free unit. */
  queued: number;
  /** Dispatched to a unit, not settled yet. */
  inFlight: number;
  /** Jobs sent again after their unit died (each at most once; not part of the invariant). */
  retried: number;
  /** Jobs completed per second over the last interval. */
  throughput: number;
  /** Submission to completion over the last interval, in ms (queue wait included). */
  latency: { p50: number; p99: number };
}

/** One sample of everything, emitted every interval. */
export interface Tick {
  type: 'tick';
  /** ms since the run started. */
  t: number;
  strategy: StrategyName;
  workload: WorkloadName;
  /**
   * With `workload: 'custom'`: the module's name (its `name` export, else its file's name; see
   * shared/custom-workload.ts), so a reader of the ticks knows which module ran. Absent for a built-in workload.
   */
  workloadName?: string;
  host: HostSample;
  units: UnitTick[];
  /**
   * Length of one slice of `busy` (host and units), in ms: `BUSY_SLICE_MS` of shared/activity/busy-slices.ts.
   */
  sliceMs: number;
  /**
   * Where the first slice of `busy` begins, in ms since the run started; slice `i` covers
   * [`sliceStart + i·sliceMs`, `sliceStart + (i+1)·sliceMs`). The slices lie on one grid of the epoch clock
   * and each tick takes up where the one before left off, so the ticks' slices tile the run without gap or
   * overlap (a gap only after sampling was off, or beyond 5 s of slices in one tick). They end about one
   * interval and one slice before `t`: the units report their busy time every interval, each on its own phase,
   * and by then every unit has told of them (the host's own are ready sooner, and lag alike so they line up).
   * Usually `intervalMs / sliceMs` of them; more or fewer as the tick timer runs late or early.
   */
  sliceStart: number;
  jobs: JobCounts;
  /**
   * Startup of the units that became ready during this interval (from creation to their first message, in ms),
   * or null when none did. With `worker-per-task` every job pays it: this is that cost, measured.
   */
  startup: (Percentiles & { count: number }) | null;
  /**
   * The host's health check over the interval: a checker on its own thread asks an endpoint the host serves on
   * its own event loop on a fixed period (HEALTH_CHECK in constants.ts), as a load balancer would. Null when sampling is off.
   */
  health: HealthInterval | null;
  /** The shared counter of `sab-counter` jobs since the run started; absent when no job of the run used it. */
  counter?: SharedCounterTotals;
}

/**
 * The SharedArrayBuffer counter of `sab-counter` jobs, since the run started: increments the jobs finished
 * (`done`), what the counter gained (`value`), and the updates lost to races (the most `done` was ever ahead
 * of `value`: a job between two records can make the gap read short, never long).
 */
export interface SharedCounterTotals {
  done: number;
  value: number;
  lost: number;
}

/** Health checks answered (their latency) and timed out in one interval. */
export interface HealthInterval {
  /** Checks that got an answer, and how long each took (ms): a blocked host loop shows here. */
  answered: number;
  /** Checks with no answer within the timeout (or refused): what a balancer would count against the host. */
  timeouts: number;
  latency: Percentiles;
  /**
   * How often the checker asks now, in ms: once per tick on `main-thread`, once a second with threads or
   * processes, every 50 ms in an experiment that shows or judges the checks (see README, the resolution table).
   * Absent in recordings made before it was reported.
   */
  everyMs?: number;
}

interface EventBase {
  type: 'event';
  /** ms since the run started. */
  t: number;
}

/** The run's strategy (or a setting that needs new units) changed. */
export interface StrategySwitchedEvent extends EventBase {
  event: 'strategy-switched';
  from: StrategyName | null;
  to: StrategyName;
  /** From the request until the new strategy could take its first job, in ms. */
  firstReadyMs: number;
  /** From the request until every unit of the new strategy was ready, in ms. */
  readyMs: number;
  /** Jobs of the old strategy that finished during the drain. */
  drained: number;
  /** Jobs of the old strategy failed because the drain ran out of time. */
  failedOnDrain: number;
  /** How long the old strategy took to drain its jobs and end its units, in ms. */
  drainTookMs: number;
  config: RunConfig;
}

/** A thread or process started and is ready for jobs. */
export interface UnitStartedEvent extends EventBase {
  event: 'unit-started';
  unitId: string;
  kind: UnitKind;
  strategy: StrategyName;
  pid: number;
  threadId: number | null;
  /** The strategy instance it belongs to: 1 for the run's first, one more per switch. */
  generation: number;
  /** For a replacement after an exit: the id of the unit it stands in for. */
  replaces?: string;
  /** From creation to its first message, in ms. */
  startupMs: number;
}

/** A thread or process ended. */
export interface UnitExitedEvent extends EventBase {
  event: 'unit-exited';
  unitId: string;
  kind: UnitKind;
  strategy: StrategyName;
  pid: number;
  threadId: number | null;
  /** The strategy instance it belonged to. */
  generation: number;
  code: number | null;
  signal: string | null;
  /** True when the lab ended it on purpose (stop, switch, disconnect, a one-shot job done); false otherwise. */
  voluntary: boolean;
  /**
   * Why it ended: `stop` (stop or switch), `done` (a one-shot unit after its job), `crash` (it died on its own:
   * exception, exit, out of memory, killed from outside), `timeout` (the lab killed it to cancel a job that ran
   * too long), `injected` (the user crashed it). Only a crash is followed by a restart with backoff.
   */
  cause: ExitCause;
  /** For a crash: what it was, in words (exit code, signal, out of memory). */
  detail?: string;
}

/** Why a unit ended; see {@link UnitExitedEvent.cause}. */
export type ExitCause = 'stop' | 'done' | 'crash' | 'timeout' | 'injected';

/** Something went wrong that the user should read. */
export interface ErrorEvent extends EventBase {
  event: 'error';
  message: string;
  /** Where it happened: a unit id, `config`, `engine`, ... */
  source: string;
}

/** Settings changed without new units (load, size, workload of the same kind). */
export interface ConfigChangedEvent extends EventBase {
  event: 'config-changed';
  config: RunConfig;
}

/** The run started or stopped. */
export interface RunStateEvent extends EventBase {
  event: 'run-started' | 'run-stopped';
  config: RunConfig;
}

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
 * run); a recording keeps it as an event line, so readers of nclab/1 open it unchanged.
 */
export interface AdviceEvent extends EventBase {
  event: 'advice';
  advice: Advice;
}

/** Every event the engine emits. */
export type LabEvent =
  | StrategySwitchedEvent
  | UnitStartedEvent
  | UnitExitedEvent
  | ErrorEvent
  | ConfigChangedEvent
  | RunStateEvent
  | ExperimentStartedEvent
  | AdvisorProgressEvent
  | AdviceEvent;

/** Totals of a whole run, emitted once when it stops. */
export interface Summary {
  type: 'summary';
  /** Length of the run in ms. */
  t: number;
  config: RunConfig;
  jobs: Omit<JobCounts, 'throughput' | 'latency'>;
  /** Completed jobs per second over the whole run. */
  throughput: number;
  latency: Percentiles;
  /** Host event-loop delay over the whole run. */
  hostEld: LoopDelay;
  /** Threads and processes the run created (a unit that died before it was ready counts) and that ended. */
  unitsStarted: number;
  unitsExited: number;
  /** Threads and processes of the lab still alive when the summary was made: 0 after a clean stop. */
  unitsAlive: number;
  /** Why jobs failed, with counts. */
  failures: Record<string, number>;
  switches: number;
}

/** Everything that travels from the engine to a viewer. */
export type LabMessage = Tick | LabEvent | Summary;

export type { ChildMode, PayloadMode };
