/**
 * Experiments about processes and supervision: cluster scaling an I/O-bound server (claim 5), exec against
 * spawn for large output (8), restarting crashed workers but not stopped ones (9), and the limits an offloaded
 * system needs (10).
 */
import { gauge } from './catalog-threads';
import type { Experiment } from './types';

/** Claim 5: an I/O-bound HTTP server under a closed loop, with one cluster worker and then two. */
export const CLUSTER_SCALES: Experiment = {
  id: 'cluster-scales-io-server',
  title: 'cluster spreads an I/O-bound server across cores',
  claims: [5],
  explanation:
    'An HTTP server that mostly waits still spends CPU on every request: parsing it, routing it, writing the answer. ' +
    'One Node process does all of that on one thread, so once that thread is busy the server cannot go faster, however many cores sit idle. ' +
    'cluster forks several copies of the server that share one listening port; the primary hands each new connection to a worker in turn. ' +
    'With two workers each core parses its own share of the requests, so a closed loop of clients gets more answers per second.',
  watch: [
    { chart: 'throughput', line: 'jobs/s', look: 'higher with two workers than with one' },
    { chart: 'units', line: 'done', look: 'both workers serve requests in the second segment' },
  ],
  code: `// node server.js, then load it with many keep-alive connections (e.g. autocannon -c 64).
const cluster = require('node:cluster');
const http = require('node:http');
const os = require('node:os');
if (cluster.isPrimary) {
  for (let i = 0; i < os.availableParallelism(); i++) cluster.fork();
} else {
  http.createServer((req, res) => {
    setTimeout(() => res.end(JSON.stringify({ pid: process.pid, url: req.url })), 1);
  }).listen(3000);
}`,
  config: { strategy: 'cluster', workload: 'io-wait', size: 1, loadMode: 'closed', concurrency: 64 },
  segments: [
    { id: 'one', label: 'one worker', atS: 0, configure: { poolSize: 1 } },
    { id: 'two', label: 'two workers', atS: 7, configure: { poolSize: 2 } },
  ],
  durationS: 14,
  verdict: {
    warmupS: 1.5,
    minCores: 2,
    checks: [{ kind: 'ratio', quantity: gauge('throughput'), segment: 'two', other: 'one', atLeast: 1.2 }],
    thresholds:
      'with 64 requests always outstanding and a 1 ms wait, one worker is bound by its own CPU; a second core should add well over 20%, ' +
      'less than 2x because the load generator shares the same two cores.',
    report: [
      { segment: 'one', quantity: gauge('latency-p50') },
      { segment: 'two', quantity: gauge('latency-p50') },
      { segment: 'two', quantity: { kind: 'busiest-unit-share' } },
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
    { chart: 'events', line: 'unit-exited / unit-started', look: 'each crash (cause crash or injected) is followed by a unit-started that replaces it' },
    { chart: 'units', line: 'rows', look: 'the crashed worker\'s row is replaced by a new pid; at the switch the rows leave with cause stop' },
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
  config: { strategy: 'cluster', workload: 'fib', size: 25, loadMode: 'open', rate: 30, poolSize: 2, fault: 'exit', faultEvery: 60 },
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
      { kind: 'replacement', segment: 'crashes', causes: ['crash', 'injected'], expect: 'all', atLeast: 2, withinS: 6 },
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
