import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig, type RunConfig } from '../../../shared/run-config';
import { unitSettings } from './unit-options';

const config = (poolSize: number, intervalMs = 200): RunConfig => ({ ...defaultConfig(), poolSize, intervalMs });

describe('unit settings', () => {
  it('probe at 20 ms and report every interval while the units fit the cores', () => {
    assert.deepEqual(unitSettings(config(2), true, 2), { intervalMs: 200, probeResolutionMs: 20 });
  });

  it('stretch the probe with units per core, and the report beyond two units a core', () => {
    assert.deepEqual(unitSettings(config(4), true, 2), { intervalMs: 200, probeResolutionMs: 40 });
    assert.deepEqual(unitSettings(config(6), true, 2), { intervalMs: 400, probeResolutionMs: 400 });
  });

  it('beyond two units a core, the report is the probe (no timer of its own)', () => {
    assert.deepEqual(unitSettings(config(16), true, 2), { intervalMs: 800, probeResolutionMs: 800 });
    assert.deepEqual(unitSettings(config(64), true, 2), { intervalMs: 3_200, probeResolutionMs: 3_200 });
  });

  it('keep the probe within half the report period', () => {
    assert.deepEqual(unitSettings(config(3, 50), true, 2), { intervalMs: 50, probeResolutionMs: 25 });
    assert.deepEqual(unitSettings(config(2, 30), true, 1), { intervalMs: 30, probeResolutionMs: 20 });
  });

  it('turn reports off when sampling is off', () => {
    assert.equal(unitSettings(config(64), false, 2).intervalMs, 0);
  });
});
