// The load of `server.mjs --demo-load`: a demo on a stage needs requests to show anything, and a second terminal
// running a load tool is one thing more to go wrong in front of a room. The server's primary forks this process
// once its workers listen and passes it the address; it keeps CONNECTIONS requests going, in phases that cycle
// for as long as the app runs:
//
//   fast     GET /            a few bytes: the workers' loops are free, requests/s is high
//   blocking GET /fib?n=30    fib on the workers' event loops: every request behind it waits
//   offload  GET /offload?n=30  the same fib on the workers' thread pools: the loops stay free
//
// It prints nothing (the app's output stays the app's), and ends with the app: on SIGTERM / SIGINT (the lab's
// Stop signals the whole process group), and when its IPC channel to the primary closes (the primary ended, even
// by SIGKILL), so it is never left behind.
import { Agent, request } from 'node:http';

/** Requests kept going at once, each on its own kept-alive connection. */
const CONNECTIONS = 16;
/** Each phase lasts this long, then the next one starts; after the last, the first again. */
const PHASE_MS = 10_000;
const PHASES = [
  { name: 'fast', path: '/' },
  { name: 'blocking', path: '/fib?n=30' },
  { name: 'offload', path: '/offload?n=30' },
];
/** After a failed request (the app restarting a worker, or shutting down), wait a little before the next. */
const RETRY_MS = 200;

/** The phase at `elapsedMs` since the load began. */
function phaseAt(elapsedMs) {
  return PHASES[Math.floor(elapsedMs / PHASE_MS) % PHASES.length];
}

/** One GET, its body read to the end (so the connection goes back to the agent); resolves false on any failure. */
function get(agent, origin, path) {
  return new Promise((resolve) => {
    const req = request(new URL(path, origin), { agent }, (res) => {
      res.on('error', () => resolve(false));
      res.on('end', () => resolve(res.statusCode === 200));
      res.resume();
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

async function connection(agent, origin, startedAt) {
  for (;;) {
    const ok = await get(agent, origin, phaseAt(Date.now() - startedAt).path);
    if (!ok) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

function main() {
  const origin = process.argv[2];
  if (!origin || !/^http:\/\/[^/]+\/?$/.test(origin)) {
    // Forked by server.mjs only; run by hand without an address it has nothing to load.
    console.error('demo-load.mjs: started by server.mjs --demo-load, with the server\'s address (http://127.0.0.1:PORT)');
    process.exit(2);
  }
  const end = () => process.exit(0);
  process.on('SIGTERM', end);
  process.on('SIGINT', end);
  // The primary is gone (its IPC channel closed): the load has no app left, and must not outlive it.
  process.on('disconnect', end);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const startedAt = Date.now();
  for (let i = 0; i < CONNECTIONS; i++) void connection(agent, origin, startedAt);
}

main();
