/**
 * Attach: the lab runs the user's own command with its agent preloaded in every Node process and thread of it,
 * and shows them live with everything it has for its own runs (README, "Attach to your app"). This is the
 * contract of it: what the lab passes the app in its environment, what the agent says over loopback, and
 * what the ticks, events and summary of an attached run add to an ordinary run's.
 * Plain data, no Node imports: the agent (workloads/attach/), the lab side (electron/engine/attach/) and every
 * viewer read the same types.
 */
import type { LoopSample, Percentiles } from './unit-samples';
import type { UnitActivity } from './activity/busy-slices';

/** The strategy an attached run names (kept in constants.ts, which the unit rows import without a cycle). */
export { ATTACHED, type Attached, type RunStrategy } from './constants';

/**
 * What the lab puts in the app's environment. `NODE_OPTIONS` gets `--import=<agent>` appended to what the user
 * had (so cluster workers, forked and spawned Node children, and worker threads built from a file inherit it);
 * the agent reads the rest and connects to the lab's port on 127.0.0.1 with the run's token.
 */
export const ATTACH_ENV = {
  /** The lab's TCP port on 127.0.0.1. */
  port: 'NCLAB_ATTACH_PORT',
  /** A random token per run (32 hex bytes); a connection that does not open with it is refused and counted. */
  token: 'NCLAB_ATTACH_TOKEN',
  /** How often each thread reports, in ms (the run's interval). */
  intervalMs: 'NCLAB_ATTACH_INTERVAL_MS',
} as const;

/** HTTP status classes, as the figures count responses. */
export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/**
 * The incoming HTTP requests one thread served over one report (from `diagnostics_channel`'s
 * `http.server.request.start` and `http.server.response.finish`): counts, and the latencies of the finished
 * ones as a sparse log-bucket histogram (shared/attach/latency-buckets.ts), so the lab can merge threads and
 * processes into exact-bucket percentiles instead of averaging p99s.
 */
export interface AgentHttp {
  /** Requests whose handling began in the report's window. */
  started: number;
  /** Responses finished in the window, by status class (a status of 600..999, which Node allows, is in none). */
  finished: Record<StatusClass, number>;
  /** Requests closed by the client or the server before the response finished. */
  aborted: number;
  /**
   * Requests begun and neither finished nor aborted at the report: absolute, not a delta, so the lab's figure stays
   * right when a report is lost (the agent drops reports while the socket is backed up).
   */
  inFlight: number;
  /** Latency (request start to response finish) buckets of the finished responses: flat pairs [bucket, count]. */
  latencyBuckets: number[];
}

/** A worker thread this thread created, as its parent sees it: how `new Worker(code, { eval: true })` threads, which the preload does not reach, are measured at all. */
export interface ParentSeenWorker {
  threadId: number;
  /** The worker's event-loop utilisation over the report's window, 0..1; null before its first full window. */
  elu: number | null;
}

/** Agent → lab: one NDJSON line per message over one TCP connection per thread. */
export type AgentMessage =
  /** The first line of every connection: anything else first, or a wrong token, and the lab closes it. */
  | {
      type: 'hello';
      token: string;
      pid: number;
      ppid: number;
      /** 0 for a process's main thread. */
      threadId: number;
      /** process.argv: the process's command line in a main thread; in a worker thread Node gives [execPath, the worker's file]. */
      argv: string[];
      /** process.version. */
      node: string;
      /** Epoch ms the agent started in this thread. */
      startedAt: number;
      /**
       * The thread's id in the OS (Linux: from /proc/thread-self), absent where there is none to read. The lab reads
       * the thread's CPU time from /proc by it whenever the agent's timer cannot run: a long task holds the loop,
       * or the thread is parked in `Atomics.wait` (piscina's threads wait for tasks so, and run no timers meanwhile).
       */
      tid?: number;
    }
  /** Every interval: what the lab's own units report, plus the HTTP figures and the workers seen from here. */
  | {
      type: 'sample';
      sample: LoopSample;
      activity: UnitActivity;
      /** Null until the thread has seen its first HTTP request (nothing to count); from then on a figure every report, zeros included. */
      http: AgentHttp | null;
      workers: ParentSeenWorker[];
    };

/** The incoming HTTP requests of one process (or of the whole app) over one tick. */
export interface HttpInterval {
  /** Requests that began in the tick. */
  started: number;
  /** Responses finished per second over the tick. */
  perSecond: number;
  /** Responses finished in the tick, by status class. */
  finished: Record<StatusClass, number>;
  aborted: number;
  /** Request start to response finish of the responses finished in the tick, in ms; null when none finished. */
  latency: Percentiles | null;
  /** Began and not finished nor aborted, at the tick. */
  inFlight: number;
}

/** One process of the app as a tick sees it. */
export interface AppProcessTick {
  pid: number;
  ppid: number;
  /** Its command line, as /proc or the agent tells it. */
  command: string;
  /** Whether the agent runs in it: false for a non-Node child (a shell, a Python script), measured from /proc only. */
  agent: boolean;
  /** The host of an attached run is the app's first process (the one the lab started). */
  root: boolean;
  /** Its HTTP figures; null without the agent or when it serves no HTTP. */
  http: HttpInterval | null;
  /** How it ended, once it has: exit code or signal. */
  exit?: { code: number | null; signal: string | null };
}

/** What a tick of an attached run adds: the app's processes and its HTTP figures. */
export interface AppTick {
  processes: AppProcessTick[];
  /** Every process's requests together; null when no process serves HTTP. */
  http: HttpInterval | null;
  /** Connections refused since the run started (no token, a wrong one, or not the agent's protocol). */
  refused: number;
}

/** What the user attaches: the command (argv, not a shell line) and its working folder. */
export interface AttachSpec {
  command: string[];
  cwd: string;
}

/** How the app ended: its first process's exit code or signal, in words too ("exited with code 3", "killed by SIGTERM after Stop"). */
export interface AppExit {
  code: number | null;
  signal: string | null;
  /** Whether the lab ended it (Stop, Ctrl-C, --duration) or it ended on its own. */
  byLab: boolean;
  detail: string;
}
