/**
 * Entry of a worker thread in the `worker-pool` strategy (piscina). Piscina owns the task channel; our own
 * messages (ready, samples, job-start) go over `parentPort`, which piscina re-emits as the pool's 'message'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { JobResult, JobSpec, UnitMessage, UnitSettings } from '../shared/unit-protocol';
import { runJob } from './run-job';
import { startUnitReporting } from './unit-reporter';
import { jobResult } from './job-result';

const settings = workerData as UnitSettings;
const send = (message: UnitMessage) => parentPort?.postMessage(message);
const reporting = startUnitReporting(send, settings);

/**
 * piscina's main module, loaded at the first transfer only. Loading it costs every thread ~25 ms of CPU at boot
 * (it is the whole pool, not the worker side), which a 16-thread switch pays 16 times on 2 cores; only `move` is
 * needed, and only with payload `transfer`. (The settings need no piscina: its worker side hands the pool's
 * workerData over as the thread's own.)
 */
let loadPiscina: ReturnType<typeof importPiscina> | null = null;
const importPiscina = () => import('piscina');

/**
 * Piscina's transferable wrapper: the value to return and the buffers to move instead of copying. It must be
 * marked with `move()`: unmarked, piscina posts the wrapper itself and the host receives an empty object.
 */
async function transferring(value: JobResult, buffers: ArrayBuffer[]) {
  loadPiscina ??= importPiscina();
  const piscina = await loadPiscina;
  return piscina.move({ [piscina.transferableSymbol]: buffers, [piscina.valueSymbol]: value });
}

/** Runs one job; with payload `transfer` the pixels travel back by transfer, with `shared` they stay put. */
export default async function runPooledJob(job: JobSpec): Promise<unknown> {
  const started = performance.now();
  const output = await reporting.startJob(job, () => runJob(job));
  const result = jobResult(job.id, output.checksum, started);
  if (output.pixels && job.payloadMode !== 'shared') {
    result.pixels = output.pixels;
    if (job.payloadMode === 'transfer') return transferring(result, [output.pixels.buffer as ArrayBuffer]);
  }
  return result;
}
