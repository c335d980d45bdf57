/**
 * Experiments about what cluster does and does not do: a slow handler still blocks its process (claim 6), and
 * who hands out connections, the primary in turn or the kernel (13). Both read the processes' own numbers
 * (their loop delay, the requests each served), which is where cluster's effects live.
 */
import { gauge } from './catalog-threads';
import type { Experiment } from './types';

/** Claim 6: fib(34) per request under cluster, then under cluster-pool; each process's own loop delay tells. */
export const CLUSTER_SLOW_HANDLER: Experiment = {
  id: 'cluster-slow-handler',
  title: "cluster does not fix a slow handler; a pool inside each process does",
  claims: [6],
  explanation:
    'cluster gives every process its own event loop, but inside each process the rule of the first experiment still holds: a handler that computes for 40 ms holds that loop for 40 ms. ' +
    'Every other request on the process\'s connections, and any health check a balancer sends it, waits until the computation returns, so more processes only means more loops that can each be blocked. ' +
    'Here every request runs fib(34) in its handler, and the processes\' own event-loop delay reads about a job long. ' +
    'Under cluster-pool each process hands the computation to two worker threads of its own and its loop only reads requests and writes answers, so its delay falls to the scheduler\'s noise while the machine does the same work.',
  watch: [
    { chart: 'units', line: 'eld p99', look: 'about a job long (40 ms or more) for every cluster process; a few ms once each has a pool inside' },
    { chart: 'units', line: 'elu', look: 'near 100% for cluster processes, a few % once their threads do the computing' },
    { chart: 'units', line: 'state', look: 'cluster processes read busy or blocked; cluster-pool processes stay answerable' },
    { chart: 'throughput', line: 'jobs/s', look: 'about the same in both: the cores, not the strategy, bound the work' },
  ],
  code: `// node slow-handler.js       -> fib runs in the handler: /health waits behind it
// node slow-handler.js pool  -> fib runs on a thread of the process: /health answers at once
const cluster = require('node:cluster');
const http = require('node:http');
const { Worker, isMainThread, parentPort } = require('node:worker_threads');
const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2));

if (!isMainThread) {
  parentPort.on('message', ({ id, n }) => parentPort.postMessage({ id, value: fib(n) }));
} else if (cluster.isPrimary) {
  for (let i = 0; i < 2; i++) cluster.fork();
} else {
  const thread = process.argv[2] === 'pool' ? new Worker(__filename) : null;
  const waiting = new Map();
  let next = 0;
  thread?.on('message', ({ id, value }) => { waiting.get(id)(value); waiting.delete(id); });
  const compute = (n) => (thread ? new Promise((ok) => { waiting.set(++next, ok); thread.postMessage({ id: next, n }); }) : fib(n));
  http.createServer(async (req, res) => {
    if (req.url === '/health') return res.end('ok');
    res.end(String(await compute(34)));
  }).listen(3000);
}
// Keep a few requests to / going (e.g. autocannon -c 4) and time curl http://127.0.0.1:3000/health meanwhile.`,
  config: { workload: 'fib', size: 34, loadMode: 'closed', concurrency: 4, poolSize: 2 },
  segments: [
    { id: 'cluster', label: 'cluster', atS: 0, configure: { strategy: 'cluster' } },
    { id: 'pool', label: 'cluster-pool', atS: 7, configure: { strategy: 'cluster-pool' } },
  ],
  durationS: 14,
  verdict: {
    warmupS: 1,
    checks: [
      { kind: 'ratio', quantity: gauge('units-eld-p99'), segment: 'cluster', other: 'pool', atLeast: 2.5 },
      { kind: 'bound', quantity: gauge('units-eld-p99'), segment: 'cluster', atLeast: 20 },
      { kind: 'bound', quantity: gauge('units-elu'), segment: 'cluster', atLeast: 0.7 },
      { kind: 'bound', quantity: gauge('units-elu'), segment: 'pool', atMost: 0.4 },
    ],
    thresholds:
      'a fib(34) request holds a cluster process\'s loop ~40 ms on a free core (longer on a busy one), and with four requests outstanding on two processes each is nearly always inside one, so the worst process\'s delay p99 is a job long; 20 ms is half of that. ' +
      'With a pool inside, a process\'s loop only waits for the operating system to schedule it, a few ms on a free machine (measured here under heavy load: 85 to 140 ms against 5 to 30 ms), so 2.5x is a margin a busy machine keeps. ' +
      'Utilisation says the same without the scheduler\'s noise: a loop running fib is busy ~100% of the time (0.7 allows for the gaps between requests), one that only parses requests and posts them to threads a few % (0.4 is far above that).',
    report: [
      { segment: 'cluster', quantity: gauge('throughput') },
      { segment: 'pool', quantity: gauge('throughput') },
      { segment: 'cluster', quantity: gauge('latency-p99') },
      { segment: 'pool', quantity: gauge('latency-p99') },
    ],
  },
};

/** Claim 13: eight fresh workers with round-robin scheduling, then eight with the kernel's; requests served by each. */
export const CLUSTER_SCHEDULING_SCENE: Experiment = {
  id: 'cluster-scheduling-rr-vs-os',
  title: "cluster's round-robin spreads connections; the OS may not",
  claims: [13],
  explanation:
    'When cluster workers share one port, something must decide which worker gets each new connection. ' +
    'With the round-robin policy (cluster.SCHED_RR, the default except on Windows) the primary accepts every connection itself and passes it to the workers in turn over IPC. ' +
    'With cluster.SCHED_NONE the primary only shares the listening socket, every worker waits in accept() on it, and the kernel wakes whichever it likes; Node\'s own documentation warns that in practice this tends to leave the connections unevenly spread (it cites 70% of them in two processes out of eight). ' +
    'The lab does both the way Node does, from its own primary (Node\'s round-robin loses a connection handed to a worker that dies mid-handoff, which the lab must survive when you crash one); the code below is the plain Node version. ' +
    'Each half of this scene starts eight fresh workers and sends 200 requests a second, each on a new connection, so every request is one scheduling decision, and counts the requests each worker serves. ' +
    'The kernel\'s choice is not fixed: on a run where it happens to spread the connections evenly there is nothing to compare, and the verdict says so rather than guess.',
  watch: [
    { chart: 'units', line: 'done', look: 'eight equal counts under round-robin; once the kernel picks, some workers serve several times as many as others' },
    { chart: 'timeline', line: 'worker lanes', look: 'eight lanes alike under round-robin; under the OS some lanes far busier than others' },
    { chart: 'events', line: 'strategy-switched', look: 'the switch to OS scheduling starts eight new workers on a new port' },
  ],
  code: `// NODE_CLUSTER_SCHED_POLICY=rr node sched.js   vs   NODE_CLUSTER_SCHED_POLICY=none node sched.js
// (or set cluster.schedulingPolicy before the first fork: the primary reads it once, at its first setup)
const cluster = require('node:cluster');
const http = require('node:http');
if (cluster.isPrimary) {
  const served = Array(8).fill(0);
  let listening = 0;
  for (let i = 0; i < 8; i++) {
    const worker = cluster.fork();
    worker.on('message', () => served[i]++);
    worker.on('listening', () => ++listening === 8 && load());
  }
  // 1000 requests, 200 a second, each on a new connection (no keep-alive): every request is a scheduling decision.
  function load() {
    const agent = new http.Agent({ keepAlive: false });
    let sent = 0;
    let answered = 0;
    const timer = setInterval(() => {
      if (++sent === 1000) clearInterval(timer);
      http.get({ port: 3000, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (++answered < 1000) return;
          console.log(served.join(' '), '- busiest over least busy:', (Math.max(...served) / Math.min(...served)).toFixed(1));
          process.exit();
        });
      });
    }, 5);
  }
} else {
  http.createServer((req, res) => setTimeout(() => { process.send('served'); res.end('ok'); }, 20)).listen(3000);
}`,
  // An open loop, one request at a time as the rate says, each on a connection of its own: a few kept-alive
  // connections would be a few scheduling decisions for the whole run (the two policies then read the same,
  // 0.50 each), and a burst of connections at once lets the primary hand several in a row to whichever worker
  // answers first. Eight workers, as in Node's own warning: two idle workers on 2 cores split the kernel's
  // wake-ups nearly evenly (busiest share 0.53 to 0.62 with raw Node here), eight do not. A short drain: on a
  // loaded machine a backlog of requests held the switch to the OS workers past their boot segment, and the old
  // workers' leftovers say nothing about scheduling.
  config: { strategy: 'cluster', workload: 'io-wait', size: 20, poolSize: 8, loadMode: 'open', drainMs: 500, clusterConnection: 'new-per-request' },
  segments: [
    // A near-zero open loop first, so no connection is made until every new worker listens (one that listens
    // late would have missed the first connections, whatever the policy).
    { id: 'rr-boot', label: 'round-robin: workers start', atS: 0, configure: { clusterScheduling: 'rr', rate: 0.1 } },
    // 6 s: eight forks, two at a time, on a 2-core machine loaded by other work took up to 2.4 s here.
    { id: 'rr', label: 'round-robin', atS: 6, configure: { rate: 200 } },
    { id: 'os-boot', label: 'OS: workers start', atS: 12, configure: { clusterScheduling: 'none', rate: 0.1 } },
    { id: 'os', label: 'OS scheduling', atS: 18, configure: { rate: 200 } },
  ],
  durationS: 24,
  verdict: {
    warmupS: 0.5,
    preconditions: [
      // Every worker listened before the load began: a boot segment whose switch completed after it ended
      // cannot be measured, and its connections went to whichever workers listened first.
      { kind: 'bound', quantity: { kind: 'ready-margin' }, segment: 'rr-boot', atLeast: 0 },
      { kind: 'bound', quantity: { kind: 'ready-margin' }, segment: 'os-boot', atLeast: 0 },
      { kind: 'bound', quantity: { kind: 'busiest-over-least' }, segment: 'os', atLeast: 1.8 },
    ],
    checks: [
      { kind: 'ratio', quantity: { kind: 'busiest-over-least' }, segment: 'os', other: 'rr', atLeast: 1.3 },
      { kind: 'bound', quantity: { kind: 'busiest-over-least' }, segment: 'rr', atMost: 1.5 },
    ],
    thresholds:
      'the number is the requests of the busiest worker over those of the least busy one, 1 when all eight served alike. ' +
      'Connections handed out in turn keep it near 1 (1.00 to 1.07 in 19 of 30 runs here, on 2 cores shared with other work, load average up to 44); a worker slow to take its last connection misses its turn, which read up to 1.32, so a round-robin may show at most 1.5. ' +
      'A fair random pick among eight for ~1000 requests reads 1.3 typically and under 1.8 in 999 runs of 1000, so the kernel counts as uneven only from 1.8 on: an OS run under it is inconclusive, not a failure. ' +
      'Measured here, the OS-scheduled workers read 2.25 to 15 in those 30 runs (raw Node 4.6 to 26), while two workers instead of eight read only 1.1 to 1.7, which is why the scene runs eight. ' +
      'The OS must then be at least 1.3x as uneven as the round-robin (measured: 1.9x to 13x). ' +
      'Every worker must listen before the load begins (each boot segment\'s switch complete within it), or the first connections all go to the first ones whatever the policy.',
    report: [
      { segment: 'rr', quantity: { kind: 'busiest-unit-share' } },
      { segment: 'os', quantity: { kind: 'busiest-unit-share' } },
      { segment: 'rr', quantity: gauge('throughput') },
      { segment: 'os', quantity: gauge('throughput') },
    ],
  },
};
