/**
 * The live charts' lines as plain SVG path data, drawn on recharts' own scales (see LivePaths.tsx). recharts 3
 * redraws a <Line> or <Area> on every new data array through its store: per-point objects, its clip and animation
 * wrappers remounted, its legend and tooltip registrations checked again. At 64 units, with four charts taking a
 * tick five times a second, that was about 40 % of the charts' main-thread script time in a trace of
 * `npm run bench:ui`'s page (the same page with the four charts' lines left out: 970 ms of script in 5 s, 596 ms
 * without). A path string per series is a loop over at most a few hundred points.
 */
import { useState } from 'react';
import type { ChartPoint } from '../state/series';
import type { ValueUnit } from './axis';
import { isIsolated } from './isolated';

/** The series a chart can draw: the numeric fields of a point. */
export type SeriesKey = { [K in keyof ChartPoint]: ChartPoint[K] extends number | null ? K : never }[keyof ChartPoint];

export interface LiveSeries {
  dataKey: SeriesKey;
  /** In the legend and the tooltip. */
  name: string;
  /** How the tooltip writes a value (see axis.ts). */
  unit: ValueUnit;
  stroke: string;
  strokeWidth: number;
  strokeDasharray?: string;
  /** Which of the chart's y axes; the chart's only one when absent. */
  yAxisId?: string;
  /** 'stepAfter' holds each value until the next (counts); straight segments otherwise. */
  type?: 'linear' | 'stepAfter';
  /** A dot on each value with no value on either side, which a line alone cannot show (see isolated.ts). */
  isolatedDots?: boolean;
  /**
   * A null value does not break the line: it joins the values either side. For a measure that is not taken
   * every tick (the health check, asked once a second while threads or processes run the jobs).
   */
  joinsGaps?: boolean;
  /** Filled down to 0 with this opacity (an area). */
  fillOpacity?: number;
}

/** A recharts scale: a value to a pixel, undefined outside what it can place. */
export type Scale = (value: number) => number | undefined;

/**
 * A point's value of a series, or null where it was not measured. Not measured is null (DESIGN.md); a value that
 * is not a finite number (NaN, Infinity, or undefined from an older recording) is read the same way, because
 * drawing it would send the path or the axis off to nowhere.
 */
export function valueOf(point: ChartPoint, key: SeriesKey): number | null {
  const value: unknown = point[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Pixel positions of a series, one run per stretch without a gap (a value not measured breaks the line, unless
 * `joinsGaps`: then it is skipped and the line goes on to the next value).
 */
export function seriesRuns(points: readonly ChartPoint[], key: SeriesKey, x: Scale, y: Scale, joinsGaps = false): Array<Array<[number, number]>> {
  const runs: Array<Array<[number, number]>> = [];
  let run: Array<[number, number]> | null = null;
  for (const point of points) {
    const value = valueOf(point, key);
    if (value === null && joinsGaps) continue;
    const px = x(point.t);
    const py = value === null ? undefined : y(value);
    if (px === undefined || py === undefined || !Number.isFinite(px) || !Number.isFinite(py)) {
      run = null;
      continue;
    }
    if (run === null) runs.push((run = []));
    run.push([px, py]);
  }
  return runs;
}

const round = (v: number) => Math.round(v * 100) / 100;

/** The `d` of a line through the runs: straight segments, or steps that hold each value until the next. */
export function linePath(runs: ReadonlyArray<ReadonlyArray<[number, number]>>, type: LiveSeries['type'] = 'linear'): string {
  let d = '';
  for (const run of runs) {
    if (run.length < 2) continue;
    run.forEach(([px, py], i) => {
      if (i === 0) d += `M${round(px)},${round(py)}`;
      else if (type === 'stepAfter') d += `H${round(px)}V${round(py)}`;
      else d += `L${round(px)},${round(py)}`;
    });
  }
  return d;
}

/** The `d` of the area under each run, down to `baseY` (the pixel of 0). */
export function areaPath(runs: ReadonlyArray<ReadonlyArray<[number, number]>>, baseY: number): string {
  let d = '';
  for (const run of runs) {
    if (run.length < 2) continue;
    d += linePath([run]);
    d += `L${round(run[run.length - 1][0])},${round(baseY)}L${round(run[0][0])},${round(baseY)}Z`;
  }
  return d;
}

/** Indexes of the values a line cannot show (no value on either side). */
export function isolatedIndexes(points: readonly ChartPoint[], key: SeriesKey): number[] {
  const values = points.map((point) => ({ value: valueOf(point, key) }));
  const found: number[] = [];
  for (let i = 0; i < values.length; i++) if (isIsolated(values, i)) found.push(i);
  return found;
}

/** A y axis's fixed scale: its domain and the ticks on it. */
export interface YAxisScale {
  domain: [number, number];
  ticks: number[];
}

/**
 * A y axis for the series, from 0 to a round number at or above their largest value, with ticks a round step
 * apart (1, 2, 2.5 or 5 times a power of ten; whole numbers where `allowDecimals` is false): what recharts' own
 * number axis ([0, 'auto'], 5 ticks) shows, computed here because the axis no longer sees the series.
 */
export function yAxisScale(points: readonly ChartPoint[], keys: readonly SeriesKey[], allowDecimals = true, tickCount = 5): YAxisScale {
  let max = 0;
  for (const point of points) {
    for (const key of keys) {
      const value = valueOf(point, key);
      if (value !== null && value > max) max = value;
    }
  }
  const rough = max > 0 ? max / (tickCount - 1) : 1 / (tickCount - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough * (1 - 1e-9)) ?? 10 * power;
  if (!allowDecimals) step = Math.max(1, Math.ceil(step));
  const intervals = Math.max(1, Math.ceil(max / step - 1e-9));
  const ticks = Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { domain: [0, ticks[ticks.length - 1] as number], ticks };
}

/** The series a y axis is scaled to. */
export interface YAxisSeries {
  keys: readonly SeriesKey[];
  allowDecimals: boolean;
}

const sameScale = (a: YAxisScale | undefined, b: YAxisScale): boolean => a !== undefined && a.domain[1] === b.domain[1] && a.ticks[1] === b.ticks[1];

/**
 * yAxisScale of each axis as a hook: each axis's scale stays the same object while it does not change, because
 * recharts registers an axis's settings again (a store update that every part of the chart checks) whenever its
 * props change.
 */
export function useYAxes(points: readonly ChartPoint[], axes: readonly YAxisSeries[]): readonly YAxisScale[] {
  const [held, setHeld] = useState<readonly YAxisScale[]>(() => axes.map((axis) => yAxisScale(points, axis.keys, axis.allowDecimals)));
  const fresh = axes.map((axis, i) => {
    const scale = yAxisScale(points, axis.keys, axis.allowDecimals);
    return sameScale(held[i], scale) ? (held[i] as YAxisScale) : scale;
  });
  if (fresh.length === held.length && fresh.every((scale, i) => scale === held[i])) return held;
  // Derived state, set during render as React documents it: this render returns the new scales at once.
  setHeld(fresh);
  return fresh;
}
