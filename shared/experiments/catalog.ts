/**
 * The catalog: every experiment the engine can run, in the order of the claims, and the claims themselves.
 * Every claim has one: threads (catalog-threads.ts), processes and supervision (catalog-processes.ts), what
 * cluster does and does not do (catalog-cluster.ts), and what the runtime does by itself (catalog-runtime.ts).
 */
import { CLUSTER_SCHEDULING_SCENE, CLUSTER_SLOW_HANDLER } from './catalog-cluster';
import { CLUSTER_SCALES, EXEC_VS_SPAWN, LIMITS_SCENE, RESTART_CRASHED } from './catalog-processes';
import { LIBUV_POOL_HASH, SAB_COUNTER_SCENE } from './catalog-runtime';
import { IO_WAIT_THREADS, MAIN_THREAD_BLOCKS, PAYLOAD_MODES_SCENE, STARTUP_PER_TASK } from './catalog-threads';
import type { ClaimNumber, Experiment } from './types';

/** Each claim in a line: 1 to 10 from the guides' list, 11 to 13 the lab's own. */
export const CLAIMS: Readonly<Record<ClaimNumber, string>> = {
  1: 'CPU work on the main thread holds up everything else: timers, requests, health checks.',
  2: 'The same work on worker threads leaves the event loop free.',
  3: 'A worker per task pays thread startup on every task; long-lived pooled workers pay it once.',
  4: 'For large payloads, transferring or sharing memory beats copying it with structured clone.',
  5: 'cluster lets an I/O-bound server use more than one core.',
  6: 'cluster does not cure a slow handler: a worker blocked by CPU work stays blocked.',
  7: 'Worker threads do not make I/O-bound work faster.',
  8: 'exec buffers a program\'s output and fails beyond maxBuffer; spawn streams it.',
  9: 'A crashed worker should be restarted; one that left after a deliberate disconnect should not.',
  10: 'Offloading needs limits: bounded queues, timeouts, cancellation and backpressure.',
  11: 'Some async core APIs (crypto.pbkdf2, zlib, fs) already run on libuv\'s thread pool, four threads by default.',
  12: 'Threads writing a SharedArrayBuffer without Atomics lose updates.',
  13: 'cluster\'s round-robin scheduling spreads connections more evenly than leaving it to the OS.',
};

/** Every runnable experiment. */
export const EXPERIMENTS: readonly Experiment[] = [
  MAIN_THREAD_BLOCKS,
  STARTUP_PER_TASK,
  PAYLOAD_MODES_SCENE,
  CLUSTER_SCALES,
  CLUSTER_SLOW_HANDLER,
  IO_WAIT_THREADS,
  EXEC_VS_SPAWN,
  RESTART_CRASHED,
  LIMITS_SCENE,
  LIBUV_POOL_HASH,
  SAB_COUNTER_SCENE,
  CLUSTER_SCHEDULING_SCENE,
];

/** The experiment with this id, if there is one. */
export function findExperiment(id: string): Experiment | undefined {
  return EXPERIMENTS.find((experiment) => experiment.id === id);
}

/** The claims no experiment covers yet. */
export function uncoveredClaims(): ClaimNumber[] {
  const covered = new Set(EXPERIMENTS.flatMap((e) => e.claims));
  return (Object.keys(CLAIMS).map(Number) as ClaimNumber[]).filter((claim) => !covered.has(claim));
}
