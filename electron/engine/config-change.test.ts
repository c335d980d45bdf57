import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../shared/run-config';
import { changedSettings, needsNewUnits } from './config-change';
import { LabEngine } from './lab-engine';
import { record, waitFor } from './testing/harness';

describe('which settings a change changed', () => {
  it('names every setting that differs, in the config’s order, and none for the run’s first strategy', () => {
    const before = defaultConfig();
    assert.deepEqual(changedSettings(before, { ...before, rate: before.rate + 1, fault: 'exit' }), ['rate', 'fault']);
    assert.deepEqual(changedSettings(before, { ...before }), []);
    assert.deepEqual(changedSettings(null, before), []);
  });

  it('counts a setting present on one side only (the custom module’s info) as changed', () => {
    const before = defaultConfig();
    const after = { ...before, workloadModule: { name: 'mine', sizes: { unit: 'n', default: 1, min: 1, max: 2 }, hasCheck: false } };
    assert.deepEqual(changedSettings(before, after), ['workloadModule']);
    assert.deepEqual(changedSettings(after, before), ['workloadModule']);
  });

  it('a new connection mode for cluster needs new units: a strategy reads it once, when it makes its connections', () => {
    const before = defaultConfig();
    assert.ok(needsNewUnits(before, { ...before, clusterConnection: 'new-per-request' }));
    assert.ok(!needsNewUnits(before, { ...before, clusterConnection: 'keep-alive' }));
  });

  it('the engine sends what changed in config-changed and strategy-switched, so no viewer diffs configs', async () => {
    const engine = new LabEngine();
    const rec = record(engine);
    try {
      await engine.start({ strategy: 'main-thread', workload: 'fib', size: 10, rate: 5, intervalMs: 100 });
      await engine.configure({ rate: 7, faultEvery: 3 });
      const changed = rec.events.find((e) => e.event === 'config-changed');
      assert.deepEqual(changed?.event === 'config-changed' && changed.changed, ['rate', 'faultEvery']);
      assert.ok(needsNewUnits(defaultConfig(), { ...defaultConfig(), intervalMs: 500 }));
      await engine.configure({ intervalMs: 200 });
      await waitFor(() => rec.events.filter((e) => e.event === 'strategy-switched').length >= 2, 10_000, 'the switch event');
      const [first, second] = rec.events.filter((e) => e.event === 'strategy-switched');
      assert.deepEqual(first?.event === 'strategy-switched' && first.changed, []);
      assert.deepEqual(second?.event === 'strategy-switched' && second.changed, ['intervalMs']);
    } finally {
      await engine.dispose();
    }
  });
});
