/**
 * What makes one live chart different from another, as data: its series (which field, its label, colour, unit and
 * axis), its y axes, its size, and which marks it carries. LiveChart.tsx draws any of them the same way, so a
 * fix to how the live charts draw is made once.
 */
import type { ChartPalette } from '../theme/palette';
import type { ValueUnit } from './axis';
import type { ChartData } from './use-chart-data';
import type { LiveSeries, SeriesKey, YAxisSeries } from './live-series';

/** A palette entry that is a line's colour (not the chart's background, grid or text). */
export type SeriesColour = Exclude<keyof ChartPalette, 'background' | 'grid' | 'text' | 'tooltipBg' | 'tooltipBorder'>;

export interface SeriesSpec {
  key: SeriesKey;
  /** In the legend and the tooltip. */
  label: string;
  colour: SeriesColour;
  unit: ValueUnit;
  /** The id of its y axis in the chart's `axes`; the chart's only axis when absent. */
  axis?: string;
  width: number;
  dash?: string;
  /** See LiveSeries. */
  type?: LiveSeries['type'];
  isolatedDots?: boolean;
  joinsGaps?: boolean;
  fillOpacity?: number;
}

export interface AxisSpec {
  /** recharts' yAxisId; absent for a chart's only axis. */
  id?: string;
  tick: (value: number) => string;
  width: number;
  /** On the right of the plot (a second axis). */
  right?: boolean;
  /** The axis's colour, when it belongs to one series (the palette's axis colour otherwise). */
  colour?: SeriesColour;
  /** Counts: ticks on whole numbers only. */
  wholeNumbers?: boolean;
}

export interface LiveChartSpec {
  title: string;
  /** Beside the title; a wrapper may pass one worked out at run time instead. */
  unit: string;
  testId: string;
  height: number;
  /** Lines, or areas filled down to 0 (the series' fillOpacity). */
  shape: 'line' | 'area';
  /** Module-level with the spec, so recharts sees the same object every render. */
  margin: { top: number; right: number; bottom: number; left: number };
  xTicks: number;
  series: readonly SeriesSpec[];
  /** The first is where the experiment's segment bands are drawn. */
  axes: readonly AxisSpec[];
  /** The chart's data: useChartData for the delay chart, useStaggeredChartData with its own slot for the others. */
  useData: (onScreen: boolean) => ChartData;
  /** Strategy switches as labelled lines, the background tinted with the strategy that ran (the delay chart). */
  strategyMarks?: boolean;
  /** Crashed, timed-out and killed units as marks above the plot, with their key by the title (the delay chart). */
  exitMarks?: boolean;
  /** The stage's chart text, px: the time axis is as tall as its ticks need, and the bands' names go under it. */
  stageTextPx?: number;
}

/** The series as LivePaths draws them, in the palette's colours. */
export function liveSeries(spec: LiveChartSpec, palette: ChartPalette): LiveSeries[] {
  return spec.series.map((s) => ({
    dataKey: s.key,
    name: s.label,
    unit: s.unit,
    stroke: palette[s.colour],
    strokeWidth: s.width,
    strokeDasharray: s.dash,
    yAxisId: s.axis,
    type: s.type,
    isolatedDots: s.isolatedDots,
    joinsGaps: s.joinsGaps,
    fillOpacity: s.fillOpacity,
  }));
}

/** Which series each axis is scaled to: those that name it (or, for an axis without an id, those that name none). */
export function axisSeries(spec: LiveChartSpec): YAxisSeries[] {
  return spec.axes.map((axis) => ({
    keys: spec.series.filter((s) => s.axis === axis.id).map((s) => s.key),
    allowDecimals: !axis.wholeNumbers,
  }));
}
