import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { BroadcastChannel, isMainThread, parentPort, Worker } from 'node:worker_threads';
import type { UnitActivity } from '../shared/activity/busy-slices';
import type { SamplingMessage, UnitMessage } from '../shared/unit-protocol';
import { startUnitReporting } from './unit-reporter';

const REPORT_MS = 20;
const fib = (size: number) => ({ id: size, workload: 'fib' as const, size });

/** Keeps this thread busy for `ms`: the job the activity must show. */
function spin(ms: number): number {
  const until = performance.now() + ms;
  let turns = 0;
  while (performance.now() < until) turns++;
  return turns;
}

const busyMs = (activity: UnitActivity) => activity.busyUs.reduce((sum, us) => sum + us, 0) / 1000;

/**
 * The scenario runs inside a worker thread, where a unit hears the engine on a BroadcastChannel (its main thread
 * would listen on IPC): the engine's side is a second channel of the same name in the same thread.
 */
async function scenario(): Promise<void> {
  const channelName = `nclab-test-sampling-${process.pid}`;
  const engine = new BroadcastChannel(channelName);
  const sent: UnitMessage[] = [];
  const reporting = startUnitReporting((message) => sent.push(message), { intervalMs: 0, probeResolutionMs: REPORT_MS, samplingChannel: channelName });
  const samples = () => sent.filter((message) => message.type === 'sample');
  let kind = 10;
  /** Posts the setting, then runs jobs of a new kind (the first of a kind is announced) until the unit heard it. */
  async function switchTo(intervalMs: number): Promise<void> {
    const message: SamplingMessage = { type: 'sampling', settings: { intervalMs, probeResolutionMs: REPORT_MS } };
    engine.postMessage(message);
    for (let tries = 0; tries < 400; tries++) {
      await sleep(5);
      const before = sent.length;
      reporting.startJob(fib(kind++), () => 0);
      const announced = sent.slice(before).some((sentNow) => sentNow.type === 'job-start');
      if (announced === intervalMs > 0) return;
    }
    assert.fail(`the unit never heard sampling ${intervalMs > 0 ? 'on' : 'off'}`);
  }

  try {
    // Off from the start: ready carries no sample, and a job runs unmeasured.
    assert.equal(sent[0]?.type, 'ready');
    assert.equal('sample' in sent[0], false);
    assert.equal(reporting.startJob(fib(1), () => 'ran'), 'ran');
    assert.equal(sent.length, 1);

    for (let round = 1; round <= 3; round++) {
      await switchTo(REPORT_MS);
      const from = samples().length;
      reporting.startJob(fib(kind++), () => spin(30));
      // The next report after the job holds its 30 ms of busy time, whatever came before the switch.
      while (samples().length === from) await sleep(REPORT_MS);
      const busy = samples()
        .slice(from)
        .reduce((sum, message) => sum + (message.type === 'sample' ? busyMs(message.activity) : 0), 0);
      assert.ok(busy >= 29, `round ${round}: the job's 30 ms read ${busy} ms busy`);

      // A job that awaits across the switch off ends quietly, measured by nobody.
      let settle = () => undefined as void;
      const pending = reporting.startJob(fib(kind++), () => new Promise<void>((resolve) => (settle = resolve)));
      await switchTo(0);
      settle();
      await pending;
      const reportsAtOff = samples().length;
      await sleep(4 * REPORT_MS);
      assert.equal(samples().length, reportsAtOff, `round ${round}: reports went on after the switch off`);
    }

    // A job begun before a switch off and on settles while a job of the new start awaits: the new one stays busy.
    await switchTo(REPORT_MS);
    let settleOld = () => undefined as void;
    const old = reporting.startJob(fib(kind++), () => new Promise<void>((resolve) => (settleOld = resolve)));
    await switchTo(0);
    await switchTo(REPORT_MS);
    let settleNew = () => undefined as void;
    const fresh = reporting.startJob(fib(kind++), () => new Promise<void>((resolve) => (settleNew = resolve)));
    const from = samples().length;
    settleOld();
    await old;
    await sleep(3 * REPORT_MS);
    settleNew();
    await fresh;
    const settledAt = samples().length;
    while (samples().length === settledAt) await sleep(REPORT_MS);
    const busy = samples()
      .slice(from)
      .reduce((sum, message) => sum + (message.type === 'sample' ? busyMs(message.activity) : 0), 0);
    assert.ok(busy >= 2.5 * REPORT_MS, `the awaiting job read ${busy} ms busy of its ${3 * REPORT_MS} ms`);
  } finally {
    reporting.stop();
    engine.close();
  }
}

if (isMainThread) {
  describe('unit reporting switched off and on while the unit runs (in a worker thread)', () => {
    it('measures from each switch on, stops at each switch off, and a job across a switch ends quietly', async () => {
      const worker = new Worker(__filename);
      const [outcome] = (await once(worker, 'message')) as [{ error?: string }];
      await worker.terminate();
      assert.equal(outcome.error, undefined);
    });
  });
} else {
  scenario().then(
    () => parentPort?.postMessage({}),
    (error: Error) => parentPort?.postMessage({ error: error.stack ?? String(error) }),
  );
}
