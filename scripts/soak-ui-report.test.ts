import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baselineFor, formatMinuteTable, judgeSoakUi, type MinuteSample } from './soak-ui-report';

const MIB = 1_048_576;
const CYCLE = ['main-thread', 'worker-per-task', 'worker-pool', 'child-process', 'cluster', 'cluster-pool'];

/** A run of `minutes` minutes switching through CYCLE, every figure flat unless `at` changes it. */
function run(minutes: number, at: (minute: number) => Partial<MinuteSample> = () => ({})): MinuteSample[] {
  return Array.from({ length: minutes }, (_, i) => ({
    minute: i + 1,
    strategy: CYCLE[i % CYCLE.length] as string,
    rows: 64,
    ticks: 300,
    heapBytes: 30 * MIB,
    domNodes: 3_000,
    listeners: 2_800,
    frameP50: 16.7,
    frameP95: 16.8,
    longFrames: 2,
    cpuMsPerS: 300,
    loadAvg: 2,
    ...at(i + 1),
  }));
}

describe('soak:ui verdict', () => {
  it('a flat page passes, compared under the end strategy from minute 5 on', () => {
    const verdict = judgeSoakUi(run(30), CYCLE.length);
    assert.equal(verdict.verdict, 'pass');
    // Minute 30 ran cluster-pool; the first cluster-pool minute from the 5th on is minute 6.
    assert.equal(verdict.baselineMinute, 6);
    assert.equal(verdict.endMinute, 30);
    assert.deepEqual(
      verdict.checks.map((c) => c.verdict),
      ['pass', 'pass', 'pass'],
    );
  });

  it('a heap that grows by more than 10 % fails', () => {
    const verdict = judgeSoakUi(run(30, (m) => ({ heapBytes: (30 + m * 0.2) * MIB })), CYCLE.length);
    assert.equal(verdict.verdict, 'fail');
    assert.equal(verdict.checks.find((c) => c.name === 'heap')?.verdict, 'fail');
    assert.match(verdict.lines.join('\n'), /heap: 31\.2 MiB -> 36\.0 MiB \(\+15\.4 %.*FAIL/);
  });

  it('DOM nodes that grow by more than 10 % fail, even with a flat heap', () => {
    const verdict = judgeSoakUi(run(12, (m) => ({ domNodes: m === 12 ? 3_400 : 3_000 })), CYCLE.length);
    assert.equal(verdict.verdict, 'fail');
    assert.equal(verdict.checks.find((c) => c.name === 'dom nodes')?.verdict, 'fail');
    assert.equal(verdict.checks.find((c) => c.name === 'heap')?.verdict, 'pass');
  });

  it('growth of exactly 10 % passes, and a page that shrinks is not leaking', () => {
    assert.equal(judgeSoakUi(run(12, (m) => ({ heapBytes: m === 12 ? 33 * MIB : 30 * MIB })), CYCLE.length).verdict, 'pass');
    assert.equal(judgeSoakUi(run(12, (m) => ({ heapBytes: m === 12 ? 20 * MIB : 30 * MIB })), CYCLE.length).verdict, 'pass');
  });

  it('frame p95 may rise by one 60 Hz frame or by 25 %, whichever is more; beyond both it fails', () => {
    const endAt = (baseline: number, end: number) => judgeSoakUi(run(12, (m) => ({ frameP95: m === 12 ? end : baseline })), CYCLE.length).verdict;
    // +13.3 ms is +80 %, but less than one frame: noise on a shared machine.
    assert.equal(endAt(16.7, 30), 'pass');
    // +20 ms is more than a frame, but +20 % of a slow baseline.
    assert.equal(endAt(100, 120), 'pass');
    // A frame and a half more, and doubled: the page got slower.
    assert.equal(endAt(16.7, 41.7), 'fail');
    assert.equal(endAt(100, 130), 'fail');
    // Whole frames, give or take their jitter: 3 frames to 4 is one more, whatever the decimals; to 5 is two.
    assert.equal(endAt(49.9, 66.8), 'pass');
    assert.equal(endAt(49.9, 83.3), 'fail');
  });

  it('a run too short to have a baseline under the end strategy is inconclusive, never a pass', () => {
    for (const minutes of [1, 3, 5, 7, 10]) {
      const verdict = judgeSoakUi(run(minutes, (m) => ({ heapBytes: m * 100 * MIB })), CYCLE.length);
      assert.equal(verdict.verdict, 'inconclusive', `${minutes} min`);
      assert.match(verdict.lines[0] as string, /too short/);
    }
    assert.equal(judgeSoakUi([], CYCLE.length).verdict, 'inconclusive');
    assert.equal(judgeSoakUi(run(11), CYCLE.length).verdict, 'pass');
  });

  it('the baseline is read under the end strategy: a pool page is not compared with an empty main-thread page', () => {
    // main-thread shows no unit rows: far fewer nodes and less heap. Minute 5 is cluster, minute 7 main-thread.
    const samples = run(13, (m) => (m % CYCLE.length === 1 ? { domNodes: 1_000, heapBytes: 12 * MIB } : {}));
    assert.equal(samples.at(-1)?.strategy, 'main-thread');
    assert.equal(baselineFor(samples, samples.at(-1)!)?.minute, 7);
    assert.equal(judgeSoakUi(samples, CYCLE.length).verdict, 'pass');
  });

  it('the baseline shows the same page: a minute whose pool was still coming up is passed over', () => {
    // cluster-pool at minutes 6, 12, 18: only 43 of 64 rows up at minute 6 (a loaded machine), all at the others.
    const samples = run(18, (m) => (m === 6 ? { rows: 43, domNodes: 2_200 } : {}));
    assert.equal(baselineFor(samples, samples.at(-1)!)?.minute, 12);
    assert.equal(judgeSoakUi(samples, CYCLE.length).verdict, 'pass');
    // 58 of 64 is the same page (within 10 %).
    assert.equal(baselineFor(run(18, (m) => (m === 6 ? { rows: 58 } : {})), samples.at(-1)!)?.minute, 6);
  });

  it('with no baseline of as many rows, DOM nodes are not judged but the heap still is', () => {
    const fewer = run(12, (m) => (m === 6 ? { rows: 43, domNodes: 2_200 } : {}));
    const verdict = judgeSoakUi(fewer, CYCLE.length);
    assert.equal(verdict.baselineMinute, 6);
    assert.equal(verdict.verdict, 'inconclusive');
    assert.equal(verdict.checks.find((c) => c.name === 'dom nodes')?.verdict, 'inconclusive');
    assert.match(verdict.lines.join('\n'), /43 unit rows, then 64/);
    // A heap that grew fails whatever the rows.
    const leaking = run(12, (m) => (m === 6 ? { rows: 43, heapBytes: 30 * MIB } : m === 12 ? { heapBytes: 40 * MIB } : {}));
    assert.equal(judgeSoakUi(leaking, CYCLE.length).verdict, 'fail');
  });

  it('a figure not measured is not judged, and the run is inconclusive rather than passed', () => {
    const verdict = judgeSoakUi(run(12, (m) => (m === 12 ? { heapBytes: null } : {})), CYCLE.length);
    assert.equal(verdict.verdict, 'inconclusive');
    assert.equal(verdict.checks.find((c) => c.name === 'heap')?.verdict, 'inconclusive');
    // A failing figure still fails the run, whatever else was not measured.
    assert.equal(judgeSoakUi(run(12, (m) => (m === 12 ? { heapBytes: null, domNodes: 9_000 } : {})), CYCLE.length).verdict, 'fail');
  });

  it('the table has a line per minute, the heap in MiB and a dash for what was not measured', () => {
    const lines = formatMinuteTable(run(2, (m) => (m === 2 ? { heapBytes: null, longFrames: null } : {}))).split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0] as string, /heap MiB.*DOM nodes.*frame p95 ms/);
    assert.match(lines[2] as string, /main-thread .* 30\.0 .* 3000/);
    assert.match(lines[3] as string, /worker-per-task .* – .* n\/a/);
  });
});
