// An HTTP server of the usual production shape, to attach the lab to: node:cluster with two worker processes,
// each serving node:http and owning a small pool of worker threads (piscina) for CPU work.
//
//   node examples/attach/server.mjs                                  (PORT=3000 by default; PORT=0: any free port)
//   npm run lab -- --attach -- node examples/attach/server.mjs
//   node examples/attach/server.mjs --demo-load                      (and loads itself: see demo-load.mjs)
//
// Routes: /            fast (a few bytes of JSON)
//         /fib?n=30    fib(n) on the event loop: blocks it, and every request behind it waits
//         /offload?n=30  the same fib(n) on the worker's thread pool: the loop stays free
//         /health      this worker's pid, pool and requests served so far
// SIGTERM or SIGINT (the lab's Stop, Ctrl-C) closes the servers, destroys the pools and exits 0.
// --demo-load (or DEMO_LOAD=1): once the workers listen, the primary forks one more process, demo-load.mjs, that
// sends the server requests in phases (fast, blocking, offloaded) until the app ends: a demo with no second
// terminal. Off by default.
//
// piscina rather than a hand-written pool: it is what apps use for this, and a pool of our own would be forty
// lines of queueing and error handling that readers would take for the point of the example. Outside this
// repository, `npm install piscina` first.
import { fork } from 'node:child_process';
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { Piscina } from 'piscina';
import { fib, MAX_N } from './fib.mjs';

const WORKERS = 2;
const THREADS_PER_WORKER = 2;
/** Loopback only: an example has no business listening on the network. */
const HOST = '127.0.0.1';
/** How long a shutdown waits for requests in flight (then drops their connections) and for workers (then kills them). */
const GRACE_MS = 5_000;

/** The port from PORT, or 3000; anything else stops the server before it starts, saying what is allowed. */
function portFromEnv(text) {
  if (text === undefined || text === '') return 3000;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`server.mjs: PORT must be an integer from 0 to 65535, not ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return port;
}

/** Whether the primary loads its own server (demo-load.mjs): the flag, or DEMO_LOAD=1 in the environment. */
const DEMO_LOAD = process.argv.includes('--demo-load') || process.env.DEMO_LOAD === '1';

/** Starts the workers, replaces one that dies, and ends them all on SIGTERM / SIGINT. */
function runPrimary() {
  const port = portFromEnv(process.env.PORT);
  const alive = new Set();
  const listened = new Set();
  /** The demo load's process, once forked (--demo-load). */
  let load = null;
  let stopping = false;
  /** 1 once a worker had to be killed at the end, or one never got to serve. */
  let exitCode = 0;

  const start = () => {
    const worker = cluster.fork({ PORT: String(port) });
    alive.add(worker.id);
  };
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Ctrl-C and the lab's Stop signal the whole process group, workers included; a SIGTERM to this process
    // alone (`kill <pid>`) must end them too, so pass it on (a worker already closing ignores the second one).
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    // The load first sees its requests fail, then this; it also ends when this process does (its IPC closes).
    if (load && load.exitCode === null && load.signalCode === null) load.kill('SIGTERM');
    if (alive.size === 0) process.exit(exitCode);
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    }, GRACE_MS).unref();
  };

  cluster.on('listening', (worker, address) => {
    listened.add(worker.id);
    if (listened.size === WORKERS) {
      console.log(`server.mjs: listening on http://${HOST}:${address.port} (pid ${process.pid}, ${WORKERS} workers, ${THREADS_PER_WORKER} pool threads each)`);
      // With PORT=0 only now is the port known: the load is told it here. Once: a replaced worker listens again.
      if (DEMO_LOAD && load === null && !stopping) {
        // Its output is ignored: the app's streams stay the app's; the IPC channel is how it knows the app ended.
        load = fork(new URL('./demo-load.mjs', import.meta.url), [`http://${HOST}:${address.port}`], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
        load.on('error', () => {});
      }
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    alive.delete(worker.id);
    if (stopping) {
      if (signal === 'SIGKILL') exitCode = 1;
      if (alive.size === 0) process.exit(exitCode);
      return;
    }
    const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
    if (!listened.has(worker.id)) {
      // It never served (the port is taken, a syntax error...): a new one would fail the same way, forever.
      console.error(`server.mjs: worker ${worker.process.pid} ${how} before it listened; stopping`);
      exitCode = 1;
      stop();
      return;
    }
    console.error(`server.mjs: worker ${worker.process.pid} ${how}; starting another`);
    start();
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let i = 0; i < WORKERS; i++) start();
}

/** `n` from the query: an integer from 0 to MAX_N, 30 when absent; otherwise the message that says so. */
function readN(url) {
  const text = url.searchParams.get('n');
  if (text === null) return { n: 30 };
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 0 || n > MAX_N) return { error: `n must be an integer from 0 to ${MAX_N}, not ${JSON.stringify(text)}` };
  return { n };
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** One worker: its HTTP server and its thread pool, until SIGTERM / SIGINT. */
function runWorker() {
  const port = portFromEnv(process.env.PORT);
  const pool = new Piscina({
    filename: new URL('./fib.mjs', import.meta.url).href,
    // Every thread from the start and for good: the lab shows them all, idle or not.
    minThreads: THREADS_PER_WORKER,
    maxThreads: THREADS_PER_WORKER,
    idleTimeout: Infinity,
    // piscina's default parks an idle thread in Atomics.wait, which stops its event loop between tasks: its
    // timers do not run, and anything measuring the loop from inside (the lab's agent, any APM) reads it as 100 %
    // busy while it waits, and gets no report from it at all. Off, an idle thread's loop is idle, as in the lab's own pool.
    atomics: 'disabled',
  });

  /** Requests this worker has answered (or begun to): /health says it, so a load can be seen from outside. */
  let served = 0;
  const server = createServer(async (req, res) => {
    served++;
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      switch (url.pathname) {
        case '/':
          return send(res, 200, { hello: 'world', pid: process.pid });
        case '/health':
          return send(res, 200, { status: 'ok', pid: process.pid, worker: cluster.worker?.id ?? null, threads: pool.threads.length, queued: pool.queueSize, served });
        case '/fib': {
          const { n, error } = readN(url);
          if (error) return send(res, 400, { error });
          return send(res, 200, { n, result: fib(n), ranOn: 'event loop' });
        }
        case '/offload': {
          const { n, error } = readN(url);
          if (error) return send(res, 400, { error });
          return send(res, 200, { n, result: await pool.run({ n }), ranOn: 'worker thread' });
        }
        default:
          return send(res, 404, { error: `no route ${url.pathname}: try /, /fib?n=30, /offload?n=30 or /health` });
      }
    } catch (error) {
      // A task of a pool being destroyed (during shutdown) lands here.
      return send(res, 500, { error: error instanceof Error ? error.message : String(error) });
    }
  });
  server.on('error', (error) => {
    console.error(`server.mjs: worker ${process.pid} cannot serve on ${HOST}:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, HOST);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    // close() ends idle kept-alive connections at once and waits for the ones answering; past the grace, drop them.
    const grace = setTimeout(() => server.closeAllConnections(), GRACE_MS);
    grace.unref();
    server.close(async () => {
      clearTimeout(grace);
      await pool.destroy();
      // The IPC channel to the primary would keep this process alive: leave explicitly, and cleanly.
      process.exit(0);
    });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

if (cluster.isPrimary) runPrimary();
else runWorker();
