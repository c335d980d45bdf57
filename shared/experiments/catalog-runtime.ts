/**
 * Experiments about what Node's runtime already does, or does not do, for concurrency: libuv's thread pool
 * behind async core APIs (claim 11), and shared memory without Atomics (12).
 */
import { gauge } from './catalog-threads';
import type { Experiment } from './types';

/** Claim 11: PBKDF2 on the main thread, synchronously and then through crypto.pbkdf2's callback. */
export const LIBUV_POOL_HASH: Experiment = {
  id: 'libuv-pool-async-hash',
  title: "An async core API runs on libuv's thread pool: the loop stays free",
  claims: [11],
  explanation:
    'pbkdf2Sync computes the key on the thread that calls it, so on the main thread every hash holds the event loop for its whole length, as fib does in the first experiment. ' +
    'crypto.pbkdf2 with a callback hands the same computation to libuv\'s thread pool, a few native threads Node keeps beside the loop (four unless UV_THREADPOOL_SIZE says otherwise), and calls back when the key is ready. ' +
    'Meanwhile the loop serves timers and sockets, so with four hashes in flight and no worker thread of your own the host\'s delay falls close to zero. ' +
    'Throughput is then set by that pool: at most four hashes at once and never more than the cores, so on two cores it can reach about twice the synchronous rate, not four times. ' +
    'The same four threads also serve fs, dns.lookup and zlib, so a flood of hashes makes file reads wait too.',
  watch: [
    { chart: 'host-eld', line: 'p99', look: 'about a hash long with pbkdf2Sync, a few ms once the hashes go through the callback API' },
    { chart: 'health', line: 'p99', look: 'the health check waits behind synchronous hashes, not behind async ones' },
    { chart: 'throughput', line: 'jobs/s', look: 'no lower with the async API; higher when a second core is free' },
  ],
  code: `// Sixteen hashes, synchronous then through libuv's pool; a 20 ms timer says how late the loop was.
const { pbkdf2, pbkdf2Sync } = require('node:crypto');
const cost = 200000;
let due = Date.now() + 20;
let late = 0;
const timer = setInterval(() => { late = Math.max(late, Date.now() - due); due = Date.now() + 20; }, 20);
const report = (label, ms) => { console.log(label, ms.toFixed(0), 'ms for 16 hashes, timer late by up to', late, 'ms'); late = 0; };

setTimeout(() => {
  const t = performance.now();
  for (let i = 0; i < 16; i++) pbkdf2Sync('pw', 'salt', cost, 32, 'sha256');
  const syncMs = performance.now() - t;
  setTimeout(() => {
    report('pbkdf2Sync:', syncMs);
    const t2 = performance.now();
    let left = 16;
    for (let i = 0; i < 16; i++) {
      pbkdf2('pw', 'salt', cost, 32, 'sha256', () => {
        if (--left === 0) setTimeout(() => { report('pbkdf2:    ', performance.now() - t2); clearInterval(timer); }, 30);
      });
    }
  }, 30);
}, 100);`,
  // Four outstanding: every thread of libuv's default pool busy, on any machine of up to four cores.
  config: { strategy: 'main-thread', loadMode: 'closed', concurrency: 4 },
  segments: [
    { id: 'sync', label: 'pbkdf2Sync', atS: 0, configure: { workload: 'hash', size: 200_000 } },
    { id: 'async', label: 'pbkdf2 (libuv pool)', atS: 6, configure: { workload: 'hash-async', size: 200_000 } },
  ],
  durationS: 12,
  verdict: {
    warmupS: 1,
    checks: [
      { kind: 'ratio', quantity: gauge('host-eld-p50'), segment: 'sync', other: 'async', atLeast: 5 },
      { kind: 'bound', quantity: gauge('host-eld-p99'), segment: 'sync', atLeast: 20 },
      // The mean: a check lands during a hash or not, and with few checks the median of that is a coin flip.
      { kind: 'ratio', quantity: gauge('health-p99', 'mean'), segment: 'sync', other: 'async', atLeast: 2 },
      // The mean: at ~10 hashes a second a 200 ms tick completes one, two or none, and their median says little.
      { kind: 'ratio', quantity: gauge('throughput', 'mean'), segment: 'async', other: 'sync', atLeast: 0.8 },
    ],
    thresholds:
      'a 200,000-iteration PBKDF2 is ~35 ms on a free core, and with four outstanding the main thread is always inside one: its delay p99 is about a hash long (20 ms is well under that) and even its median turn is late by a good part of one. ' +
      'With the callback API the loop only waits for the operating system to schedule it beside four busy pool threads: its median turn is on time (measured here under load: 54 ms against 2 ms), so 5x is a low bar, while its p99 catches the scheduler\'s worst moments on a loaded machine and is only required of the sync segment. ' +
      'The health check, asked every 50 ms here, lands during a synchronous hash nearly every time and waits for it; 2x on the mean is a margin a loaded machine keeps (measured: 34 ms against 5-9, where the loop competes with four busy pool threads for two cores). ' +
      'The pool can use every core the synchronous version leaves idle, so its throughput should be at least that of one core; 0.8x allows for the other work on a shared machine.',
    report: [
      { segment: 'sync', quantity: gauge('latency-p50') },
      { segment: 'async', quantity: gauge('latency-p50') },
    ],
  },
};

/** Claim 12: two pool threads incrementing one SharedArrayBuffer counter, plainly and then with Atomics.add. */
export const SAB_COUNTER_SCENE: Experiment = {
  id: 'sab-counter-atomics',
  title: 'Threads sharing a counter lose updates without Atomics',
  claims: [12],
  explanation:
    'A SharedArrayBuffer is memory that several threads see at once, and counter[0]++ on it is three steps: read the value, add one, write it back. ' +
    'When two threads do that at the same moment both can read 41 and both write 42, so one increment is gone, and nothing raises an error. ' +
    'Atomics.add makes the three steps one indivisible operation that the cores take in turn, so every increment lands, at the price of waiting for the memory to move between cores. ' +
    'Here both pool threads add to one shared counter, each job recording with Atomics how many increments it finished, and the engine counts what the counter is short of that. ' +
    'On a single core the threads take turns instead of colliding, so the loss needs two cores to show.',
  watch: [
    { chart: 'throughput', line: 'jobs/s', look: 'plain increments are much faster, and wrong; Atomics.add is slower, and exact' },
    { chart: 'units', line: 'cpu', look: 'both threads busy at once: that is when the plain increments collide' },
  ],
  code: `// Two threads, ten million increments of one shared counter: plain ++, then Atomics.add.
const { Worker, isMainThread, workerData, parentPort } = require('node:worker_threads');
if (!isMainThread) {
  const counter = new Int32Array(workerData.buffer);
  if (workerData.atomic) for (let i = 0; i < 5e6; i++) Atomics.add(counter, 0, 1);
  else for (let i = 0; i < 5e6; i++) counter[0]++;
  parentPort.postMessage('done');
} else {
  (async () => {
    for (const atomic of [false, true]) {
      const buffer = new SharedArrayBuffer(4);
      const run = () => new Promise((ok) => new Worker(__filename, { workerData: { buffer, atomic } }).once('message', ok));
      await Promise.all([run(), run()]);
      const got = new Int32Array(buffer)[0];
      console.log(atomic ? 'Atomics.add:' : 'plain ++:   ', got, 'of 10000000, lost', 1e7 - got);
    }
  })();
}`,
  config: { strategy: 'worker-pool', workload: 'sab-counter', size: 2_000_000, loadMode: 'closed', concurrency: 2, poolSize: 2 },
  segments: [
    { id: 'plain', label: 'plain ++', atS: 0, configure: { counterMode: 'plain' } },
    { id: 'atomics', label: 'Atomics.add', atS: 6, configure: { counterMode: 'atomics' } },
  ],
  durationS: 12,
  verdict: {
    warmupS: 1,
    minCores: 2,
    preconditions: [
      { kind: 'bound', quantity: { kind: 'shared-counter', measure: 'done' }, segment: 'plain', atLeast: 10_000_000 },
      { kind: 'bound', quantity: { kind: 'shared-counter', measure: 'done' }, segment: 'atomics', atLeast: 10_000_000 },
    ],
    checks: [
      { kind: 'bound', quantity: { kind: 'shared-counter', measure: 'lost' }, segment: 'plain', atLeast: 1 },
      // One chunk (10,000) per thread of the pool of 2: the largest late share of the plain segment's loss (see below).
      { kind: 'bound', quantity: { kind: 'shared-counter', measure: 'lost' }, segment: 'atomics', atMost: 20_000 },
    ],
    thresholds:
      'two threads each adding 2 million per job for seconds overlap many times, and a single collision loses an increment, so even one lost update shows the race (measured here: a quarter of them lost); ' +
      'with Atomics.add none may be lost beyond what the count resolves. Each segment must have done at least ten million increments, or a clean count would mean little. ' +
      'The count is read while jobs are between their chunks of 10,000, so it can only fall short of the true loss, by up to one chunk per job in flight; ' +
      'what the plain segment lost in its last chunks can therefore be counted only at the first read after the switch, inside the Atomics segment: ' +
      'up to 20,000 (a chunk per thread) there is that late share, and anything beyond would be a real loss with Atomics (measured: 0 to 3,304, against hundreds of millions lost with ++).',
    report: [
      { segment: 'plain', quantity: gauge('throughput') },
      { segment: 'atomics', quantity: gauge('throughput') },
      { segment: 'plain', quantity: gauge('units-cpu') },
    ],
  },
};
