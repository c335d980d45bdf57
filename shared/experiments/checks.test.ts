import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatNumber } from './checks';
import { quantile } from '../percentiles';
import { aggregate } from './quantities';
import { scenario, TEST_MACHINE } from './scenario';
import type { Check, Experiment } from './types';
import { evaluateVerdict } from './verdict';

/** Two 5 s segments and one check. */
function twoSegments(check: Check, minTicks?: number): Experiment {
  return {
    id: 'two',
    title: 'two',
    claims: [1],
    explanation: '',
    watch: [],
    code: '',
    config: {},
    segments: [
      { id: 'a', label: 'A', atS: 0 },
      { id: 'b', label: 'B', atS: 5, configure: { strategy: 'main-thread' } },
    ],
    durationS: 10,
    verdict: { warmupS: 1, checks: [check], thresholds: 'because', ...(minTicks ? { minTicks } : {}) },
  };
}

const ratio = (atLeast?: number, atMost?: number): Check => ({
  kind: 'ratio',
  quantity: { kind: 'gauge', measure: 'throughput', aggregate: 'median' },
  segment: 'b',
  other: 'a',
  ...(atLeast !== undefined ? { atLeast } : {}),
  ...(atMost !== undefined ? { atMost } : {}),
});

const holdsOf = (e: Experiment, a: number | ((i: number) => number), b: number | ((i: number) => number)) =>
  evaluateVerdict(e, scenario(e, { a: { throughput: a }, b: { throughput: b } }).record(), TEST_MACHINE);

describe('aggregates', () => {
  it('median, quantiles, rise and the rest read a series in time order', () => {
    const series = [4, 1, 3, 2, 10];
    assert.equal(aggregate(series, 'median'), 3);
    assert.equal(aggregate(series, 'mean'), 4);
    assert.equal(aggregate(series, 'max'), 10);
    assert.equal(aggregate(series, 'min'), 1);
    assert.equal(aggregate(series, 'last'), 10);
    assert.equal(aggregate(series, 'sum'), 20);
    assert.equal(aggregate(series, 'rise'), 6);
    assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
    assert.equal(aggregate([], 'median'), null);
  });
});

describe('checks', () => {
  it('a ratio with both bounds holds inside them and fails outside either', () => {
    const e = twoSegments(ratio(0.8, 1.25));
    assert.equal(holdsOf(e, 100, 110).holds, true);
    assert.equal(holdsOf(e, 100, 140).holds, false);
    assert.equal(holdsOf(e, 100, 60).holds, false);
  });

  it('a clear failure stays a failure even when the ticks are noisy', () => {
    // Far outside the bound: a margin of 100 against a spread of ~10.
    const v = holdsOf(twoSegments(ratio(2)), (i) => (i % 2 ? 95 : 105), 100);
    assert.equal(v.holds, false, v.why);
  });

  it('a pass by less than the ticks\' own spread is inconclusive, not a pass', () => {
    const v = holdsOf(twoSegments(ratio(2)), 100, (i) => [150, 210, 270][i % 3]);
    assert.equal(v.holds, null, v.why);
    assert.match(v.why, /too noisy/);
  });

  it('a zero denominator reads as an infinite ratio, so "far more than nothing" holds', () => {
    assert.equal(holdsOf(twoSegments(ratio(3)), 0, 50).holds, true);
    assert.equal(holdsOf(twoSegments(ratio(undefined, 1.2)), 0, 50).holds, false);
  });

  it('a segment with fewer ticks than the rule needs is inconclusive, naming the segment and the count', () => {
    // 5 s segments measured after 1 s of warm-up leave ~19 ticks of 200 ms.
    const v = holdsOf(twoSegments(ratio(2), 30), 100, 300);
    assert.equal(v.holds, null);
    assert.match(v.why, /segment "B" has 1\d ticks .* \(needs 30\)/);
  });

  it('a failed check outweighs an undecided one', () => {
    const e = twoSegments(ratio(2));
    const both: Experiment = { ...e, verdict: { ...e.verdict, checks: [ratio(2), { kind: 'bound', quantity: { kind: 'run-failures', matching: 'x' }, atLeast: 1 }] } };
    assert.equal(holdsOf(both, 100, 300).holds, null, 'a pass and an undecided check');
    assert.equal(holdsOf(both, 100, 110).holds, false, 'a failure and an undecided check');
  });

  it('the verdict names what it expected, the thresholds\' reason and the machine', () => {
    const v = holdsOf(twoSegments(ratio(2)), 100, 300);
    assert.equal(v.expected, 'throughput (jobs/s), median of ticks in B >= 2x that in A');
    assert.match(v.why, /^Holds\. .*ratio 3 \(expected >= 2x\): holds\. Thresholds: because$/);
    assert.deepEqual(v.machine, TEST_MACHINE);
    assert.deepEqual(v.measured, { b: { 'throughput.median': 300 }, a: { 'throughput.median': 100 } });
  });

  it('numbers are written with up to three significant digits', () => {
    assert.deepEqual([1234.5, 12.345, 1.2345, 0.012345, 7, null, Infinity].map(formatNumber), ['1235', '12.3', '1.23', '0.012', '7', 'n/a', 'inf']);
  });
});
