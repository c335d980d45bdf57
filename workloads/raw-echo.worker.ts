/**
 * A bare worker thread for the benchmark's baselines: no pool, no probe. It answers `{ id, n }` with fib(n),
 * so the pool's throughput and dispatch cost can be compared with raw `worker_threads` in the same run.
 */
import { parentPort } from 'node:worker_threads';
import { fibRecursive } from './jobs/fib';

parentPort?.on('message', (message: { id: number; n: number }) => {
  parentPort?.postMessage({ id: message.id, value: fibRecursive(message.n) });
});
parentPort?.postMessage({ id: -1, value: 0 });
