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
import { announceJobStart, startUnitReporting } from './unit-reporter';
import { jobResult } from './job-result';

const settings = JSON.parse(process.env[UNIT_SETTINGS_ENV] ?? '{"intervalMs":0}') as UnitSettings;
const send = (message: ChildReply) => {
  // With a callback, a send racing the host closing the channel fails quietly instead of throwing EPIPE:
  // the 'disconnect' handler below is what ends this process then.
  if (process.connected) process.send?.(message, undefined, {}, () => undefined);
};

startUnitReporting(send, settings);
exitWithParent();

process.on('message', async (message: EngineMessage) => {
  if (message.type !== 'job') return;
  const { job } = message;
  if (settings.intervalMs > 0) announceJobStart(send, job.id);
  const started = performance.now();
  try {
    const output = await runJob(job);
    const result = jobResult(job.id, output.checksum, started);
    if (output.pixels) result.pixels = output.pixels;
    send({ type: 'result', result });
  } catch (error) {
    send({ type: 'job-error', id: job.id, message: error instanceof Error ? error.message : String(error) });
  }
});

process.on('disconnect', () => process.exit(0));
