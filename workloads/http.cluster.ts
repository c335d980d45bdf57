/**
 * Entry of a `node:cluster` worker: an HTTP server on the port the primary chose (all workers share it; the
 * primary hands out connections). `GET /job?workload=fib&size=30&id=7` runs one job in this process and answers
 * with the result; a CPU-bound job blocks this worker's loop, and every request on its connections waits.
 */
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { FAULTS, WORKLOADS, type FaultKind, type WorkloadName } from '../shared/constants';
import { CLUSTER_PORT_ENV, UNIT_SETTINGS_ENV, type JobResult, type UnitMessage, type UnitSettings } from '../shared/unit-protocol';
import { exitWithParent } from './orphan-guard';
import { runJob } from './run-job';
import { startUnitReporting } from './unit-reporter';

const settings = JSON.parse(process.env[UNIT_SETTINGS_ENV] ?? '{"intervalMs":0,"probeResolutionMs":4}') as UnitSettings;
const send = (message: UnitMessage) => {
  // With a callback, a send racing the host closing the channel fails quietly instead of throwing EPIPE:
  // the 'disconnect' handler below is what ends this process then.
  if (process.connected) process.send?.(message, undefined, {}, () => undefined);
};
const reporting = startUnitReporting(send, settings);

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://lab.invalid');
  if (url.pathname === '/health') {
    response.end('ok');
    return;
  }
  const workload = url.searchParams.get('workload') as WorkloadName;
  const size = Number(url.searchParams.get('size'));
  const id = Number(url.searchParams.get('id'));
  const faultText = (url.searchParams.get('fault') ?? 'none') as FaultKind;
  if (url.pathname !== '/job' || !WORKLOADS.includes(workload) || !Number.isFinite(size) || !Number.isFinite(id) || !FAULTS.includes(faultText)) {
    response.writeHead(400, { 'content-type': 'text/plain' }).end(`expected /job?workload=<${WORKLOADS.join('|')}>&size=<n>&id=<n>[&fault=<${FAULTS.join('|')}>]`);
    return;
  }
  const fault = faultText === 'none' ? undefined : faultText;
  const started = performance.now();
  try {
    const output = await reporting.startJob({ id, workload }, () => runJob({ workload, size, fault }));
    const result: JobResult = { id, checksum: output.checksum, runMs: performance.now() - started, pid: process.pid, threadId };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : String(error));
  }
});

exitWithParent();
server.listen(Number(process.env[CLUSTER_PORT_ENV]), '127.0.0.1');
// The primary went away without a clean disconnect (killed): end rather than linger as an orphan.
process.on('disconnect', () => {
  server.close();
  setTimeout(() => process.exit(0), 1_000).unref();
});
