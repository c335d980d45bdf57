import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../run-config';
import { TEST_MACHINE } from '../experiments/scenario';
import { advisorCells, cellTimings, closedConcurrency, poolSizes } from './plan';
import { bestOffload, recommend, spread } from './recommend';
import type { AdvisorCell, CellMeasurement } from './types';

/** A cell with calm defaults: a steady throughput, a free host loop, no failures. */
function cell(at: AdvisorCell, over: Partial<CellMeasurement> = {}): CellMeasurement {
  const throughput = over.throughput ?? 100;
  return {
    ...at,
    throughput,
    halves: [throughput, throughput],
    hostElu: 0.1,
    hostCpu: at.strategy === 'main-thread' ? 1 : 0.2,
    openRate: throughput * 0.7,
    latencyP50: 12,
    latencyP99: 20,
    hostEldP99: 0.8,
    memoryPerUnit: at.strategy === 'main-thread' ? null : at.strategy.startsWith('worker') ? 9 * 1_048_576 : 38 * 1_048_576,
    startupMs: at.strategy === 'main-thread' ? null : 40,
    failed: 0,
    problem: null,
    ...over,
  };
}

const run = { tookS: 20, budgetS: 20, baselineRepeat: null };
const advise = (cells: CellMeasurement[], machine = TEST_MACHINE) => recommend(cells, machine, defaultConfig(), run);

/** A CPU-bound job of ~10 ms on 2 cores: main-thread saturates its loop, pools of 2 double the throughput. */
function cpuBound(): CellMeasurement[] {
  return advisorCells(2).map((at) => {
    if (at.strategy === 'main-thread') return cell(at, { throughput: 95, hostElu: 0.98, hostEldP99: 45, latencyP50: 14, latencyP99: 40 });
    const perUnit = at.strategy === 'worker-per-task' ? 60 : at.strategy === 'worker-pool' ? 92 : 88;
    return cell(at, { throughput: perUnit * at.poolSize, latencyP50: 11 + (at.strategy === 'child-process' ? 1 : 0), latencyP99: at.strategy === 'worker-pool' ? 18 : 25 });
  });
}

describe('advisor plan', () => {
  it('runs main-thread once and every other strategy at pool sizes 1, 2 and the core count', () => {
    assert.deepEqual(poolSizes(2), [1, 2]);
    assert.deepEqual(poolSizes(8), [1, 2, 8]);
    assert.equal(advisorCells(2).length, 9);
    assert.equal(advisorCells(8).length, 13);
    assert.ok(closedConcurrency(8) >= 16);
  });

  it('splits a tiny budget into windows that still hold several ticks, and a large one into longer windows', () => {
    const tiny = cellTimings(20, 9);
    assert.ok(tiny.closedS >= 0.5 && tiny.openS >= 0.5);
    const large = cellTimings(120, 9);
    assert.ok(large.closedS > tiny.closedS * 4);
    assert.ok(9 * (large.closedS + large.openS + 2 * large.settleS) < 120, 'the windows leave room for starting and stopping');
  });
});

describe('advisor recommendation', () => {
  it('recommends a pool for a CPU-bound job, with the throughput gain and the loop delay in numbers', () => {
    const advice = advise(cpuBound());
    assert.equal(advice.kind, 'offload');
    assert.deepEqual(advice.recommended, { strategy: 'worker-pool', poolSize: 2 });
    assert.match(advice.reasons[0], /worker-pool with 2 threads: 1\.9x main-thread throughput \(184 jobs\/s against 95 jobs\/s/);
    assert.match(advice.reasons.join(' '), /host ELD p99 0\.80 ms against 45 ms/);
    assert.match(advice.reasons.join(' '), /child-process processes add 38 MiB each/);
  });

  it('calls an I/O-bound job I/O-bound when the host loop idles and no pool gains', () => {
    const cells = advisorCells(2).map((at) => cell(at, { throughput: 195 + (at.poolSize === 2 ? 3 : 0), hostElu: 0.05, hostEldP99: 0.6, latencyP50: 21 }));
    const advice = advise(cells);
    assert.equal(advice.kind, 'io-bound');
    assert.equal(advice.recommended, null);
    assert.match(advice.headline, /offloading will not help/);
    assert.match(advice.reasons[0], /busy 5% of the time/);
  });

  it('keeps a job too small to pay for a hop on the main thread', () => {
    const cells = advisorCells(2).map((at) =>
      at.strategy === 'main-thread'
        ? cell(at, { throughput: 9000, hostElu: 0.99, hostEldP99: 1.5, latencyP50: 0.3 })
        : cell(at, { throughput: at.strategy === 'worker-per-task' ? 25 : 6000, latencyP50: 0.6 }),
    );
    const advice = advise(cells);
    assert.equal(advice.kind, 'main-thread');
    assert.deepEqual(advice.recommended, { strategy: 'main-thread', poolSize: 1 });
    assert.match(advice.headline, /too small to pay for a hop/);
    assert.match(advice.reasons.join(' '), /adds ~0\.49 ms per job/);
  });

  it('is inconclusive, with the spread in numbers, when the repeats disagree', () => {
    const cells = cpuBound().map((c) => (c.strategy === 'main-thread' ? { ...c, halves: [60, 130] as [number, number] } : c));
    const advice = advise(cells);
    assert.equal(advice.kind, 'inconclusive');
    assert.equal(advice.recommended, null);
    assert.match(advice.reasons[0], /spread was 74% \(main-thread: 60 jobs\/s then 130 jobs\/s\)/);
  });

  it('is inconclusive when main-thread measured again at the end moved too far (the machine drifted)', () => {
    const advice = recommend(cpuBound(), TEST_MACHINE, defaultConfig(), { ...run, baselineRepeat: 50 });
    assert.equal(advice.kind, 'inconclusive');
    assert.match(advice.reasons[0], /main-thread ran 95 jobs\/s first and 50 jobs\/s when measured again at the end/);
    assert.equal(recommend(cpuBound(), TEST_MACHINE, defaultConfig(), { ...run, baselineRepeat: 92 }).kind, 'offload');
  });

  it('is inconclusive when the busy main thread got too little CPU (other programs took it)', () => {
    const cells = cpuBound().map((c) => (c.strategy === 'main-thread' ? { ...c, hostCpu: 0.2 } : c));
    const advice = advise(cells);
    assert.equal(advice.kind, 'inconclusive');
    assert.match(advice.reasons[0], /busy 98% of the time but the process got only 0\.20 of a core/);
  });

  it('is inconclusive on one core, where parallel units cannot show', () => {
    const cells = cpuBound().map((c) => (c.strategy === 'main-thread' ? c : { ...c, throughput: 90 }));
    const advice = advise(cells, { ...TEST_MACHINE, cores: 1 });
    assert.equal(advice.kind, 'inconclusive');
    assert.match(advice.reasons[0], /1 core/);
  });

  it('is inconclusive when the baseline failed, and says which cell and why', () => {
    const cells = cpuBound().map((c) => (c.strategy === 'main-thread' ? { ...c, problem: 'no job completed in the closed loop' } : c));
    const advice = advise(cells);
    assert.equal(advice.kind, 'inconclusive');
    assert.match(advice.reasons[0], /main-thread, the baseline, could not be measured: no job completed/);
  });

  it('recommends a pool for the loop alone when throughput does not grow but the main thread blocks its loop', () => {
    const cells = cpuBound().map((c) => (c.strategy === 'main-thread' ? c : { ...c, throughput: 97 }));
    const advice = advise(cells);
    assert.equal(advice.kind, 'offload');
    assert.match(advice.headline, /host's loop stays free/);
  });

  it('takes near-ties by the memory they add, then latency p99, and ignores cells that failed', () => {
    const cells = cpuBound().map((c) => (c.strategy === 'worker-pool' && c.poolSize === 2 ? { ...c, problem: 'crashed' } : c));
    const best = bestOffload(cells);
    assert.equal(best?.strategy, 'child-process');
    assert.equal(spread(cell({ strategy: 'cluster', poolSize: 1 }, { halves: [0, 0] })), Infinity);
    // Two processes 3% faster with a lower p99 tie with two threads, which add a quarter of the memory: threads.
    const tie = [cell({ strategy: 'cluster', poolSize: 2 }, { throughput: 158, latencyP99: 30 }), cell({ strategy: 'worker-pool', poolSize: 2 }, { throughput: 153, latencyP99: 43 })];
    assert.equal(bestOffload(tie)?.strategy, 'worker-pool');
  });
});
