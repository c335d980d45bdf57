/**
 * Experiments about processes and supervision: cluster scaling a server (claim 5), exec against
 * spawn for large output (8), restarting crashed workers but not stopped ones (9), and the limits an offloaded
 * system needs (10).
 */
import { gauge } from './catalog-threads';
import type { Experiment } from './types';

/** Claim 5: a server with a little CPU per request under a closed loop, with two cluster workers and then one. */
export const CLUSTER_SCALES: Experiment = {
  id: 'cluster-scales-server',
  title: 'cluster spreads a server across cores',
  claims: [5],
  explanation:
    'A Node server runs every request handler on one thread, so a server whose requests each need a few milliseconds of CPU (checking a token, rendering a page) can answer only as fast as that one core allows. ' +
    'cluster forks several copies of the server that share one listening port, and the primary hands each new connection to the next worker in turn, so each core handles its own share of the traffic. ' +
    'It balances connections, not requests: a keep-alive connection stays with the worker that took it, which is why this scene lets both workers start listening before any client connects. ' +
    'Two workers then answer about twice the requests of one on a free 2-core machine; a server that only waits would not need cluster at all, since one loop keeps thousands of waits going.',
  watch: [
    { chart: 'throughput', line: 'jobs/s', look: 'higher with two workers than after the switch to one' },
    { chart: 'units', line: 'done', look: 'both workers count requests while there are two' },
    { chart: 'units', line: 'cpu', look: 'together more than one core while there are two, if the machine has a core to spare' },
  ],
  code: `// node server.js: one worker per core; each request costs ~4 ms of CPU.
const cluster = require('node:cluster');
const http = require('node:http');
const { pbkdf2Sync } = require('node:crypto');
const os = require('node:os');
if (cluster.isPrimary) {
  for (let i = 0; i < os.availableParallelism(); i++) cluster.fork();
} else {
  http.createServer((req, res) => {
    const key = pbkdf2Sync('token', 'salt', 20000, 32, 'sha256'); // the CPU part of the request
    res.end(JSON.stringify({ pid: process.pid, key: key.toString('hex') }));
  }).listen(3000);
}
// Load it with several keep-alive connections, e.g. autocannon -c 8 http://127.0.0.1:3000`,
  config: { strategy: 'cluster', workload: 'hash', size: 20_000, loadMode: 'closed', concurrency: 4 },
  segments: [
    // A near-zero open loop: no job, so no connection, until both workers listen (a fork can take a second or
    // more on a busy machine; a connection made while only one listens stays with it for good).
    { id: 'boot', label: 'workers start', atS: 0, configure: { poolSize: 2, loadMode: 'open', rate: 0.1 } },
    { id: 'two', label: 'two workers', atS: 3, configure: { loadMode: 'closed' } },
    { id: 'one', label: 'one worker', atS: 9, configure: { poolSize: 1 } },
  ],
  durationS: 15,
  verdict: {
    warmupS: 1,
    minCores: 2,
    preconditions: [
      { kind: 'bound', quantity: { kind: 'busiest-unit-share' }, segment: 'two', atMost: 0.7 },
      { kind: 'bound', quantity: gauge('units-cpu'), segment: 'two', atLeast: 1.2 },
    ],
    checks: [{ kind: 'ratio', quantity: gauge('throughput'), segment: 'two', other: 'one', atLeast: 1.3 }],
    thresholds:
      'a request costs ~4 ms of hashing against a round trip well under 1 ms, so the number of cores, not waiting, sets the pace: ' +
      'two workers on two cores should approach 2x, and 1.3x leaves room for the load generator and other work on the same machine. ' +
      'Both workers must have served requests (the busiest at most 70%) and used more than one core between them (1.2): ' +
      'otherwise the machine, busy with other work, never gave them a second core, and the run says nothing about the claim.',
    report: [
      { segment: 'one', quantity: gauge('units-cpu') },
      { segment: 'two', quantity: gauge('latency-p50') },
      { segment: 'one', quantity: gauge('latency-p50') },
    ],
  },
};

/** Claim 8: programs printing 2 MB, collected by execFile (maxBuffer 1 MiB) and then by spawn. */
export const EXEC_VS_SPAWN: Experiment = {
  id: 'exec-vs-spawn-output',
  title: 'exec buffers output and fails past maxBuffer; spawn streams it',
  claims: [8],
  explanation:
    'exec and execFile collect everything a program writes into one string and hand it over when the program ends; to bound that memory they stop collecting at maxBuffer (1 MiB by default), kill the program and fail. ' +
    'spawn gives you the output as a stream instead, chunk by chunk as the program writes it, so you decide what to keep and no limit applies. ' +
    'Each job here runs a program that prints a 2 MB JSON document: under exec every job fails with the maxBuffer error, under spawn every job completes. ' +
    'The program and its work are identical; only how its output is collected differs.',
  watch: [
    { chart: 'throughput', line: 'jobs/s', look: 'zero under exec, steady under spawn' },
    { chart: 'events', line: 'failures', look: 'the run summary groups the failures under "output exceeded maxBuffer"' },
  ],
  code: `// The same 2 MB of output, buffered by execFile and streamed by spawn.
const { execFile, spawn } = require('node:child_process');
const program = ['-e', 'process.stdout.write("x".repeat(2e6))'];

execFile(process.execPath, program, (error, stdout) => {
  console.log('execFile:', error ? error.code : \`\${stdout.length} bytes\`); // ERR_CHILD_PROCESS_STDIO_MAXBUFFER
});

let bytes = 0;
spawn(process.execPath, program)
  .stdout.on('data', (chunk) => (bytes += chunk.length))
  .on('end', () => console.log('spawn:', bytes, 'bytes, streamed'));`,
  config: { strategy: 'child-process', workload: 'json', size: 2_000_000, maxBuffer: 1_048_576, loadMode: 'closed', concurrency: 2, poolSize: 2 },
  segments: [
    { id: 'exec', label: 'exec', atS: 0, configure: { childMode: 'exec' } },
    { id: 'spawn', label: 'spawn', atS: 5, configure: { childMode: 'spawn' } },
  ],
  durationS: 10,
  verdict: {
    warmupS: 0.5,
    checks: [
      { kind: 'bound', quantity: { kind: 'counter', measure: 'failed' }, segment: 'exec', atLeast: 1 },
      { kind: 'bound', quantity: { kind: 'counter', measure: 'completed' }, segment: 'exec', atMost: 0 },
      { kind: 'bound', quantity: { kind: 'counter', measure: 'completed' }, segment: 'spawn', atLeast: 1 },
      { kind: 'bound', quantity: { kind: 'counter', measure: 'failed' }, segment: 'spawn', atMost: 0 },
      { kind: 'bound', quantity: { kind: 'run-failures', matching: 'maxBuffer' } , atLeast: 1 },
    ],
    thresholds:
      'every job prints 2 MB, twice the 1 MiB maxBuffer, so under exec none can succeed and under spawn none should fail; ' +
      'ticks count failures but not their reasons, so the maxBuffer reason is read from the run summary.',
  },
};

/** Claim 9: cluster workers crashing (a fault and injected kills) and then stopped by a switch. */
export const RESTART_CRASHED: Experiment = {
  id: 'restart-crashed-not-stopped',
  title: 'Restart a crashed worker, not one that was asked to leave',
  claims: [9],
  explanation:
    'A cluster primary learns of every worker that ends through its exit event; the worker may have crashed, or it may have been disconnected on purpose, and only the first needs a replacement. ' +
    'Node marks the planned case with worker.exitedAfterDisconnect, and a supervisor that ignores it fights its own shutdowns by restarting what it just stopped. ' +
    'Here cluster workers die two ways, by an uncaught process.exit in every 60th request and by SIGKILL from outside, and each is replaced (a crash after a short backoff that grows when crashes come in a row). ' +
    'When the scene then switches to a worker pool, the cluster workers are disconnected and leave for good: none is replaced.',
  watch: [
    { chart: 'events', line: 'unit-exited / unit-started', look: 'each exit with cause injected (the fault) or killed (the kill from outside) is followed by a unit-started that replaces it' },
    { chart: 'units', line: 'rows', look: 'the crashed worker\'s row is replaced by a new pid; at the switch the rows leave with cause stop' },
    { chart: 'timeline', line: 'exit marks', look: 'a crash or kill mark ends a lane and a new lane starts beside it; at the switch the lanes end with a stop mark' },
  ],
  code: `// A primary that replaces crashed workers but lets disconnected ones go.
const cluster = require('node:cluster');
const http = require('node:http');
if (cluster.isPrimary) {
  for (let i = 0; i < 2; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (worker.exitedAfterDisconnect) return console.log(\`\${worker.process.pid} left as asked\`);
    console.log(\`\${worker.process.pid} died (\${signal ?? code}); starting a replacement\`);
    cluster.fork();
  });
  setTimeout(() => Object.values(cluster.workers)[0].process.kill('SIGKILL'), 1000); // a crash
  setTimeout(() => cluster.disconnect(), 3000);                                       // a planned stop
} else {
  http.createServer((req, res) => res.end('ok')).listen(3000);
}`,
  // A short drain: a request caught on a killed worker's connection would otherwise hold the switch for 5 s.
  config: { strategy: 'cluster', workload: 'fib', size: 25, loadMode: 'open', rate: 30, poolSize: 2, fault: 'exit', faultEvery: 60, drainMs: 1000 },
  segments: [
    { id: 'crashes', label: 'crashes', atS: 0 },
    { id: 'away', label: 'switch away', atS: 8, configure: { strategy: 'worker-pool', fault: 'none' } },
  ],
  actions: [
    { atS: 2.5, crash: {} },
    { atS: 5, crash: {} },
  ],
  durationS: 10,
  verdict: {
    warmupS: 0.5,
    checks: [
      { kind: 'replacement', segment: 'crashes', causes: ['crash', 'injected', 'killed'], expect: 'all', atLeast: 2, withinS: 6 },
      { kind: 'replacement', segment: 'away', causes: ['stop'], expect: 'none', atLeast: 1, withinS: 2 },
    ],
    thresholds:
      'two injected crashes and a few fault exits happen in the first segment; the longest restart backoff here stays under 2 s and a worker starts in well under a second, so 6 s is ample. ' +
      'At the switch both workers are stopped on purpose, and a replacement of either within 2 s would be the bug the claim warns of.',
  },
};

/** Claim 10: an overloaded pool with stuck jobs, without limits and then with a queue bound and a timeout. */
export const LIMITS_SCENE: Experiment = {
  id: 'limits-bound-the-queue',
  title: 'Offloading needs limits: a bounded queue and job timeouts',
  claims: [10],
  explanation:
    'A worker pool keeps the host responsive, but it does not make the machine faster: when jobs arrive faster than the threads finish them, the surplus waits in a queue that grows for as long as the overload lasts. ' +
    'Here it is worse, because every 50th job never ends: without a timeout such a job holds its thread forever, and once both threads are stuck the queue only grows. ' +
    'A bound on the queue turns the surplus into jobs refused at once, counted and visible, instead of memory and latency that climb without limit. ' +
    'A timeout cancels a stuck job by ending its thread, and the supervisor starts a fresh one, so the pool keeps serving.',
  watch: [
    { chart: 'queue', line: 'queued', look: 'a straight climb without limits; flat at the bound of 50 once the limits apply' },
    { chart: 'throughput', line: 'jobs/s', look: 'falls to zero when both threads are stuck; back once timeouts end the stuck jobs' },
    { chart: 'events', line: 'unit-exited (timeout)', look: 'a thread ended for each stuck job, then replaced' },
  ],
  code: `// A bounded queue with backpressure and a per-job timeout, around any async worker call.
function limited(run, { maxQueue, timeoutMs }) {
  let waiting = 0;
  return async (job) => {
    if (waiting >= maxQueue) throw new Error('queue full: try later'); // refuse now, visibly
    waiting++;
    const signal = AbortSignal.timeout(timeoutMs);                     // cancel what runs too long
    try {
      return await run(job, signal);
    } finally {
      waiting--;
    }
  };
}
// e.g. with piscina: const submit = limited((job, signal) => pool.run(job, { signal }), { maxQueue: 50, timeoutMs: 200 });`,
  config: { strategy: 'worker-pool', workload: 'fib', size: 30, loadMode: 'open', rate: 200, poolSize: 2, fault: 'hang', faultEvery: 50, drainMs: 300 },
  segments: [
    { id: 'unbounded', label: 'no limits', atS: 0, configure: { maxQueue: 1_000_000, jobTimeoutMs: 0 } },
    { id: 'bounded', label: 'queue bound + timeout', atS: 6, configure: { maxQueue: 50, jobTimeoutMs: 200 } },
  ],
  durationS: 12,
  verdict: {
    warmupS: 1,
    checks: [
      { kind: 'bound', quantity: gauge('queued', 'rise'), segment: 'unbounded', atLeast: 100 },
      { kind: 'bound', quantity: gauge('queued', 'max'), segment: 'bounded', atMost: 50 },
      { kind: 'bound', quantity: { kind: 'counter', measure: 'dropped' }, segment: 'bounded', atLeast: 1 },
      { kind: 'bound', quantity: { kind: 'exits', causes: ['timeout'] }, segment: 'bounded', atLeast: 1 },
    ],
    thresholds:
      'at 200 jobs/s with both threads stuck within the first second, the queue gains far more than 100 jobs in the 5 s measured; ' +
      'with the limits on it may never exceed its bound of 50, the surplus must show as drops, and each stuck job as a thread ended by its timeout.',
    report: [
      { segment: 'unbounded', quantity: gauge('throughput') },
      { segment: 'bounded', quantity: gauge('throughput') },
      { segment: 'bounded', quantity: gauge('latency-p99') },
    ],
  },
};
