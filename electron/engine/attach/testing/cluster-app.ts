/**
 * A fixture app for attached runs: a cluster primary with two workers serving HTTP on one port, each worker with
 * a worker thread built from a file (the preload reaches it), and an eval worker in the primary (only the
 * primary's agent sees it). Told by its environment what to do over time:
 * - FIXTURE_WORKER_EXIT_AFTER_MS: the first worker exits with code 0 then;
 * - FIXTURE_EXIT_AFTER_MS and FIXTURE_EXIT_CODE: the primary exits with that code then (its workers follow).
 * Prints `listening <port>` once both workers listen.
 */
import cluster from 'node:cluster';
import * as http from 'node:http';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const env = (name: string) => (process.env[name] === undefined ? null : Number(process.env[name]));

if (cluster.isPrimary) {
  const workers = [cluster.fork(), cluster.fork()];
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    if (++listening === workers.length) console.log(`listening ${address.port}`);
  });
  // Kept referenced: the eval worker lives as long as the primary.
  new Worker('setInterval(() => {}, 1000)', { eval: true });
  const workerExit = env('FIXTURE_WORKER_EXIT_AFTER_MS');
  if (workerExit !== null) setTimeout(() => workers[0].send('exit'), workerExit);
  const exitAfter = env('FIXTURE_EXIT_AFTER_MS');
  if (exitAfter !== null) setTimeout(() => process.exit(env('FIXTURE_EXIT_CODE') ?? 0), exitAfter);
  setInterval(() => {}, 1000);
} else {
  new Worker(join(__dirname, 'idle-thread.js'));
  http.createServer((_request, response) => response.end('ok')).listen(0);
  process.on('message', (message) => {
    if (message === 'exit') process.exit(0);
  });
}
