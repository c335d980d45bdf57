/**
 * The vocabulary of the lab: strategy, workload and payload names, defaults and allowed ranges.
 * Everything here is plain data so every runtime (engine, workloads, renderer, CLI) reads the same values.
 */

/**
 * The ways the lab can run a job. `cluster-pool` is the guides' "all three": cluster processes share the port,
 * and each runs its jobs on a worker pool of its own, so every process's loop stays free to answer.
 */
export const STRATEGIES = ['main-thread', 'worker-per-task', 'worker-pool', 'child-process', 'cluster', 'cluster-pool'] as const;
/** One of {@link STRATEGIES}. */
export type StrategyName = (typeof STRATEGIES)[number];

/**
 * The strategy an attached run's ticks, units and events name: the app decides how it runs its work, the lab
 * only watches, so the strategy toggles do not apply to it (shared/attach.ts). Here, not in attach.ts, so the
 * unit rows (unit-samples.ts) can name it without an import cycle through attach.ts.
 */
export const ATTACHED = 'attached';
export type Attached = typeof ATTACHED;

/**
 * The workloads a job can run. `hash-async` is `hash` through the callback API, so its work runs on libuv's
 * thread pool, not the caller's thread; `sab-counter` increments a SharedArrayBuffer counter the pool's threads
 * share, without or with Atomics (`counterMode`), and so runs only on worker threads.
 */
export const WORKLOADS = ['fib', 'hash', 'json', 'pixels', 'io-wait', 'hash-async', 'sab-counter'] as const;
/** One of the built-in {@link WORKLOADS}. */
export type BuiltinWorkload = (typeof WORKLOADS)[number];

/**
 * The workload of a run that runs the user's own module (`workloadFile` in the run config, see
 * shared/custom-workload.ts). Not in {@link WORKLOADS}: that list is the built-in ones a user picks by name.
 */
export const CUSTOM_WORKLOAD = 'custom';
/** A built-in workload or {@link CUSTOM_WORKLOAD}. */
export type WorkloadName = BuiltinWorkload | typeof CUSTOM_WORKLOAD;

/** How a large payload (the `pixels` buffer) crosses a thread boundary. */
export const PAYLOAD_MODES = ['clone', 'transfer', 'shared'] as const;
/** One of {@link PAYLOAD_MODES}. */
export type PayloadMode = (typeof PAYLOAD_MODES)[number];

/** How the `child-process` strategy runs a job: a pool of forked Node processes with IPC, or one program per job. */
export const CHILD_MODES = ['fork', 'spawn', 'exec'] as const;
/** One of {@link CHILD_MODES}. */
export type ChildMode = (typeof CHILD_MODES)[number];

/**
 * What `size` means for each workload, its default (a job of roughly 5 to 50 ms on one core; measured on the
 * 2-core machines here: fib 31 ~10 ms, hash 50k ~9 ms, json 1 MB ~10 ms, a 4 Mpx transform ~8 ms, its 16 MB
 * buffer being the payload that crosses) and its range.
 */
export const WORKLOAD_SIZES: Readonly<Record<WorkloadName, { unit: string; default: number; min: number; max: number }>> = {
  fib: { unit: 'n', default: 31, min: 1, max: 40 },
  hash: { unit: 'pbkdf2 iterations', default: 50_000, min: 1, max: 2_000_000 },
  json: { unit: 'bytes', default: 1_000_000, min: 1_000, max: 64_000_000 },
  pixels: { unit: 'pixels', default: 4_000_000, min: 1, max: 16_777_216 },
  'io-wait': { unit: 'ms', default: 20, min: 0, max: 60_000 },
  'hash-async': { unit: 'pbkdf2 iterations', default: 50_000, min: 1, max: 2_000_000 },
  // 1e6 plain increments take ~1 ms, with Atomics.add under contention ~40 ms (measured here).
  'sab-counter': { unit: 'increments', default: 1_000_000, min: 1, max: 100_000_000 },
  // The user's module declares its own range (its `sizes` export); this one applies when it declares none.
  custom: { unit: 'size', default: 1_000, min: 0, max: 1_000_000_000 },
};

/**
 * Workloads that keep the calling thread busy, one job at a time per thread (the user's own module counts as
 * one: it may compute for as long as it likes, so each unit runs one of its jobs at a time). `io-wait` only waits and
 * `hash-async` hands its work to libuv's thread pool: the caller's loop stays free, so one unit (or the host)
 * keeps many of them in flight, and libuv's pool (UV_THREADPOOL_SIZE, 4 by default) or the cores bound them.
 */
export function isCpuBound(workload: WorkloadName): boolean {
  return workload !== 'io-wait' && workload !== 'hash-async';
}

/**
 * How `sab-counter` jobs increment the shared counter: `plain` reads and writes it (`c[0]++`), so two threads
 * can read the same value and one increment is lost; `atomics` uses `Atomics.add`, one indivisible step.
 */
export const COUNTER_MODES = ['plain', 'atomics'] as const;
/** One of {@link COUNTER_MODES}. */
export type CounterMode = (typeof COUNTER_MODES)[number];

/** Strategies that can run `sab-counter`: a SharedArrayBuffer is shared only by the threads of one process. */
export const SHARED_MEMORY_STRATEGIES: readonly StrategyName[] = ['worker-pool', 'worker-per-task'];

/**
 * How the primary of `cluster` and `cluster-pool` hands out connections: `rr` deals them to the workers in turn
 * (what cluster.SCHED_RR, Node's default except on Windows, does), `none` leaves it to the operating system: every
 * worker accepts on the one shared socket (what cluster.SCHED_NONE does). The lab's primary does both itself: see
 * electron/engine/strategies/connection-dealer.ts for why.
 */
export const CLUSTER_SCHEDULING = ['rr', 'none'] as const;
/** One of {@link CLUSTER_SCHEDULING}. */
export type ClusterScheduling = (typeof CLUSTER_SCHEDULING)[number];

/**
 * How the load generator of `cluster` and `cluster-pool` connects: `keep-alive` keeps a connection per job in
 * flight and reuses it (as browsers and most HTTP clients do), `new-per-request` opens a connection for every
 * request and closes it after the answer. Scheduling hands out connections, not requests: with a few kept-alive
 * connections there are only a few decisions to see, with one per request every request is one.
 */
export const CLUSTER_CONNECTIONS = ['keep-alive', 'new-per-request'] as const;
/** One of {@link CLUSTER_CONNECTIONS}. */
export type ClusterConnection = (typeof CLUSTER_CONNECTIONS)[number];

/**
 * Faults a job can carry, for crash injection: `throw` fails the job and keeps the unit; `exit` ends the unit
 * with code 1; `hang` spins forever (only a timeout ends it); `oom` allocates until the heap limit aborts.
 */
export const FAULTS = ['none', 'throw', 'exit', 'hang', 'oom'] as const;
/** One of {@link FAULTS}. */
export type FaultKind = (typeof FAULTS)[number];

/** Allowed ranges of the numeric run settings. */
export const LIMITS = {
  rate: { min: 0.1, max: 100_000 },
  concurrency: { min: 1, max: 10_000 },
  poolSize: { min: 1, max: 64 },
  intervalMs: { min: 50, max: 10_000 },
  durationS: { min: 0.1, max: 86_400 },
  maxQueue: { min: 0, max: 1_000_000 },
  drainMs: { min: 0, max: 120_000 },
  maxBuffer: { min: 1_024, max: 1_073_741_824 },
  /** 0 means no timeout. */
  jobTimeoutMs: { min: 0, max: 600_000 },
  faultEvery: { min: 1, max: 1_000_000 },
  /**
   * Heap limit of each worker thread and process, in MiB, when one is set; 0 (the default) means none.
   * Below 16 MiB a Node process cannot even start.
   */
  memoryLimitMb: { min: 16, max: 16_384 },
} as const;

/**
 * How many I/O-bound jobs one unit (the host, a thread, a process) runs at once. CPU-bound jobs run one
 * per unit, because a unit has one thread; waits overlap freely, which is what Node is good at.
 */
export const IO_JOBS_PER_UNIT = 256;

/** Defaults of a run. */
export const DEFAULTS = {
  strategy: 'worker-pool' as StrategyName,
  workload: 'fib' as WorkloadName,
  rate: 50,
  poolSize: 2,
  payload: 'clone' as PayloadMode,
  childMode: 'fork' as ChildMode,
  intervalMs: 200,
  maxQueue: 1_000,
  drainMs: 5_000,
  /** Node's own default for `execFile`'s `maxBuffer` (1 MiB). */
  maxBuffer: 1_048_576,
  jobTimeoutMs: 0,
  fault: 'none' as FaultKind,
  faultEvery: 10,
  memoryLimitMb: 0,
  retry: false,
  counterMode: 'atomics' as CounterMode,
  clusterScheduling: 'rr' as ClusterScheduling,
  clusterConnection: 'keep-alive' as ClusterConnection,
  /** Restart backoff after a crash: first delay, doubling per crash in a row, up to the cap. */
  restartBackoffMs: { first: 100, max: 5_000 },
  /** Rolling window of the live charts. */
  windowS: 60,
} as const;

/**
 * Resolution, in ms, to which a block by a job is measured, in the host and in every thread and process: the job's
 * own start and end are the clock, so a 50 ms job shows as at least 46 ms of delay (the probes report the delay
 * beyond their resolution) however coarse the timer that catches everything else.
 */
export const LOOP_PROBE_RESOLUTION_MS = 4;

/**
 * Period of the host's own loop-delay timer, in ms. Each turn wakes the host's thread, and a wake does more than
 * cost its ~150 µs of CPU: it takes a core from a worker mid-job. With `child-process` at pool 2 the 10 ms of Node's
 * `monitorEventLoopDelay` default cost 2.5 % of the throughput against 50 ms (1.025, 95 % 1.006..1.044, in `npm run
 * bench`'s alternating windows), more than the lab's whole budget. Jobs on the host's loop (`main-thread`) are
 * measured at their boundaries to {@link LOOP_PROBE_RESOLUTION_MS}; the timer catches the rest (a stall while
 * switching, a big message): any stall over 50 ms in full, a shorter one when a turn falls due inside it. Every
 * goal the lab checks about them is 100 ms or more.
 */
export const HOST_PROBE_RESOLUTION_MS = 50;

/**
 * The host's health check: how often the checker asks at most and at least (ms), and how long it waits for an
 * answer before counting a timeout (ms). A balancer typically asks every few seconds with a 1-5 s timeout. On
 * `main-thread` the lab asks once per tick (every 200 ms by default, never more often), so every tick has a
 * check and a job holding the loop shows in the next one; with threads or
 * processes, where the host only hands jobs out, it asks every `slowestEveryMs` (electron/engine/probes/health-probe.ts,
 * healthCheckEveryMs): a check is an HTTP round trip across two threads of the host, 1-2.5 ms of CPU on these
 * VMs, and a check per tick cost about 1 % of the throughput with worker-pool at pool 2 and 1-2 % at 16
 * processes on 2 cores (`npm run bench`'s alternating windows). An experiment that shows or judges the checks
 * asks every `judgedEveryMs` throughout its run, four times a tick: a tick's slowest check then nearly always
 * finds a job that holds the loop, where one check a tick found it a third of the time and a segment's mean
 * varied 3x from run to run. It waits 1 s, so a blocked host fails its checks within a short demo.
 */
export const HEALTH_CHECK = { everyMs: 200, slowestEveryMs: 1_000, judgedEveryMs: 50, timeoutMs: 1_000 } as const;

/** Worker threads inside each `cluster-pool` process: two, so one long job never holds a process's only thread. */
export const CLUSTER_POOL_THREADS = 2;

/**
 * The finest a unit's probe timer gets, in ms. Every turn of a unit's timer wakes its thread, about 60 µs of CPU
 * on these 2-core VMs (measured: two idle units at 4 ms cost 0.03 cores, 1.5 % of the machine). A unit's loop
 * runs only its jobs, and a job's block is measured at its boundaries to 4 ms whatever the timer
 * (workloads/metrics/loop-probe.ts): the timer only catches delays between jobs (GC, callbacks, the OS waking
 * the thread late), for which 20 ms is fine enough. See electron/engine/probes/unit-options.ts for how it grows.
 */
export const UNIT_PROBE_MIN_RESOLUTION_MS = 20;
