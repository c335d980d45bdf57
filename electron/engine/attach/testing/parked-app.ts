/**
 * An app whose worker threads stop running timers: one parks in `Atomics.wait` (as piscina's threads wait for
 * their next task) and one spins in a loop that never yields. Both are built from this file, so the agent's
 * preload runs in them; each lets its loop turn for a while first (the agent connects and says hello), then
 * stops it. The main thread prints `ready` once both have, and ends on SIGTERM.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const SETTLE_MS = 1_000;

if (isMainThread) {
  const workers = ['park', 'spin'].map((mode) => new Worker(__filename, { workerData: mode }));
  let stopped = 0;
  for (const worker of workers) {
    worker.on('message', () => {
      stopped++;
      if (stopped === workers.length) console.log('ready');
    });
  }
  process.once('SIGTERM', () => {
    void Promise.all(workers.map((worker) => worker.terminate())).then(() => process.exit(0));
  });
  setInterval(() => {}, 1_000);
} else {
  setTimeout(() => {
    parentPort?.postMessage('stopping');
    if (workerData === 'park') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    else for (;;) Math.sqrt(Math.random());
  }, SETTLE_MS);
}
