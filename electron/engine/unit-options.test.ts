import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../shared/run-config';
import { unitSettings } from './unit-options';

const config = (poolSize: number, intervalMs = 200) => ({ ...defaultConfig(), poolSize, intervalMs });

describe('unit settings', () => {
  it('probe at 20 ms and report every interval while the units fit the cores', () => {
    assert.deepEqual(unitSettings(config(2), true, 2), { intervalMs: 200, probeResolutionMs: 20 });
  });

  it('stretch the probe with units per core and the report beyond four units a core', () => {
    assert.deepEqual(unitSettings(config(16), true, 2), { intervalMs: 400, probeResolutionMs: 160 });
    assert.deepEqual(unitSettings(config(64), true, 2), { intervalMs: 1_600, probeResolutionMs: 640 });
  });

  it('keep the probe within half the report period', () => {
    assert.deepEqual(unitSettings(config(8, 50), true, 1), { intervalMs: 100, probeResolutionMs: 50 });
    assert.equal(unitSettings(config(64, 50), true, 1).probeResolutionMs, 400);
  });

  it('turn reports off when sampling is off', () => {
    assert.equal(unitSettings(config(64), false, 2).intervalMs, 0);
  });
});
