import { describe, expect, it } from 'vitest';
import type { StrategyName } from '../../../shared/constants';
import { defaultConfig } from '../../../shared/run-config';
import { makeTick, switched } from '../testing/fake-lab';
import { chartDomain, comparisonDomain, decimate, inWindow, strategySegments, switchMarker, tickToPoint } from './series';

describe('tickToPoint', () => {
  it('a tick that measured nothing maps to null, never 0: no loop sample, no job completed, no check answered', () => {
    const tick = makeTick(2_500, { throughput: 0 });
    const empty = { ...tick, host: { ...tick.host, eld: null }, jobs: { ...tick.jobs, latency: null }, health: { answered: 0, timeouts: 2, latency: null } };
    expect(tickToPoint(empty)).toMatchObject({ eldP50: null, eldP99: null, eldMax: null, latencyP50: null, latencyP99: null, healthP50: null, healthP99: null });
    expect(tickToPoint(empty)).toMatchObject({ throughput: 0, healthTimeouts: 2 });
  });

  it("carries the host's GC pauses of the interval (ms), null where the host's collections were not measured", () => {
    const tick = makeTick(1_000, {});
    expect(tickToPoint({ ...tick, host: { ...tick.host, gc: { count: 3, pauseMs: 4.5, maxMs: 2 } } }).gcPauseMs).toBe(4.5);
    expect(tickToPoint({ ...tick, host: { ...tick.host, gc: null } }).gcPauseMs).toBeNull();
  });

  it('maps a tick to one chart point, time in seconds, delays in ms', () => {
    const point = tickToPoint(makeTick(2_500, { eldP99: 7, throughput: 33, queued: 4, strategy: 'cluster' }));
    expect(point).toEqual({
      t: 2.5,
      eldP50: 1,
      eldP99: 7,
      eldMax: 8,
      gcPauseMs: null,
      throughput: 33,
      latencyP50: 20,
      latencyP99: 40,
      queued: 4,
      inFlight: 1,
      startupP50: null,
      startupMax: null,
      healthP50: null,
      healthP99: null,
      healthTimeouts: null,
      strategy: 'cluster',
    });
  });

  it('carries the interval’s unit startup (ms) when units became ready in it', () => {
    const point = tickToPoint(makeTick(2_500, { startup: { p50: 31, p99: 40, max: 44, count: 6 } }));
    expect(point).toMatchObject({ startupP50: 31, startupMax: 44 });
  });

  it('carries the host health checks: latency in ms, timeouts as a count, a gap when none was answered', () => {
    const health = { answered: 2, timeouts: 1, latency: { p50: 0.6, p99: 41, max: 41 } };
    expect(tickToPoint({ ...makeTick(2_500), health })).toMatchObject({ healthP50: 0.6, healthP99: 41, healthTimeouts: 1 });
    const unanswered = { answered: 0, timeouts: 2, latency: null };
    expect(tickToPoint({ ...makeTick(2_500), health: unanswered })).toMatchObject({ healthP50: null, healthP99: null, healthTimeouts: 2 });
  });
});

describe('chartDomain', () => {
  it("spans a planned run's whole length from its start: a 12 s experiment fills the chart, not a fifth of it", () => {
    expect(chartDomain(undefined, 12)).toEqual([0, 12]);
    expect(chartDomain(0.2, 12)).toEqual([0, 12]);
    expect(chartDomain(11.8, 12)).toEqual([0, 12]);
  });
  it('follows the newest point when the run goes past its planned end', () => {
    expect(chartDomain(12.4, 12)).toEqual([0, 12.4]);
  });
  it('widens a run of unknown length in steps, from a shortest span, never to the full window early on', () => {
    expect(chartDomain(undefined)).toEqual([0, 10]);
    expect(chartDomain(0.2)).toEqual([0, 10]);
    expect(chartDomain(5)).toEqual([0, 10]);
    expect(chartDomain(10)).toEqual([0, 10]);
    expect(chartDomain(10.2)).toEqual([0, 20]);
    expect(chartDomain(47)).toEqual([0, 50]);
  });
  it('rolls a window of the last 60 s once the run is longer than that', () => {
    expect(chartDomain(60)).toEqual([0, 60]);
    expect(chartDomain(100)).toEqual([40, 100]);
    expect(chartDomain(100, 30)).toEqual([40, 100]);
  });
  it('shows the first window whole while a run planned longer than the window has not filled it', () => {
    expect(chartDomain(5, 90)).toEqual([0, 60]);
    expect(chartDomain(75, 90)).toEqual([15, 75]);
  });
  it("a recording's length is a known length: a 25 s replay spans 25 s from its first tick", () => {
    expect(chartDomain(0.2, 25)).toEqual([0, 25]);
    expect(chartDomain(25, 25)).toEqual([0, 25]);
  });
  it('ignores a known length that is not a length', () => {
    expect(chartDomain(3, 0)).toEqual([0, 10]);
  });
  it('takes the window as an argument', () => {
    expect(chartDomain(35, null, 30)).toEqual([5, 35]);
  });
});

describe('comparisonDomain', () => {
  it('spans the longer run whole, however long', () => {
    expect(comparisonDomain([12.2, 30.4])).toEqual([0, 30.4]);
    expect(comparisonDomain([600, 12])).toEqual([0, 600]);
  });
  it('has an axis for runs with no length', () => {
    expect(comparisonDomain([])).toEqual([0, 1]);
    expect(comparisonDomain([0, Number.NaN])).toEqual([0, 1]);
  });
});

describe('inWindow', () => {
  it('keeps only the items inside the domain', () => {
    const items = [0, 10, 39.9, 40, 70, 100].map((t) => ({ t }));
    expect(inWindow(items, [40, 100]).map((i) => i.t)).toEqual([40, 70, 100]);
  });
});

describe('decimate', () => {
  it('keeps a gap where a whole bucket measured nothing, and a measured point over an unmeasured one', () => {
    const points = [{ t: 0, v: 1 }, { t: 1, v: null }, { t: 2, v: null }, { t: 3, v: null }, { t: 4, v: null }, { t: 5, v: 3 }];
    const kept = decimate(points, 3, (p) => p.v);
    expect(kept.map((p) => p.v)).toEqual([1, null, 3]);
  });

  const points = Array.from({ length: 100 }, (_, i) => ({ t: i, v: i === 37 ? 999 : 1 }));
  it('leaves short series alone', () => {
    expect(decimate(points.slice(0, 10), 50, (p) => p.v)).toHaveLength(10);
  });
  it('thins long series but keeps every spike and the newest point', () => {
    const thinned = decimate(points, 20, (p) => p.v);
    expect(thinned.length).toBeLessThanOrEqual(21);
    expect(thinned.some((p) => p.v === 999)).toBe(true);
    expect(thinned[thinned.length - 1]?.t).toBe(99);
  });
});

describe('switch markers', () => {
  it('turn strategy-switched events into labelled markers in seconds', () => {
    const event = switched(4_000, 'worker-pool', 'cluster');
    if (event.event !== 'strategy-switched') throw new Error('bad fixture');
    expect(switchMarker(event)).toEqual({ t: 4, from: 'worker-pool', to: 'cluster', readyMs: 12, label: null });
  });

  it('a switch that says how long it took since its request starts its stretch there (seconds)', () => {
    const event = switched(4_000, 'main-thread', 'worker-pool');
    if (event.event !== 'strategy-switched') throw new Error('bad fixture');
    expect(switchMarker({ ...event, tookMs: 1_250 }).fromT).toBe(2.75);
    expect(switchMarker(event).fromT, 'an older recording does not say').toBeUndefined();
  });

  it('a switch that kept the strategy is labelled by the setting it changed, as on the timeline (not "→ worker-pool" again)', () => {
    const event = switched(6_000, 'worker-pool', 'worker-pool', { ...defaultConfig(), strategy: 'worker-pool', payload: 'transfer' });
    if (event.event !== 'strategy-switched') throw new Error('bad fixture');
    expect(switchMarker({ ...event, changed: ['payload'] }).label).toBe('↻ payload transfer');
  });

  it('cut the window into stretches per strategy', () => {
    const markers = [
      { t: 0.2, from: null, to: 'worker-pool' as StrategyName, readyMs: 1 },
      { t: 10, from: 'worker-pool' as StrategyName, to: 'main-thread' as StrategyName, readyMs: 1 },
    ];
    expect(strategySegments(markers, [0, 60], 20)).toEqual([
      { from: 0.2, to: 10, strategy: 'worker-pool' },
      { from: 10, to: 20, strategy: 'main-thread' },
    ]);
  });

  it('give the stretch before the first visible marker to the strategy it switched from', () => {
    const markers = [{ t: 50, from: 'cluster' as StrategyName, to: 'worker-pool' as StrategyName, readyMs: 1 }];
    expect(strategySegments(markers, [40, 100], 100)).toEqual([
      { from: 40, to: 50, strategy: 'cluster' },
      { from: 50, to: 100, strategy: 'worker-pool' },
    ]);
  });
});
