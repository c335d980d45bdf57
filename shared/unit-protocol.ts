/**
 * Messages between the engine and the code that runs inside its threads and processes (workloads/).
 * Plain, cloneable data only.
 */
import type { CounterMode, FaultKind, PayloadMode, WorkloadName } from './constants';
import type { UnitActivity } from './activity/busy-slices';
import type { LoopSample } from './messages';

/** One job as a unit receives it. */
export interface JobSpec {
  id: number;
  workload: WorkloadName;
  size: number;
  /** The module of a `custom` job: an absolute path the unit imports (once) and calls. */
  workloadFile?: string;
  payloadMode: PayloadMode;
  /**
   * The pixel buffer of a `pixels` job (RGBA, 4 bytes a pixel). Cloned, transferred, or a view on a
   * SharedArrayBuffer depending on `payloadMode`; absent when the unit generates its own input.
   */
  pixels?: Uint8ClampedArray;
  /** Crash injection: what this job does instead of its work. */
  fault?: Exclude<FaultKind, 'none'>;
  /**
   * The counter of a `sab-counter` job: a view on the SharedArrayBuffer every thread of the run shares (slot
   * {@link COUNTER_SLOTS}.value is incremented, slot .done counts increments finished, always with Atomics).
   */
  counter?: Int32Array;
  /** How a `sab-counter` job increments: plain `++` or `Atomics.add`. */
  counterMode?: CounterMode;
}

/**
 * Slots of the shared counter: `value` is what the jobs increment (racing, in `plain` mode); `done` is how many
 * increments they finished, added with Atomics after each chunk, so `done - value` is what the races lost.
 */
export const COUNTER_SLOTS = { value: 0, done: 1 } as const;

/** The answer of a job. */
export interface JobResult {
  id: number;
  /** A value that depends on every step of the work, compared against the known or first answer. */
  checksum: string;
  /** Time the job ran inside the unit, in ms. */
  runMs: number;
  pid: number;
  threadId: number;
  /** The transformed pixels when they come back by clone or transfer (not when shared). */
  pixels?: Uint8ClampedArray;
}

/** What a unit sends besides job results. */
export type UnitMessage =
  /**
   * The unit can take jobs; `sample` is its first one, so the first tick that lists it has its measures, and
   * `activity` its busy time (its boot) and collections so far. Both absent while sampling is off.
   */
  | { type: 'ready'; pid: number; threadId: number; sample?: LoopSample; activity?: UnitActivity }
  /** Its report each interval: the loop sample, and its busy time and collections since the previous report. */
  | { type: 'sample'; pid: number; threadId: number; sample: LoopSample; activity: UnitActivity }
  | { type: 'job-start'; pid: number; threadId: number; jobId: number };

/**
 * The engine turns a running unit's sampling on or off (`npm run bench` measures what sampling costs by turning
 * it off and on in one run): the unit's probe and report restart with these settings (`intervalMs` 0: off).
 * Processes get it over IPC; threads over the BroadcastChannel their settings name.
 */
export interface SamplingMessage {
  type: 'sampling';
  settings: Pick<UnitSettings, 'intervalMs' | 'probeResolutionMs'>;
}

/** Messages from the engine to a long-lived unit. */
export type EngineMessage = { type: 'job'; job: JobSpec } | SamplingMessage;

/** Whether a message to a unit is a {@link SamplingMessage}. */
export function isSamplingMessage(value: unknown): value is SamplingMessage {
  const message = value as Partial<SamplingMessage> | null;
  return message?.type === 'sampling' && typeof message.settings?.intervalMs === 'number' && typeof message.settings.probeResolutionMs === 'number';
}

/** A forked child's reply to a job. */
export type ChildReply = { type: 'result'; result: JobResult } | { type: 'job-error'; id: number; message: string } | UnitMessage;

/** Startup settings every unit reads (workerData, env or argv). */
export interface UnitSettings {
  /** How often the unit reports a {@link LoopSample}, in ms; 0 turns sampling off. */
  intervalMs: number;
  /**
   * Period of the unit's loop-delay timer, in ms: 20 while the units fit the cores, coarser when they outnumber
   * them (each turn wakes a thread); equal to `intervalMs` past 2 units a core, when the unit has no timer of its
   * own and its report's lateness is the probe (electron/engine/probes/unit-options.ts). Jobs' blocks are measured at
   * 4 ms whatever it is.
   */
  probeResolutionMs: number;
  /**
   * Name of the BroadcastChannel on which the engine that started this thread sends {@link SamplingMessage}s
   * (one name per engine, so two engines in one process do not hear each other); absent: settings are fixed.
   */
  samplingChannel?: string;
}

/** Message of a job failure caused by a fault the user injected, so it reads as such. */
export const INJECTED_FAULT_PREFIX = 'injected fault:';

/** Name of the environment variable that carries {@link UnitSettings} to processes. */
export const UNIT_SETTINGS_ENV = 'LAB_UNIT_SETTINGS';

/** Type guard for unit messages arriving over an untyped channel. */
export function isUnitMessage(value: unknown): value is UnitMessage {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'sample' || type === 'job-start';
}

/** Marks the result line of a one-shot child program, so it is found after any amount of other output. */
export const RESULT_PREFIX = 'LAB-RESULT ';

/**
 * Environment variable with the number of worker threads a cluster worker runs its jobs on (`cluster-pool`);
 * absent or 0: on its own event loop (`cluster`).
 */
export const CLUSTER_THREADS_ENV = 'LAB_CLUSTER_THREADS';

/**
 * Environment variable with a cluster generation's scheduling (`rr` or `none`). A worker never listens on the port
 * itself. With `none` it waits for the socket handle the primary sends ({@link CLUSTER_HANDLE}) and accepts on it,
 * beside every other worker. With `rr` the primary accepts and deals each connection to one worker in turn
 * ({@link CLUSTER_CONNECTION}), which acknowledges it ({@link CLUSTER_CONNECTION_TAKEN}). Either way it says
 * {@link CLUSTER_LISTENING} once it can serve.
 */
export const CLUSTER_SCHEDULING_ENV = 'LAB_CLUSTER_SCHEDULING';
/** Type of the primary's message that carries the shared listening socket to a worker (OS scheduling). */
export const CLUSTER_HANDLE = 'lab:listen-handle';
/** Type of a worker's message saying it listens on the shared socket (the primary sees no 'listening' then). */
export const CLUSTER_LISTENING = 'lab:listening';
/**
 * Environment variable with a cluster generation's job token: a worker runs a job only for a request that carries
 * it in {@link CLUSTER_TOKEN_HEADER}, so no other local process can make it run code (a `custom` job names a module
 * file to import) on a port that any process on the machine can reach.
 */
export const CLUSTER_TOKEN_ENV = 'LAB_CLUSTER_TOKEN';
/** The request header that carries {@link CLUSTER_TOKEN_ENV}'s value. */
export const CLUSTER_TOKEN_HEADER = 'x-lab-token';
/** Type of the primary's message that carries one accepted connection to a worker (round-robin scheduling). */
export const CLUSTER_CONNECTION = 'lab:connection';
/** Type of a worker's message saying it took the connection it was dealt, so it can be dealt the next. */
export const CLUSTER_CONNECTION_TAKEN = 'lab:connection-taken';

/** What the lab's health checker thread is started with: where to ask, the timeout, and its first control. */
export interface HealthCheckSettings extends HealthCheckControl {
  /** The host's health endpoint, on loopback. */
  url: string;
  /** How long an answer may take before the check counts as timed out, in ms. */
  timeoutMs: number;
}

/** The host pauses its health checker while sampling is off, resumes it, and sets how often it asks. */
export interface HealthCheckControl {
  checking: boolean;
  /** How often it asks while checking, in ms. */
  everyMs: number;
}

/** One health check: its latency in ms, or null for a timeout or an error. */
export interface HealthReport {
  latencyMs: number | null;
}
