/**
 * What the engine emits: one tick per sampling interval, events as they happen, one summary at the end.
 * A tick is built once in the engine and never re-shaped by a transport (Electron IPC, WebSocket, NDJSON).
 * Units: times in ms, memory in bytes, `cpu` as a share of one core (1 = one core fully busy), `elu` 0..1.
 * Not measured is `null`, never 0 (docs: README, "The tick"): a latency with no job completed, a health latency
 * with no check answered, a loop delay with no sample. A 0 is always a measurement (0 jobs/s is one).
 */
import type { Attached, ChildMode, PayloadMode, StrategyName, WorkloadName } from './constants';
import type { RunConfig } from './run-config';
import type { EventBase } from './event-base';
import type { AdviceEvent, AdvisorProgressEvent, ExperimentStartedEvent } from './guided-run-events';
import type { AppExit, AppTick, AttachSpec, HttpInterval } from './attach';

export type { EventBase } from './event-base';
export type { AdviceEvent, AdvisorProgressEvent, ExperimentSegmentTimes, ExperimentStartedEvent } from './guided-run-events';

export type { ExitCause, ExitFacts, GcSample, HostSample, LoopDelay, LoopSample, Percentiles, ThreadActivity, UnitKind, UnitState, UnitTick } from './unit-samples';
import type { ExitFacts, HostSample, LoopDelay, Percentiles, UnitKind, UnitTick } from './unit-samples';

/**
 * Job accounting. Invariant in every tick and in the summary:
 * submitted = completed + failed + dropped + cancelled + queued + inFlight.
 */
export interface JobCounts {
  submitted: number;
  completed: number;
  /**
   * Started and did not complete: an error, a wrong result, a timeout, its unit died, or still running when a
   * switch's or a stop's drain ran out of time (a drain timeout is a real failure). Never a job that did not start.
   */
  failed: number;
  /** Refused because the queue was full. */
  dropped: number;
  /**
   * Never started because the run stopped while they waited in the queue: a stop is not a failure. (Jobs in
   * flight at the stop are drained: they complete, or fail when the drain runs out of time.) Recordings made
   * before this figure existed lack it; their readers take it as 0.
   */
  cancelled: number;
  /** Waiting for a free unit. */
  queued: number;
  /** Dispatched to a unit, not settled yet. */
  inFlight: number;
  /** Jobs sent again after their unit died (each at most once; not part of the invariant). */
  retried: number;
  /**
   * Jobs completed per second over the last interval. A measurement even when 0: the interval passed and no job
   * completed (its latency is then null, not 0).
   */
  throughput: number;
  /**
   * Submission to completion of the jobs completed in the last interval, in ms (queue wait included); null when
   * none completed in it: there was nothing to measure, which is not "0 ms". Never partly null.
   */
  latency: JobLatency | null;
}

/** Job latency of one interval, in ms: see {@link JobCounts.latency}. */
export interface JobLatency {
  p50: number;
  p99: number;
}

/** One sample of everything, emitted every interval. */
export interface Tick {
  type: 'tick';
  /** ms since the run started. */
  t: number;
  /** The run's strategy; `attached` for a run attached to the user's app (shared/attach.ts). */
  strategy: StrategyName | Attached;
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
   * overlap (a gap only after sampling was off, or beyond 5 s of slices in one tick). They end about one report
   * period and one slice before `t`: the units report their busy time every interval (every few intervals when
   * they outnumber the cores, at most 5 s), each on its own phase, and by then every unit has told of them (the
   * host's own are ready sooner, and lag alike so they line up).
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
  counter?: SharedCounterTotals;  /**
   * An attached run's app: its processes (Node or not) and its incoming HTTP. Only attached runs have it. In
   * them, `host` is the app's first process (the one the lab started), `units` its other processes and every
   * worker thread, and `jobs` are its incoming HTTP requests: completed = responses below 500, failed = 5xx and
   * aborted, queued and dropped 0 (an app's queue is not visible from outside), latency = request to response.
   */
  app?: AppTick;
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
  /** How long the answered checks took, in ms; null when none was answered (`answered === 0`): not measured. */
  latency: Percentiles | null;
  /**
   * How often the checker asks now, in ms: once per tick on `main-thread`, once a second with threads or
   * processes, every 50 ms in an experiment that shows or judges the checks (see README, the resolution table).
   * Absent in recordings made before it was reported.
   */
  everyMs?: number;
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
  /**
   * From the request until this event, in ms: the later of every new unit ready and the old strategy drained. The
   * switch was asked for at `t - tookMs`, and the charts and the timeline shade that stretch. Absent in older
   * recordings.
   */
  tookMs?: number;
  /**
   * The settings that differ from the ones the old strategy ran with (the engine's own diff: the ones that needed
   * new units and any others changed with them); empty for the run's first strategy. Absent in older recordings.
   */
  changed?: SettingName[];
  config: RunConfig;
}

/** A thread or process started and is ready for jobs. */
export interface UnitStartedEvent extends EventBase {
  event: 'unit-started';
  unitId: string;
  kind: UnitKind;
  strategy: StrategyName | Attached;
  pid: number;
  threadId: number | null;
  /** The strategy instance it belongs to: 1 for the run's first, one more per switch. */
  generation: number;
  /** For a replacement after an exit: the id of the unit it stands in for. */
  replaces?: string;
  /** From creation to its first message, in ms. */
  startupMs: number;
}

/**
 * A thread or process ended. Its cause, code, signal, detail and fault ({@link ExitFacts}) are decided once by
 * the engine; the unit's exited rows in the next ticks carry the same facts (a one-shot unit done with its job
 * or stopped is listed exited only for its last busy slices, in the ticks that place them).
 */
export interface UnitExitedEvent extends EventBase, ExitFacts {
  event: 'unit-exited';
  unitId: string;
  kind: UnitKind;
  strategy: StrategyName | Attached;
  pid: number;
  threadId: number | null;
  /** The strategy instance it belonged to. */
  generation: number;
  /** True when the lab ended it on purpose (stop, switch, disconnect, a one-shot job done); false otherwise. */
  voluntary: boolean;
}

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
  /**
   * The settings this change set to a new value (the engine's own diff of the config before and after), in the
   * order of {@link RunConfig}'s keys; their new values are in `config`. Absent in older recordings.
   */
  changed?: SettingName[];
  config: RunConfig;
  /**
   * Set when the change gave the user's settings back after what had lent them (`experiment <id>`, `advisor`):
   * its run has ended, and these are the settings from before it started, so the next Start runs them.
   */
  givenBack?: string;
}

/** The name of one run setting, as `changed` lists it. */
export type SettingName = keyof RunConfig;

/** The run started or stopped. */
export interface RunStateEvent extends EventBase {
  event: 'run-started' | 'run-stopped';
  /** For an attached run: the lab's sampling settings (`intervalMs`); its job settings do not apply, read `attached`. */
  config: RunConfig;
  /** Set on an attached run: what the lab runs and watches. */
  attached?: AttachSpec;
}

/** An attached run's app ended (on its own, or by the lab's Stop): the run ends with it. */
export interface AppExitedEvent extends EventBase, AppExit {
  event: 'app-exited';
  pid: number;
}

/** Every event the engine emits. */
export type LabEvent =
  | StrategySwitchedEvent
  | UnitStartedEvent
  | UnitExitedEvent
  | ErrorEvent
  | ConfigChangedEvent
  | RunStateEvent
  | AppExitedEvent
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
  /** Job latency over the whole run, in ms; null when no job completed. */
  latency: Percentiles | null;
  /** Host event-loop delay over the whole run; null when the host's loop was never sampled (sampling off throughout). */
  hostEld: LoopDelay | null;
  /** Threads and processes the run created (a unit that died before it was ready counts) and that ended. */
  unitsStarted: number;
  unitsExited: number;
  /** Threads and processes of the lab still alive when the summary was made: 0 after a clean stop. */
  unitsAlive: number;
  /** Why jobs failed, with counts. */
  failures: Record<string, number>;
  switches: number;
  /**
   * Set on an attached run (its `config` then holds only the lab's sampling settings that apply): the command,
   * how the app ended, its HTTP over the whole run, and the connections refused for a missing or wrong token.
   */
  attached?: AttachSpec & { exit: AppExit | null; http: HttpInterval | null; refused: number; processesSeen: number; threadsSeen: number };
}

/** Everything that travels from the engine to a viewer. */
export type LabMessage = Tick | LabEvent | Summary;

export type { ChildMode, PayloadMode };
