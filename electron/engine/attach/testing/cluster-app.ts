/**
 * A fixture app for attached runs: a cluster primary with two workers serving HTTP on one port, each worker with
 * a worker thread built from a file (the preload reaches it), and an eval worker in the primary (only the
 * primary's agent sees it). Signals drive it: SIGUSR2 makes the first worker exit with code 0, SIGHUP makes the
 * primary exit with code 3 (its workers follow). Prints `listening <port>` once both workers listen.
 */
import cluster from 'node:cluster';
import * as http from 'node:http';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

if (cluster.isPrimary) {
  const workers = [cluster.fork(), cluster.fork()];
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    if (++listening === workers.length) console.log(`listening ${address.port}`);
  });
  // Kept referenced: the eval worker lives as long as the primary.
  new Worker('setInterval(() => {}, 1000)', { eval: true });
  process.on('SIGUSR2', () => workers[0].send('exit'));
  process.on('SIGHUP', () => process.exit(3));
  setInterval(() => {}, 1000);
} else {
  new Worker(join(__dirname, 'idle-thread.js'));
  http.createServer((_request, response) => response.end('ok')).listen(0);
  process.on('message', (message) => {
    if (message === 'exit') process.exit(0);
  });
}
