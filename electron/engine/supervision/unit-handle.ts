/**
 * A started unit as a strategy hands it to the supervisor: who it is, how to end it, and a promise of its exit.
 * The adapters below make one from each kind of Node unit, so no strategy writes exit detection again.
 */
import type { ChildProcess } from 'node:child_process';
import type { Worker as ClusterWorker } from 'node:cluster';
import type { Worker } from 'node:worker_threads';
import type { ExitCause, UnitKind } from '../../../shared/messages';
import { CLUSTER_LISTENING, type SamplingMessage } from '../../../shared/unit-protocol';

/** How a unit ended. */
export interface UnitExit {
  code: number | null;
  signal: string | null;
  /** The error a thread died of (uncaught exception, out of memory), when it said. */
  error?: Error | null;
  /**
   * What the unit itself knows of why it left, when that is not a crash: `stop` for a cluster worker that left
   * after the primary's disconnect, `done` for a program execFile ended past maxBuffer (its job failed with that).
   */
  cause?: Extract<ExitCause, 'stop' | 'done'>;
  /**
   * For a process: true when the lab itself sent it a signal (`ChildProcess.killed`: the grace's kill, a
   * timeout's, the user's, execFile's past maxBuffer). A death by a signal the lab did not send came from outside
   * (exit-verdict.ts). Undefined for a thread, which no other process can signal.
   */
  labSignalled?: boolean;
}

/** A started thread or process. */
export interface UnitHandle {
  kind: UnitKind;
  /** The process id (the host's own for a thread); undefined for a process that failed to spawn. */
  pid: number | undefined;
  threadId: number | null;
  /** Asks it to leave (close its channel); the supervisor ends it with {@link kill} if it has not left in time. */
  stop(): void;
  /** Ends it at once (SIGKILL, or terminate for a thread). */
  kill(): void;
  /** Settles once it has exited; never rejects. */
  exited: Promise<UnitExit>;
  /** Settles when it can take jobs, when its kind says so by an event; otherwise its first `ready` message does. */
  ready?: Promise<void>;
  /** Subscribes to everything it sends (the supervisor reads the unit messages among them). */
  onMessage?(listener: (message: unknown) => void): void;
  /** Tells a process its new sampling settings over IPC (threads hear them on a BroadcastChannel instead). */
  send?(message: SamplingMessage): void;
}

/** A worker thread (from `new Worker` or piscina). */
export function threadHandle(worker: Worker): UnitHandle {
  let lastError: Error | null = null;
  // An uncaught exception or an out-of-memory abort: the 'exit' that follows reports it.
  worker.on('error', (error) => (lastError = error));
  // Read now: a thread that has exited reports threadId -1.
  const threadId = worker.threadId;
  const end = () => void worker.terminate();
  return {
    kind: 'thread',
    pid: process.pid,
    threadId,
    stop: end,
    kill: end,
    exited: new Promise((resolve) => worker.once('exit', (code) => resolve({ code, signal: null, error: lastError }))),
    onMessage: (listener) => worker.on('message', listener),
  };
}

/**
 * A child process. `stop` closes its IPC channel when it has one (a forked child leaves on 'disconnect'), else
 * kills it. `exitEvent` is 'close' for a program whose output must be read to its end, or which may fail to
 * spawn at all (it then emits 'error' and 'close', never 'exit').
 */
export function processHandle(
  child: ChildProcess,
  options: { exitEvent?: 'exit' | 'close'; readyOnSpawn?: boolean; cause?: (code: number | null, signal: string | null) => UnitExit['cause'] } = {},
): UnitHandle {
  const kill = () => void child.kill('SIGKILL');
  let lastError: Error | null = null;
  // EPIPE on a dead IPC channel, a failed spawn: kept for the exit's words, never an uncaught exception.
  child.on('error', (error) => (lastError = error));
  return {
    ready: options.readyOnSpawn ? new Promise((resolve) => child.once('spawn', () => resolve())) : undefined,
    kind: 'process',
    pid: child.pid,
    threadId: null,
    stop: () => (child.connected ? child.disconnect() : kill()),
    kill,
    exited: new Promise((resolve) =>
      child.once(options.exitEvent ?? 'exit', (code: number | null, signal: NodeJS.Signals | null) =>
        resolve({ code, signal, error: lastError, cause: options.cause?.(code, signal), labSignalled: child.killed }),
      ),
    ),
    onMessage: (listener) => child.on('message', listener),
    // A send racing the child's exit fails quietly: its exit is what the supervisor acts on.
    send: (message) => void (child.connected && child.send(message, undefined, {}, () => undefined)),
  };
}

/**
 * A `node:cluster` worker: ready once it says it serves ({@link CLUSTER_LISTENING}: no worker listens through
 * node:cluster, see strategies/cluster.ts); one that left after `disconnect()` left on request.
 */
export function clusterHandle(worker: ClusterWorker): UnitHandle {
  let lastError: Error | null = null;
  // A worker killed while the primary answers its listen request makes the primary write to a dead channel:
  // the EPIPE comes back as the worker's 'error', an uncaught exception that would end the host without this.
  worker.on('error', (error: Error) => (lastError = error));
  const listeners: Array<(message: unknown) => void> = [];
  const forget = () => {
    for (const listener of listeners) worker.off('message', listener);
    // Emptied too: the 'error' listener above shares this scope, and V8 keeps a scope whole.
    listeners.length = 0;
  };
  return {
    kind: 'process',
    pid: worker.process.pid,
    threadId: null,
    stop: () => worker.disconnect(),
    kill: () => void worker.process.kill('SIGKILL'),
    exited: new Promise((resolve) =>
      worker.once('exit', (code: number | null, signal: string | null) => {
        // node:cluster keeps a dead worker reachable when a message to it was never acknowledged (its send
        // callbacks stay in the primary's map for good): without our listeners it keeps only itself, not the
        // supervisor and strategy they close over (measured: a 10-minute soak kept every cluster generation).
        forget();
        resolve({ code, signal, error: lastError, cause: worker.exitedAfterDisconnect ? 'stop' : undefined, labSignalled: worker.process.killed });
      }),
    ),
    ready: new Promise((resolve) => {
      const onListening = (message: unknown) => {
        if ((message as { type?: unknown } | null)?.type !== CLUSTER_LISTENING) return;
        worker.off('message', onListening);
        resolve();
      };
      worker.on('message', onListening);
      listeners.push(onListening);
    }),
    onMessage: (listener) => {
      listeners.push(listener);
      worker.on('message', listener);
    },
    // No callback: node:cluster would keep it (and this worker) until an acknowledgement that may never come.
    send: (message) => void (worker.isConnected() && worker.send(message)),
  };
}
