/**
 * What every thread and process entry does besides jobs: it says it is ready and reports its own loop sample
 * every interval, over whatever channel it has (parentPort, IPC).
 */
import { threadId } from 'node:worker_threads';
import type { UnitMessage, UnitSettings } from '../shared/unit-protocol';
import { LoopProbe } from './metrics/loop-probe';

/** Sends unit messages over the unit's channel. */
export type SendUnitMessage = (message: UnitMessage) => void;

/** Starts the probe and the periodic report; returns a function that takes one final sample and stops. */
export function startUnitReporting(send: SendUnitMessage, settings: UnitSettings): { finalSample(): void; stop(): void } {
  // Sampling off (the benchmark's baseline): no probe at all, so its cost can be measured.
  if (settings.intervalMs <= 0) {
    send({ type: 'ready', pid: process.pid, threadId });
    return { finalSample() {}, stop() {} };
  }
  const probe = new LoopProbe();
  // The first sample travels with 'ready': the first tick that lists the unit carries its measures.
  send({ type: 'ready', pid: process.pid, threadId, sample: probe.sample() });
  const report = () => send({ type: 'sample', pid: process.pid, threadId, sample: probe.sample() });
  const timer = setInterval(report, settings.intervalMs);
  timer.unref();
  return {
    finalSample: report,
    stop() {
      clearInterval(timer);
      probe.stop();
    },
  };
}

/** Announces that a job starts, so the engine can show this unit as busy while its loop is blocked. */
export function announceJobStart(send: SendUnitMessage, jobId: number): void {
  send({ type: 'job-start', pid: process.pid, threadId, jobId });
}
