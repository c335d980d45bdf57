import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../shared/run-config';
import { healthCheckEveryMs, unitSettings } from './unit-options';

const config = (poolSize: number, intervalMs = 200) => ({ ...defaultConfig(), poolSize, intervalMs });

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

describe('health check period', () => {
  it('once per tick (every 200 ms by default) while the units fit the cores', () => {
    assert.equal(healthCheckEveryMs(config(2), 2), 200);
    assert.equal(healthCheckEveryMs(config(4), 2), 200);
  });

  it('as often as the units report beyond two units a core, and at least once a second', () => {
    assert.equal(healthCheckEveryMs(config(8), 2), 400);
    assert.equal(healthCheckEveryMs(config(16), 2), 800);
    assert.equal(healthCheckEveryMs(config(64), 2), 1_000);
  });

  it('never more often than every 200 ms nor less often than every second, whatever the interval', () => {
    assert.equal(healthCheckEveryMs(config(2, 50), 2), 200);
    assert.equal(healthCheckEveryMs(config(2, 5_000), 2), 1_000);
  });

  it('on the main thread the pool size does not count: there are no units', () => {
    assert.equal(healthCheckEveryMs({ ...config(64), strategy: 'main-thread' }, 2), 200);
  });
});
