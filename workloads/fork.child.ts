/**
 * Entry of a long-lived forked Node process in the `child-process` strategy (fork mode). Jobs arrive over IPC
 * (advanced serialization, so the pixel buffer is structured-cloned across the process boundary); results and
 * samples go back the same way. When the IPC channel closes (the host stopped us, or died, even by SIGKILL)
 * the process exits: a child of the lab is never left behind.
 */
import { performance } from 'node:perf_hooks';
import { UNIT_SETTINGS_ENV, type ChildReply, type EngineMessage, type UnitSettings } from '../shared/unit-protocol';
import { exitWithParent } from './orphan-guard';
import { runJob } from './run-job';
import { startUnitReporting } from './unit-reporter';
import { jobResult } from './job-result';

const settings = JSON.parse(process.env[UNIT_SETTINGS_ENV] ?? '{"intervalMs":0,"probeResolutionMs":4}') as UnitSettings;
const send = (message: ChildReply) => {
  // With a callback, a send racing the host closing the channel fails quietly instead of throwing EPIPE:
  // the 'disconnect' handler below is what ends this process then.
  if (process.connected) process.send?.(message, undefined, {}, () => undefined);
};

const reporting = startUnitReporting(send, settings);
exitWithParent();

process.on('message', async (message: EngineMessage) => {
  if (message.type !== 'job') return;
  const { job } = message;
  const started = performance.now();
  try {
    // The engine chose this process for the job and marked it busy when it sent it: no announcement needed.
    const output = await reporting.startJob(job, () => runJob(job), false);
    const result = jobResult(job.id, output.checksum, started);
    if (output.pixels) result.pixels = output.pixels;
    send({ type: 'result', result });
  } catch (error) {
    send({ type: 'job-error', id: job.id, message: error instanceof Error ? error.message : String(error) });
  }
});

process.on('disconnect', () => process.exit(0));
