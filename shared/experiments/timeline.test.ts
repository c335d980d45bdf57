import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeRun } from './fake-run';
import { EXPERIMENTS } from './catalog';
import { experimentPlan, readsHealthChecks, scaleExperiment, segmentWindows, startConfig } from './timeline';
import type { Experiment } from './types';

/** Three segments: the second needs new units, the third does not; one crash in between. */
const THREE: Experiment = {
  id: 'three',
  title: 'three segments',
  claims: [1],
  explanation: 'x',
  watch: [],
  code: '',
  config: { workload: 'fib', size: 30 },
  segments: [
    { id: 'a', label: 'A', atS: 0, configure: { strategy: 'main-thread' } },
    { id: 'b', label: 'B', atS: 4, configure: { strategy: 'worker-pool' } },
    { id: 'c', label: 'C', atS: 8, configure: { rate: 10 } },
  ],
  actions: [{ atS: 6, crash: {} }],
  durationS: 12,
  verdict: { warmupS: 1, checks: [], thresholds: '' },
};

describe('experiment timeline', () => {
  it('starts with the config and the first segment\'s changes, and plans the rest in time order', () => {
    assert.deepEqual(startConfig(THREE), { workload: 'fib', size: 30, strategy: 'main-thread' });
    assert.deepEqual(experimentPlan(THREE), [
      { atS: 4, configure: { strategy: 'worker-pool' } },
      { atS: 6, crash: {} },
      { atS: 8, configure: { rate: 10 } },
    ]);
  });

  it('asks for frequent health checks only where the health chart is watched or the checks are judged', () => {
    assert.equal(readsHealthChecks(THREE), false);
    assert.equal(readsHealthChecks({ ...THREE, watch: [{ chart: 'health', line: 'p99', look: 'x' }] }), true);
    const judged = { kind: 'bound', quantity: { kind: 'gauge', measure: 'health-timeouts', aggregate: 'sum' }, segment: 'a', atLeast: 1 } as const;
    assert.equal(readsHealthChecks({ ...THREE, verdict: { ...THREE.verdict, checks: [judged] } }), true);
    assert.equal(readsHealthChecks({ ...THREE, verdict: { ...THREE.verdict, preconditions: [judged] } }), true);
    assert.deepEqual(
      EXPERIMENTS.filter(readsHealthChecks).map((e) => e.id),
      ['main-thread-blocks', 'libuv-pool-async-hash'],
    );
  });

  it('a segment without changes adds no plan step', () => {
    const quiet: Experiment = { ...THREE, segments: [THREE.segments[0], { id: 'b', label: 'B', atS: 4 }] };
    assert.deepEqual(experimentPlan(quiet), [{ atS: 6, crash: {} }]);
  });

  it('scaling multiplies every time and keeps the settings', () => {
    const quick = scaleExperiment(THREE, 0.5);
    assert.deepEqual(quick.segments.map((s) => s.atS), [0, 2, 4]);
    assert.deepEqual(quick.actions, [{ atS: 3, crash: {} }]);
    assert.equal(quick.durationS, 6);
    assert.equal(quick.verdict.warmupS, 0.5);
    assert.deepEqual(quick.config, THREE.config);
    assert.equal(THREE.durationS, 12, 'the original is untouched');
  });

  it('a segment is measured from its switch\'s completion plus the warm-up, not from its planned time', () => {
    const events = new FakeRun().switched(120, 'main-thread', null).switched(4_300, 'worker-pool').configChanged(8_010).events;
    const [a, b, c] = segmentWindows(THREE, events, 12_400);
    assert.deepEqual([a.readyAtMs, a.steadyStartMs, a.endMs], [120, 1_120, 4_000]);
    assert.deepEqual([b.readyAtMs, b.steadyStartMs, b.endMs], [4_300, 5_300, 8_000]);
    // The last segment runs to the run's real end, past the plan's 12 s: the stop's events belong to it.
    assert.deepEqual([c.readyAtMs, c.steadyStartMs, c.endMs], [8_010, 9_010, 12_400]);
    assert.ok([a, b, c].every((w) => w.problem === undefined));
  });

  it('a switch that completes after the next segment began still belongs to its own segment', () => {
    const events = new FakeRun().switched(100, 'main-thread', null).switched(8_500, 'worker-pool').configChanged(8_510).events;
    const [, b, c] = segmentWindows(THREE, events, 12_000);
    assert.equal(b.readyAtMs, 8_500);
    assert.match(b.problem ?? '', /completed only at 8\.5 s, after the segment ended/);
    assert.equal(b.ran, true, 'it ran: its events still count');
    assert.equal(c.readyAtMs, 8_510);
  });

  it('without a matching event a segment is measured from its planned time', () => {
    const [, b] = segmentWindows(THREE, [], 12_000);
    assert.equal(b.readyAtMs, null);
    assert.equal(b.steadyStartMs, 5_000);
  });

  it('a run stopped early ends the segment it stopped in, and the later ones never ran', () => {
    const [a, b, c] = segmentWindows(THREE, [], 6_000);
    assert.equal(a.endMs, 4_000);
    assert.equal(b.endMs, 6_000);
    assert.equal(b.problem, undefined);
    assert.match(c.problem ?? '', /never ran \(the run ended at 6\.0 s\)/);
    assert.equal(c.ran, false);
  });
});
