/**
 * Sampling switched off and on while a run goes on (LabEngine.setSampling, sampling-switch.ts): what `npm run
 * bench` relies on to measure the cost of sampling in one run. Real threads and processes: each unit's own
 * reports are watched through its supervisor record (`sampleAt`, when its last sample arrived).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Tick } from '../../shared/messages';
import type { RunConfig } from '../../shared/run-config';
import { LabEngine } from './lab-engine';
import { record, waitFor } from './testing/harness';
import { assertNothingLeft } from './testing/leak-check';

after(() => assertNothingLeft());

const INTERVAL_MS = 100;

type Inside = { runner: { strategies(): Array<{ supervisor?: { live(): Array<{ sampleAt: number; state: string }> } }> } };
const liveUnits = (engine: LabEngine) => (engine as unknown as Inside).runner.strategies().flatMap((s) => s.supervisor?.live() ?? []);

/** When each live unit's last sample arrived (performance.now() ms), read from the engine's supervisors. */
function lastSamples(engine: LabEngine): number[] {
  return liveUnits(engine).map((u) => u.sampleAt);
}

async function started(config: Partial<RunConfig>, sampling: boolean): Promise<{ engine: LabEngine; ticks: Tick[] }> {
  const engine = new LabEngine({ sampling });
  const { ticks } = record(engine);
  const result = await engine.start({ loadMode: 'closed', concurrency: 2, poolSize: 2, workload: 'fib', size: 20, intervalMs: INTERVAL_MS, ...config });
  assert.ok(result.ok, JSON.stringify(result));
  await waitFor(() => liveUnits(engine).length === 2 && liveUnits(engine).every((u) => u.state !== 'starting'), 20_000, 'two units ready');
  return { engine, ticks };
}

const strategies: Array<[string, Partial<RunConfig>]> = [
  ['worker-pool (threads hear it on the engine channel)', { strategy: 'worker-pool' }],
  ['child-process (processes hear it over IPC)', { strategy: 'child-process', childMode: 'fork' }],
];

describe('sampling switched off and on in a running run', () => {
  for (const [name, config] of strategies) {
    it(`${name}: off stops ticks and every unit's reports, on brings both back; jobs never stop`, async () => {
      const { engine, ticks } = await started(config, true);
      await waitFor(() => lastSamples(engine).every((at) => at > 0) && ticks.length >= 2, 10_000, 'reports and ticks');

      engine.setSampling(false);
      const ticksAtOff = ticks.length;
      // A report already on its way may still land: measure from a little later.
      await sleep(3 * INTERVAL_MS);
      const frozen = lastSamples(engine);
      const jobsBefore = (engine as unknown as { ledger: { completed: number } }).ledger.completed;
      await sleep(6 * INTERVAL_MS);
      assert.equal(ticks.length, ticksAtOff, 'no tick while sampling is off');
      assert.deepEqual(lastSamples(engine), frozen, 'no unit reported while sampling is off');
      // Jobs go on: wait for one with a deadline rather than assume a busy machine finished one in 600 ms.
      await waitFor(() => (engine as unknown as { ledger: { completed: number } }).ledger.completed > jobsBefore, 10_000, 'jobs to go on while sampling is off');

      const turnedOnAt = performance.now();
      engine.setSampling(true);
      await waitFor(() => lastSamples(engine).every((at) => at > turnedOnAt) && ticks.length >= ticksAtOff + 2, 10_000, 'reports and ticks again');
      const after = ticks.slice(ticksAtOff);
      assert.ok(after.at(-1)?.units.every((u) => u.eld !== null), 'units measured again');
      const stopped = await engine.stop();
      assert.ok(stopped.ok);
      assert.equal(engine.liveUnits(), 0);
    });
  }

  it('a run started with sampling off starts ticking, and its units reporting, when it is turned on', async () => {
    const { engine, ticks } = await started({ strategy: 'worker-pool' }, false);
    await sleep(4 * INTERVAL_MS);
    assert.equal(ticks.length, 0, 'no ticks while off');
    assert.ok(lastSamples(engine).every((at) => at === 0), 'no reports while off');
    engine.setSampling(true);
    await waitFor(() => ticks.length >= 2 && lastSamples(engine).every((at) => at > 0), 10_000, 'ticks and reports');
    assert.ok(ticks.at(-1)?.units.length === 2);
    await engine.stop();
  });

  for (const [name, config] of strategies) {
    it(`${name}: units that were booting when sampling went off are told once they are ready`, async () => {
      const engine = new LabEngine({ sampling: true });
      const result = await engine.start({ loadMode: 'closed', concurrency: 2, poolSize: 2, workload: 'fib', size: 20, intervalMs: INTERVAL_MS, ...config });
      assert.ok(result.ok);
      // The units' settings were fixed (sampling on) and they are still booting, not yet listening.
      await waitFor(() => liveUnits(engine).length > 0, 20_000, 'a unit created');
      engine.setSampling(false);
      await waitFor(() => liveUnits(engine).length === 2 && liveUnits(engine).every((u) => u.state !== 'starting'), 20_000, 'two units ready');
      await sleep(3 * INTERVAL_MS);
      const frozen = lastSamples(engine);
      await sleep(6 * INTERVAL_MS);
      assert.deepEqual(lastSamples(engine), frozen, 'no unit reports while sampling is off');
      await engine.stop();
    });
  }

  it('two engines in one process: turning one off leaves the other measuring', async () => {
    const a = await started({ strategy: 'worker-pool' }, true);
    const b = await started({ strategy: 'worker-pool' }, true);
    a.engine.setSampling(false);
    const offAt = performance.now();
    // b still reports: every unit of b reports again well after a went off (a deadline, not an assumed pace).
    await waitFor(() => lastSamples(b.engine).every((at) => at > offAt + 2 * INTERVAL_MS), 10_000, 'b still reports');
    // a does not: a report already on its way may still land, so measure from a little later, then nothing comes.
    await sleep(3 * INTERVAL_MS);
    const frozen = lastSamples(a.engine);
    await sleep(6 * INTERVAL_MS);
    assert.deepEqual(lastSamples(a.engine), frozen, 'a does not');
    await Promise.all([a.engine.stop(), b.engine.stop()]);
  });

  it('a run stopped while sampling is off ends with its summary and no extra tick', async () => {
    const { engine, ticks } = await started({ strategy: 'child-process', childMode: 'fork' }, true);
    const { summaries } = record(engine);
    await waitFor(() => (ticks.at(-1)?.jobs.completed ?? 0) > 0, 10_000, 'a tick with jobs done');
    engine.setSampling(false);
    const count = ticks.length;
    await engine.stop();
    assert.equal(ticks.length, count);
    assert.equal(summaries.length, 1);
    assert.ok(summaries[0].jobs.completed > 0);
  });
});
