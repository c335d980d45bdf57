/**
 * The host's health check (health-probe.ts, workloads/health-check.worker.ts): a real HTTP endpoint on the
 * host's loop and a real checker thread. How often it asks is set by the host (health-probe.ts,
 * healthCheckEveryMs), paused while sampling is off, and followed by the engine at every tick. Counts of checks
 * are only bounded from above where a busy machine could lower them, never asserted to the millisecond.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Tick } from '../../../shared/messages';
import { STRATEGIES } from '../../../shared/constants';
import { defaultConfig, type RunConfig } from '../../../shared/run-config';
import { HealthProbe, healthCheckEveryMs } from './health-probe';
import { LabEngine } from '../lab-engine';
import { record, waitFor } from '../testing/harness';
import { assertNothingLeft } from '../testing/leak-check';

after(() => assertNothingLeft());

const config = (poolSize: number, intervalMs = 200): RunConfig => ({ ...defaultConfig(), poolSize, intervalMs });

/** Checks made (answered or timed out) during the next `ms`. */
async function checksWithin(probe: HealthProbe, ms: number): Promise<number> {
  probe.takeInterval();
  await sleep(ms);
  const interval = probe.takeInterval();
  return interval.answered + interval.timeouts;
}

describe('health check', () => {
  it('asks every 200 ms by default, as often as it is told, and not at all while paused', async () => {
    const probe = new HealthProbe();
    try {
      let first = 0;
      await waitFor(() => (first += probe.takeInterval().answered) > 0, 10_000, 'a first answered check');
      const atDefault = await checksWithin(probe, 2_000);
      assert.ok(atDefault >= 4, `every 200 ms, 2 s should see about 10 checks; saw ${atDefault}`);

      probe.setEveryMs(1_000);
      assert.equal(probe.everyMs, 1_000);
      const atOneSecond = await checksWithin(probe, 2_000);
      assert.ok(atOneSecond <= 3, `every 1 s, 2 s holds at most 3 checks; saw ${atOneSecond}`);

      probe.setChecking(false);
      // A check already on its way may still be answered: count from a little later.
      await sleep(300);
      probe.setEveryMs(200);
      assert.equal(await checksWithin(probe, 1_000), 0, 'no check while paused, even when told a new period');

      probe.setChecking(true);
      let resumed = 0;
      await waitFor(() => (resumed += probe.takeInterval().answered) > 0, 10_000, 'checks again once resumed');
    } finally {
      await probe.stop();
    }
  });

  it("the engine paces the checks by the run's interval on the main thread, at a second with threads, every 50 ms for a run that asks", async () => {
    const engine = new LabEngine();
    const { ticks } = record(engine);
    const checksIn = (from: number) => ticks.slice(from).reduce((sum, tick: Tick) => sum + (tick.health ? tick.health.answered + tick.health.timeouts : 0), 0);
    // One tick a second: one check a tick (at least every second), where the default would ask five times.
    const result = await engine.start({ strategy: 'main-thread', workload: 'io-wait', size: 5, loadMode: 'open', rate: 2, intervalMs: 1_000 });
    assert.ok(result.ok, JSON.stringify(result));
    try {
      await waitFor(() => ticks.length >= 4, 15_000, 'four ticks of 1 s');
      const slow = checksIn(1);
      assert.ok(slow <= ticks.length, `at most one check per 1 s tick; ${slow} in ${ticks.length - 1} ticks`);
      assert.equal(ticks.at(-1)?.health?.everyMs, 1_000, 'the tick says how often the host is checked');

      const configured = await engine.configure({ intervalMs: 200 });
      assert.ok(configured.ok, JSON.stringify(configured));
      const from = ticks.length;
      await sleep(2_000);
      const fast = checksIn(from);
      assert.ok(fast >= 4, `every 200 ms once the ticks are, 2 s should see about 10 checks; saw ${fast}`);
      assert.equal(ticks.at(-1)?.health?.everyMs, 200);

      // With threads the host only hands jobs out: a check a second, whatever the interval.
      const switched = await engine.configure({ strategy: 'worker-pool', poolSize: 2 });
      assert.ok(switched.ok, JSON.stringify(switched));
      await waitFor(() => ticks.at(-1)?.strategy === 'worker-pool' && ticks.at(-1)?.health?.everyMs === 1_000, 15_000, 'worker-pool ticks saying a check a second');
      const onPool = ticks.length;
      await sleep(3_000);
      const pooled = checksIn(onPool);
      assert.ok(pooled >= 1 && pooled <= 4, `a check a second: 3 s should see about 3 checks; saw ${pooled}`);

      // A run that shows or judges the checks (an experiment) asks every 50 ms whatever the strategy...
      engine.checkHealthOften();
      await waitFor(() => ticks.at(-1)?.health?.everyMs === 50, 15_000, 'worker-pool ticks saying a check every 50 ms');
      const often = ticks.length;
      await sleep(2_000);
      const oftenChecks = checksIn(often);
      assert.ok(oftenChecks > 12, `every 50 ms, 2 s should see about 40 checks; saw ${oftenChecks}`);
      // ...for that run only: the next one starts at a check a second again.
      await engine.stop();
      const restarted = await engine.start();
      assert.ok(restarted.ok, JSON.stringify(restarted));
      const from2 = ticks.length;
      await waitFor(() => ticks.length > from2 + 1, 15_000, 'ticks of the next run');
      assert.equal(ticks.at(-1)?.health?.everyMs, 1_000);
    } finally {
      await engine.stop();
    }
  });

  it('a run asked for frequent checks while sampling was off checks every 50 ms once sampling is on', async () => {
    const engine = new LabEngine({ sampling: false });
    const { ticks } = record(engine);
    const result = await engine.start({ strategy: 'worker-pool', poolSize: 1, workload: 'io-wait', size: 5, loadMode: 'open', rate: 2 });
    assert.ok(result.ok, JSON.stringify(result));
    try {
      engine.checkHealthOften();
      engine.setSampling(true);
      await waitFor(() => ticks.length >= 2, 15_000, 'ticks once sampling is on');
      assert.equal(ticks.at(-1)?.health?.everyMs, 50);
    } finally {
      await engine.stop();
    }
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
