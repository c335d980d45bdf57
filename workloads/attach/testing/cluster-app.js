// Attach fixture: a cluster of 2 worker processes; each runs one worker thread built from a file (the preload
// reaches it) and one eval worker (the preload does not: only its parent's agent sees it). Everything ends on
// its own after a few seconds; the primary then exits with code 0.
'use strict';
const cluster = require('node:cluster');
const { join } = require('node:path');
const { Worker } = require('node:worker_threads');

const LIFE_MS = Number(process.env.FIXTURE_LIFE_MS || 3000);

if (cluster.isPrimary) {
  for (let i = 0; i < 2; i++) cluster.fork();
} else {
  const threads = [new Worker(join(__dirname, 'busy-thread.js'), { workerData: { lifeMs: LIFE_MS } })];
  threads.push(
    new Worker(
      `const { workerData } = require('node:worker_threads');
       const end = Date.now() + workerData.lifeMs;
       const timer = setInterval(() => { let s = 0; for (let i = 0; i < 1e5; i++) s += i; if (Date.now() > end) clearInterval(timer); }, 20);`,
      { eval: true, workerData: { lifeMs: LIFE_MS } },
    ),
  );
  let left = threads.length;
  for (const thread of threads) thread.on('exit', () => --left === 0 && process.exit(0));
}
