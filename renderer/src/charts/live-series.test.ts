import { describe, expect, it } from 'vitest';
import type { ChartPoint } from '../state/series';
import { areaPath, isolatedIndexes, linePath, seriesRuns, yAxisScale } from './live-series';

function point(t: number, values: Partial<ChartPoint> = {}): ChartPoint {
  return {
    t,
    eldP50: 0,
    eldP99: 0,
    eldMax: 0,
    gcPauseMs: null,
    throughput: 0,
    latencyP50: 0,
    latencyP99: 0,
    queued: 0,
    inFlight: 0,
    startupP50: null,
    startupMax: null,
    healthP50: null,
    healthP99: null,
    healthTimeouts: null,
    strategy: 'worker-pool',
    ...values,
  };
}

const x = (t: number) => t * 10;
const y = (v: number) => 100 - v;

describe('live chart paths', () => {
  it('a tick with no job completed (latency null) is a gap in the latency line, not a point at 0 ms', () => {
    const points = [point(0, { latencyP99: 40 }), point(1, { latencyP99: 42 }), point(2, { latencyP99: null }), point(3, { latencyP99: 41 }), point(4, { latencyP99: 43 })];
    const d = linePath(seriesRuns(points, 'latencyP99', x, y));
    expect(d).toBe('M0,60L10,58M30,59L40,57');
    // y(0) is 100: no point was drawn at 0 ms.
    expect(d).not.toContain(',100');
  });

  it('a lone latency between two ticks with none gets a dot, which a line cannot show', () => {
    const points = [point(0, { latencyP50: null }), point(1, { latencyP50: 20 }), point(2, { latencyP50: null })];
    expect(linePath(seriesRuns(points, 'latencyP50', x, y))).toBe('');
    expect(isolatedIndexes(points, 'latencyP50')).toEqual([1]);
  });

  it('a missing value breaks the line into two runs instead of drawing it as 0', () => {
    const points = [point(0, { startupP50: 5 }), point(1, { startupP50: 6 }), point(2), point(3, { startupP50: 7 }), point(4, { startupP50: 8 })];
    const runs = seriesRuns(points, 'startupP50', x, y);
    expect(runs).toEqual([
      [
        [0, 95],
        [10, 94],
      ],
      [
        [30, 93],
        [40, 92],
      ],
    ]);
    expect(linePath(runs)).toBe('M0,95L10,94M30,93L40,92');
  });

  it('a value that is not a finite number is not measured: it breaks the line, and the axis and the dots ignore it', () => {
    // A later engine sends null for "not measured"; NaN or Infinity (or undefined from an old recording) must not
    // draw a line to nowhere or stretch the axis either.
    const points = [
      point(0, { latencyP99: 5 }),
      point(1, { latencyP99: 6 }),
      point(2, { latencyP99: Number.NaN }),
      point(3, { latencyP99: 7 }),
      point(4, { latencyP99: Number.POSITIVE_INFINITY }),
      point(5, { latencyP99: undefined as unknown as number }),
      point(6, { latencyP99: 8 }),
      point(7, { latencyP99: 9 }),
    ];
    expect(linePath(seriesRuns(points, 'latencyP99', x, y))).toBe('M0,95L10,94M60,92L70,91');
    expect(linePath(seriesRuns(points, 'latencyP99', x, y, true))).toBe('M0,95L10,94L30,93L60,92L70,91');
    expect(isolatedIndexes(points, 'latencyP99')).toEqual([3]);
    expect(yAxisScale(points, ['latencyP99']).domain).toEqual([0, 10]);
  });

  it('a series that joins gaps draws one line through the values either side of a missing one', () => {
    // Health checks come every fourth tick at 16 units on 2 cores: the ticks between have no value.
    const points = [point(0, { healthP99: 5 }), point(1), point(2), point(3, { healthP99: 7 }), point(4), point(5, { healthP99: 8 })];
    const runs = seriesRuns(points, 'healthP99', x, y, true);
    expect(runs).toEqual([
      [
        [0, 95],
        [30, 93],
        [50, 92],
      ],
    ]);
    expect(linePath(runs)).toBe('M0,95L30,93L50,92');
    // Without joining, the same points are three lone values and no line at all.
    expect(linePath(seriesRuns(points, 'healthP99', x, y))).toBe('');
  });

  it('a step line holds each value until the next', () => {
    const runs = seriesRuns([point(0, { healthTimeouts: 0 }), point(1, { healthTimeouts: 2 })], 'healthTimeouts', x, y);
    expect(linePath(runs, 'stepAfter')).toBe('M0,100H10V98');
  });

  it('an area closes down to the baseline under each run', () => {
    const runs = seriesRuns([point(0, { queued: 10 }), point(1, { queued: 20 })], 'queued', x, y);
    expect(areaPath(runs, 100)).toBe('M0,90L10,80L10,100L0,100Z');
  });

  it('a lone value between gaps is marked for a dot; values with a neighbour are not', () => {
    const points = [point(0), point(1, { startupP50: 4 }), point(2), point(3, { startupP50: 1 }), point(4, { startupP50: 2 })];
    expect(isolatedIndexes(points, 'startupP50')).toEqual([1]);
  });

  it('a y axis runs from 0 to a round number at or above the largest value of its series, ticks a round step apart', () => {
    const points = [point(0, { latencyP50: 12, latencyP99: 123 }), point(1, { latencyP50: 3, latencyP99: 40 })];
    expect(yAxisScale(points, ['latencyP50', 'latencyP99'])).toEqual({ domain: [0, 150], ticks: [0, 50, 100, 150] });
    expect(yAxisScale(points, ['latencyP50'])).toEqual({ domain: [0, 15], ticks: [0, 5, 10, 15] });
  });

  it('a count axis keeps whole-number ticks, and an axis with no values still has a scale', () => {
    expect(yAxisScale([point(0, { healthTimeouts: 2 })], ['healthTimeouts'], false)).toEqual({ domain: [0, 2], ticks: [0, 1, 2] });
    expect(yAxisScale([point(0)], ['healthTimeouts'], false).domain[1]).toBeGreaterThan(0);
  });
});
