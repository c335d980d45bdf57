import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STRATEGIES } from '../../shared/constants';
import { defaultConfig, type RunConfig } from '../../shared/run-config';
import { healthCheckEveryMs, unitSettings } from './unit-options';

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

describe('health check period', () => {
  const mainThread = (intervalMs = 200): RunConfig => ({ ...config(2, intervalMs), strategy: 'main-thread' });

  it('on the main thread once per tick (every 200 ms by default), whatever the pool size', () => {
    assert.equal(healthCheckEveryMs(mainThread()), 200);
    assert.equal(healthCheckEveryMs({ ...mainThread(), poolSize: 64 }), 200);
    assert.equal(healthCheckEveryMs(mainThread(600)), 600);
  });

  it('on the main thread never more often than every 200 ms nor less often than every second, whatever the interval', () => {
    assert.equal(healthCheckEveryMs(mainThread(50)), 200);
    assert.equal(healthCheckEveryMs(mainThread(5_000)), 1_000);
  });

  it('every 50 ms for a run that shows or judges the checks, whatever the strategy, pool size and interval', () => {
    for (const strategy of STRATEGIES) assert.equal(healthCheckEveryMs({ ...config(64, 5_000), strategy }, true), 50, strategy);
  });

  it('once a second with threads or processes, at every pool size and interval', () => {
    for (const strategy of STRATEGIES.filter((s) => s !== 'main-thread')) {
      for (const poolSize of [1, 2, 16, 64]) {
        for (const intervalMs of [50, 200, 5_000]) assert.equal(healthCheckEveryMs({ ...config(poolSize, intervalMs), strategy }), 1_000, `${strategy} pool ${poolSize} every ${intervalMs} ms`);
      }
    }
  });
});
