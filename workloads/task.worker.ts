/**
 * Entry of a worker thread in the `worker-per-task` strategy: one thread, one job, then the thread ends.
 * The job (and, for `pixels`, its buffer: cloned, transferred or shared) arrives in workerData.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { JobResult, JobSpec, UnitMessage, UnitSettings } from '../shared/unit-protocol';
import { runJob } from './run-job';
import { startUnitReporting } from './unit-reporter';
import { jobResult } from './job-result';

const { job, settings } = workerData as { job: JobSpec; settings: UnitSettings };
const send = (message: UnitMessage | { type: 'result'; result: JobResult } | { type: 'job-error'; message: string }) =>
  parentPort?.postMessage(message);
const reporting = startUnitReporting(send, settings);

async function main(): Promise<void> {
  const started = performance.now();
  try {
    // The engine marked this thread busy when it created it: no announcement needed.
    const output = await reporting.startJob(job, () => runJob(job), false);
    const result = jobResult(job.id, output.checksum, started);
    const transfer: ArrayBuffer[] = [];
    if (output.pixels && job.payloadMode !== 'shared') {
      result.pixels = output.pixels;
      if (job.payloadMode === 'transfer') transfer.push(output.pixels.buffer as ArrayBuffer);
    }
    reporting.finalSample();
    parentPort?.postMessage({ type: 'result', result }, transfer);
  } catch (error) {
    send({ type: 'job-error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    // Nothing else keeps the thread alive: it ends with code 0 once the message is out.
    reporting.stop();
  }
}

void main();
