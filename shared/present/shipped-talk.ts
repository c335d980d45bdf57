/**
 * The talk the app ships: every experiment of the catalog, in the order of the guides' argument (one loop
 * blocks; threads free it and cost startup and copies; threads do not help waiting; processes and their
 * output; cluster and what it does not fix; supervision; limits), then a real app attached (the example server,
 * loading itself), framed by an opening and a closing scene.
 * About 20 minutes. It is a plain talk file (see talk.ts), so it is also the example a user copies.
 */
import { TALK_FORMAT, type TalkFile } from './talk';

export const SHIPPED_TALK_ID = 'shipped';

export const SHIPPED_TALK: TalkFile = {
  format: TALK_FORMAT,
  title: 'Node.js concurrency, measured',
  scenes: [
    {
      title: 'Node.js concurrency, measured',
      claim: 'One event loop per thread: whatever runs on it makes everything else wait.',
      notes:
        'Welcome. Twelve claims from the worker_threads / cluster / child_process guides, each run live on this laptop, with a verdict computed from the numbers. Keys: Right or the clicker for the next scene, R runs the scene, V falls back to the rehearsal recording if a demo misbehaves.',
      minutes: 1,
    },
    {
      experiment: 'main-thread-blocks',
      recording: 'main-thread-blocks.nclab.jsonl',
      // The timeline shows where the work runs: the host's lane solid busy, then the pool's lanes taking it.
      charts: ['timeline', 'host-eld'],
      notes:
        'Run it (R). First half: fib on the main thread, the host lane on the timeline is solid busy and the host loop delay p99 climbs to about one job; a health check would wait with it. At the switch to the worker pool the work moves to the pool\'s lanes, the host lane goes quiet and the delay line drops to a few ms.',
      minutes: 2,
    },
    {
      experiment: 'worker-per-task-vs-pool',
      recording: 'worker-per-task-vs-pool.nclab.jsonl',
      // The timeline shows the cost: a startup stripe per job on worker per task, then a few lanes busy for good.
      charts: ['timeline', 'throughput'],
      notes:
        'A thread is not free: ~30 ms to start one here. On the timeline, worker per task shows a startup stripe before every job; throughput is tiny. The pool starts its threads once, its lanes stay busy, and throughput jumps by two orders of magnitude. Mention piscina as the pool.',
      minutes: 1.5,
    },
    {
      experiment: 'payload-clone-transfer-shared',
      // The claim is the copy's cost to the sending thread: the timeline's host lane shows the copying as busy
      // time (and its GC), the delay chart beside it what that does to the host's loop, segment by segment.
      charts: ['timeline', 'host-eld'],
      notes:
        'Large payloads: structured clone copies the 16 MB image on the host\'s own thread, out and back; transfer hands the ArrayBuffer over (here a fresh copy per job, which the host makes and its GC later collects: the GC marks on the host lane), SharedArrayBuffer is never sent at all. Transfer detaches the buffer on the sender: say it. Point at the host lane and the delay chart: busy and spiky under clone, lighter under transfer, quiet under shared. The verdict reads the host\'s CPU per job, which halves and more, while the jobs per second move much less: the pool threads do the same work in all three.',
      minutes: 1.5,
    },
    {
      experiment: 'sab-counter-atomics',
      notes:
        'Sharing memory has a price: two threads doing plain ++ on one counter lose updates (read, add, write race). Atomics.add loses none. The verdict counts the lost updates.',
      minutes: 1.5,
    },
    {
      experiment: 'io-wait-threads-dont-help',
      notes:
        'Threads are for CPU. Jobs that wait on I/O are already concurrent on one loop; putting them on threads adds messages and changes nothing in throughput. The verdict compares the two rates.',
      minutes: 1.5,
    },
    {
      experiment: 'libuv-pool-async-hash',
      notes:
        'Node already has a thread pool: libuv, four threads by default. pbkdf2Sync blocks the loop; the async pbkdf2 runs on libuv and the loop stays free, with no worker code at all. UV_THREADPOOL_SIZE sets its size.',
      minutes: 1.5,
    },
    {
      experiment: 'exec-vs-spawn-output',
      notes:
        'Processes: exec buffers the whole output and fails past maxBuffer (watch the failures); spawn streams it and never fails for size. Use spawn for anything whose output can grow.',
      minutes: 1.5,
    },
    {
      experiment: 'cluster-scales-server',
      notes:
        'cluster: several processes sharing one port. With two workers on two cores the server does about twice the requests of one. On a busy laptop the verdict may say inconclusive: it checks both cores were really used.',
      minutes: 1.5,
    },
    {
      experiment: 'cluster-slow-handler',
      recording: 'cluster-slow-handler.nclab.jsonl',
      notes:
        'But cluster does not fix a slow handler: each worker blocked by CPU work stays blocked, health checks time out. The cluster-pool segment runs the work on a thread pool inside each process: every loop is free again.',
      minutes: 1.5,
    },
    {
      experiment: 'cluster-scheduling-rr-vs-os',
      // Eight worker lanes: alike under round-robin, uneven once the kernel picks; the jobs per second beside them.
      charts: ['timeline', 'throughput'],
      notes:
        'How connections are shared: eight workers, every request on a new connection. Round-robin in the primary deals them in turn, eight equal counts; left to the OS, the kernel wakes whichever worker it likes and some serve several times as many requests as others. The verdict compares the busiest worker\'s requests over the least busy one\'s; on a run where the kernel happened to be even it says inconclusive, not false.',
      minutes: 1.5,
    },
    {
      experiment: 'restart-crashed-not-stopped',
      // Each crash or kill ends a lane with its mark and a replacement's lane starts beside it.
      charts: ['timeline', 'throughput'],
      notes:
        'Supervision: a crashed worker is replaced, watch the crash marks and the new rows in the unit table; after the switch away the old units are asked to leave and are not replaced.',
      minutes: 1.5,
    },
    {
      experiment: 'limits-bound-the-queue',
      notes:
        'Offloading needs limits. Without a bound the queue grows for ever and latency with it; with a queue bound and a job timeout, excess work is refused early and latency stays bounded. Backpressure is a feature.',
      minutes: 1.5,
    },
    {
      // The lab's pictures of a real app: the example server (cluster, two workers, a piscina pool in each), which
      // loads itself (--demo-load) so no second terminal is needed; PORT=0 so it never clashes with a port in use.
      // Run from the lab's folder (the repository), where examples/ is; browser mode needs --allow-attach.
      title: 'Your own app, attached',
      claim: 'The same pictures for any Node.js app: the lab starts it with its agent and sees every process and thread.',
      attach: { command: ['env', 'PORT=0', 'node', 'examples/attach/server.mjs', '--demo-load'] },
      // Made with npm run lab -- --attach --interval 750 --duration 31.5 --record ... -- (the same command): small.
      recording: 'attached-demo-app.nclab.jsonl',
      charts: ['throughput', 'timeline'],
      notes:
        'R starts examples/attach/server.mjs, an ordinary cluster server: a primary, two workers, each with a pool of two threads; the status line counts its processes. One more process is the load (--demo-load): it cycles every 10 s through fast requests to /, /fib?n=30 on the workers\' event loops, and /offload?n=30 on their pools. Point at the timeline: under /fib the workers\' main-thread lanes go solid busy and latency climbs; under /offload the pool lanes take the work and the loops are free again. Nothing in the app was changed: the agent only watches. Leaving the scene stops the app, every process of it. In browser mode this needs npm run web -- --allow-attach (the stage says so); V shows the rehearsal recording instead.',
      minutes: 1.5,
    },
    {
      title: 'Pick the tool by where the work waits',
      claim: 'CPU: a pool of worker threads. Waiting: the event loop. Isolation or other programs: processes. Cores for a server: cluster, with a pool inside.',
      notes: 'Wrap up. The lab and this talk are in the repository: npm start -- --present. Every verdict you saw was computed from the numbers on this machine. Questions.',
      minutes: 1,
    },
  ],
};
