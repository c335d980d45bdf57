import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { floorGrowth, judgeMemory, leastSquaresSlope, mibPerMinute, relativeGrowth, segmentFloors, type Checkpoint, type HeapSample } from './soak-report';

const MIB = 1_048_576;
const checkpointsAt = (heapMib: number[], rssMib = 100): Checkpoint[] =>
  heapMib.map((heap, i) => ({ atMs: 30_000 + i * 15_000, heapUsed: heap * MIB, rss: rssMib * MIB }));

describe('slope and growth', () => {
  it('the least-squares slope of points on a line is that line’s slope, noise around it cancels', () => {
    assert.equal(leastSquaresSlope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }]), 2);
    assert.ok(Math.abs(leastSquaresSlope([{ x: 0, y: 1.5 }, { x: 1, y: 2.5 }, { x: 2, y: 5.5 }, { x: 3, y: 6.5 }]) - 1.8) < 1e-9);
  });

  it('a single point, or points at one x, have no slope', () => {
    assert.equal(leastSquaresSlope([{ x: 4, y: 9 }]), 0);
    assert.equal(leastSquaresSlope([{ x: 4, y: 9 }, { x: 4, y: 1 }]), 0);
  });

  it('memory growing 1 MiB every 30 s is 2 MiB per minute', () => {
    assert.equal(mibPerMinute([0, 1, 2, 3].map((i) => ({ atMs: i * 30_000, bytes: (10 + i) * MIB }))), 2);
  });

  it('growth is relative to the first value, and zero without a baseline', () => {
    assert.equal(relativeGrowth(10, 12), 0.2);
    assert.equal(relativeGrowth(10, 9), -0.1);
    assert.equal(relativeGrowth(0, 5), 0);
  });
});

describe('heap floor per segment', () => {
  const samples = (rows: Array<[number, string, number]>): HeapSample[] => rows.map(([atMs, strategy, heap]) => ({ atMs, strategy, heapUsed: heap * MIB }));

  it('each run of one strategy is a segment with its lowest heapUsed; a strategy coming back starts a new one', () => {
    const segments = segmentFloors(samples([[0, 'worker-pool', 14], [500, 'worker-pool', 12], [1000, 'cluster', 13], [1500, 'worker-pool', 16], [2000, 'worker-pool', 15]]));
    assert.deepEqual(
      segments.map((s) => [s.strategy, s.startMs, s.endMs, s.floor / MIB]),
      [['worker-pool', 0, 500, 12], ['cluster', 1000, 1000, 13], ['worker-pool', 1500, 2000, 15]],
    );
  });

  it('floors are compared per strategy from its first to its last segment after the warm-up', () => {
    const segments = segmentFloors(
      samples([[0, 'worker-pool', 10], [15_000, 'main-thread', 11], [30_000, 'worker-pool', 14], [45_000, 'main-thread', 11], [60_000, 'worker-pool', 20], [75_000, 'worker-pool', 20]]),
    );
    const growth = floorGrowth(segments, 30_000);
    // The worker-pool segment at 0 is in the warm-up; main-thread has one segment after it, so it is not compared.
    assert.deepEqual(growth.map((g) => ({ ...g, floors: g.floors.map((f) => f / MIB) })), [{ strategy: 'worker-pool', floors: [14, 20], growth: 6 / 14 }]);
  });
});

describe('memory verdict', () => {
  it('one checkpoint is too short to judge, whatever it shows, instead of "0.0% growth"', () => {
    const verdict = judgeMemory(checkpointsAt([12]), [], 30_000);
    assert.equal(verdict.tooShort, true);
    assert.equal(verdict.ok, true);
    assert.match(verdict.lines[0], /too short to judge memory: 1 checkpoint,/);
  });

  it('three checkpoints are still too short, and growth is then reported but not failed', () => {
    const verdict = judgeMemory(checkpointsAt([10, 15, 20]), [], 30_000);
    assert.equal(verdict.tooShort, true);
    assert.equal(verdict.ok, true);
    assert.ok(verdict.lines.some((l) => l.includes('+100.0%') && !l.includes('FAIL')));
  });

  it('four flat checkpoints pass and report their slope and change', () => {
    const verdict = judgeMemory(checkpointsAt([12, 12.2, 11.9, 12.1]), [], 30_000);
    assert.equal(verdict.tooShort, false);
    assert.equal(verdict.ok, true);
    assert.match(verdict.lines.join('\n'), /heap after GC 12\.0 MiB -> 12\.1 MiB \(\+0\.8%, limit \+10%\), slope \+0\.\d\d MiB\/min over 4 checkpoints/);
  });

  it('a heap after GC that grows past 10% from first to last checkpoint fails', () => {
    const verdict = judgeMemory(checkpointsAt([12, 12.8, 13.5, 14]), [], 30_000);
    assert.equal(verdict.ok, false);
    assert.ok(verdict.lines.some((l) => l.startsWith('heap after GC') && l.endsWith('FAIL')));
  });

  it('RSS growth alone does not fail: it follows the units of the moment', () => {
    const checkpoints = checkpointsAt([12, 12, 12, 12]).map((c, i) => ({ ...c, rss: (80 + 20 * i) * MIB }));
    assert.equal(judgeMemory(checkpoints, [], 30_000).ok, true);
  });

  it('the floors of the reported long run (worker-pool 14.7 -> 20.2 -> 26.0 MiB) fail, and are listed in order', () => {
    const segments = [14.7, 20.2, 26.0].map((floor, i) => ({ strategy: 'worker-pool', startMs: 30_000 + i * 75_000, endMs: 45_000 + i * 75_000, floor: floor * MIB }));
    const verdict = judgeMemory(checkpointsAt([12, 12, 12, 12]), segments, 30_000);
    assert.equal(verdict.ok, false);
    const text = verdict.lines.join('\n');
    assert.match(text, /heap floor per segment: worker-pool 14\.7, worker-pool 20\.2, worker-pool 26\.0/);
    assert.match(text, /floor of worker-pool: 14\.7 -> 20\.2 -> 26\.0 MiB \(\+76\.9%\)  FAIL/);
  });

  it('a growing floor on a run too short to judge is reported, not failed', () => {
    const segments = [14, 20].map((floor, i) => ({ strategy: 'cluster', startMs: 30_000 + i * 15_000, endMs: 40_000 + i * 15_000, floor: floor * MIB }));
    const verdict = judgeMemory(checkpointsAt([12, 12]), segments, 30_000);
    assert.equal(verdict.ok, true);
    assert.ok(verdict.lines.some((l) => l.startsWith('floor of cluster') && !l.includes('FAIL')));
  });
});
