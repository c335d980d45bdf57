import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeRun } from '../experiments/fake-run';
import { measureCell, throughputBetween } from './measure';

describe('advisor measurement', () => {
  it('reads saturation throughput from the completed counters, its halves, and the open loop from its ticks', () => {
    // 100 ms ticks: 10 jobs per tick in the closed loop (100 jobs/s), then 7 per tick in the open loop.
    const run = new FakeRun(100).stretch(0, 2000, { completed: 10, hostElu: 0.95 }).stretch(2000, 3000, { completed: 7, throughput: 70, latencyP50: 11, latencyP99: (i) => 12 + i, hostEldP99: 40 });
    const cell = measureCell({ strategy: 'main-thread', poolSize: 1 }, { ticks: run.ticks, events: run.events, closed: { fromMs: 200, toMs: 1800 }, open: { fromMs: 2000, toMs: 3000 }, openRate: 70, baselineHostRss: null });
    assert.equal(cell.problem, null);
    assert.equal(Math.round(cell.throughput), 100);
    assert.deepEqual(cell.halves.map(Math.round), [100, 100]);
    assert.equal(cell.hostElu, 0.95);
    assert.equal(typeof cell.hostCpu, 'number');
    assert.equal(cell.latencyP50, 11);
    assert.equal(cell.latencyP99, 21, 'the p99 of the ticks p99s: their maximum under 100 ticks');
    assert.equal(cell.hostEldP99, 40);
  });

  it('starts a window at the first tick after it when jobs on the host loop held the earlier ticks back', () => {
    const run = new FakeRun(100).stretch(300, 1500, { completed: 2 });
    assert.equal(Math.round(throughputBetween(run.ticks, 200, 1400) as number), 20);
  });

  it('names the problem when no job completed', () => {
    const run = new FakeRun(100).stretch(0, 2000, { completed: 0 });
    const cell = measureCell({ strategy: 'worker-pool', poolSize: 2 }, { ticks: run.ticks, events: [], closed: { fromMs: 200, toMs: 1000 }, open: { fromMs: 1200, toMs: 2000 }, openRate: 1, baselineHostRss: null });
    assert.equal(cell.problem, 'no job completed in the closed loop');
  });
});
