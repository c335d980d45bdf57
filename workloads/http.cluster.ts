/**
 * Entry of a `node:cluster` worker: an HTTP server on the port the primary chose (all workers share it; the
 * primary hands out connections). `GET /job?workload=fib&size=30&id=7` runs one job and answers with the result
 * (`&file=<absolute path>` names the module of a `custom` job, imported once and called from this handler).
 * For `cluster` the job runs on this process's own loop: a CPU-bound job blocks it, and every request on its
 * connections waits, its health check too. For `cluster-pool` (LAB_CLUSTER_THREADS > 0) it runs on a worker
 * pool inside this process, so the loop stays free to accept, answer `/health` and hand out the next job.
 */
import { createServer } from 'node:http';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import { CUSTOM_WORKLOAD, FAULTS, WORKLOADS, type FaultKind, type WorkloadName } from '../shared/constants';
import { CLUSTER_CONNECTION, CLUSTER_CONNECTION_TAKEN, CLUSTER_HANDLE, CLUSTER_LISTENING, CLUSTER_SCHEDULING_ENV, CLUSTER_THREADS_ENV, CLUSTER_TOKEN_ENV, CLUSTER_TOKEN_HEADER, UNIT_SETTINGS_ENV, type JobResult, type JobSpec, type UnitMessage, type UnitSettings } from '../shared/unit-protocol';
import { exitWithParent } from './orphan-guard';
import { runJob } from './run-job';
import { startUnitReporting } from './unit-reporter';
import { jobResult } from './job-result';

const settings = JSON.parse(process.env[UNIT_SETTINGS_ENV] ?? '{"intervalMs":0,"probeResolutionMs":4}') as UnitSettings;
const send = (message: UnitMessage) => {
  // With a callback, a send racing the host closing the channel fails quietly instead of throwing EPIPE:
  // the 'disconnect' handler below is what ends this process then.
  if (process.connected) process.send?.(message, undefined, {}, () => undefined);
};
const reporting = startUnitReporting(send, settings);

const threads = Number(process.env[CLUSTER_THREADS_ENV] ?? 0);
// The same pool entry as the `worker-pool` strategy; its threads' own probes stay off (this process reports).
const pool =
  threads > 0
    ? new Piscina({ filename: join(__dirname, 'pool.worker.js'), minThreads: threads, maxThreads: threads, idleTimeout: Infinity, atomics: 'disabled', workerData: { intervalMs: 0 } })
    : null;

/** Runs a job here, or on this process's pool: the answer names this process either way. */
async function run(job: JobSpec, started: number): Promise<JobResult> {
  if (pool) return { ...((await pool.run(job)) as JobResult), pid: process.pid };
  const output = await runJob(job);
  return jobResult(job.id, output.checksum, started);
}

/** Only the engine that started this worker knows it (see CLUSTER_TOKEN_ENV); without one no job runs. */
const token = process.env[CLUSTER_TOKEN_ENV] || null;

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://lab.invalid');
  if (url.pathname === '/health') {
    response.end('ok');
    return;
  }
  if (request.headers[CLUSTER_TOKEN_HEADER] !== token) {
    response.writeHead(403, { 'content-type': 'text/plain' }).end(`a job needs the engine's ${CLUSTER_TOKEN_HEADER}`);
    return;
  }
  const workload = url.searchParams.get('workload') as WorkloadName;
  const size = Number(url.searchParams.get('size'));
  const id = Number(url.searchParams.get('id'));
  const faultText = (url.searchParams.get('fault') ?? 'none') as FaultKind;
  const workloadFile = url.searchParams.get('file') ?? undefined;
  const known: readonly string[] = [...WORKLOADS, CUSTOM_WORKLOAD];
  if (url.pathname !== '/job' || !known.includes(workload) || !Number.isFinite(size) || !Number.isFinite(id) || !FAULTS.includes(faultText) || (workload === CUSTOM_WORKLOAD && !workloadFile)) {
    response.writeHead(400, { 'content-type': 'text/plain' }).end(`expected /job?workload=<${known.join('|')}>&size=<n>&id=<n>[&fault=<${FAULTS.join('|')}>][&file=<module, for ${CUSTOM_WORKLOAD}>]`);
    return;
  }
  const fault = faultText === 'none' ? undefined : faultText;
  const started = performance.now();
  try {
    const result = await reporting.startJob({ id, workload, size, fault }, () => run({ id, workload, size, workloadFile, payloadMode: 'clone', fault }, started));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : String(error));
  }
});

exitWithParent();
const sayListening = () => process.send?.({ type: CLUSTER_LISTENING }, undefined, {}, () => undefined);
if (process.env[CLUSTER_SCHEDULING_ENV] === 'none') {
  // OS scheduling: accept on the socket the primary bound and shares with every worker. Listening on a handle
  // goes straight to the kernel, so the primary hears nothing of it: say so.
  const onHandle = (message: unknown, handle: unknown) => {
    if ((message as { type?: unknown } | null)?.type !== CLUSTER_HANDLE || !handle) return;
    process.off('message', onHandle);
    server.listen(handle as Parameters<typeof server.listen>[0], sayListening);
  };
  process.on('message', onHandle);
} else {
  // Round-robin: the primary accepted the connection and deals it here; serve it as if this server had, and
  // say it was taken so the primary deals this worker the next one in its turn.
  process.on('message', (message: unknown, socket: unknown) => {
    if ((message as { type?: unknown } | null)?.type !== CLUSTER_CONNECTION || !(socket instanceof Socket)) return;
    server.emit('connection', socket);
    socket.resume();
    if (process.connected) process.send?.({ type: CLUSTER_CONNECTION_TAKEN }, undefined, {}, () => undefined);
  });
  sayListening();
}
// The primary went away without a clean disconnect (killed): end rather than linger as an orphan.
process.on('disconnect', () => {
  server.close();
  void pool?.destroy();
  setTimeout(() => process.exit(0), 1_000).unref();
});
