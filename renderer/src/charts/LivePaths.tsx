/**
 * The live charts' lines and areas, drawn as our own SVG paths on the chart's recharts scales, inside its plot
 * area: recharts still draws the axes, grid, legend, tooltip and marks, but not the lines it redrew at great cost
 * on every tick (see live-series.ts). The paths keep recharts' class names (`recharts-line-curve`), so the export
 * and the tests find them as before. Rendered as a child of a recharts chart.
 */
import { useId } from 'react';
import { DefaultLegendContent, DefaultTooltipContent, useActiveTooltipLabel, useIsTooltipActive, usePlotArea, useXAxisScale, useYAxisScale, type DefaultLegendContentProps, type LegendPayload, type TooltipContentProps } from 'recharts';
import type { ChartPoint } from '../state/series';
import { VALUE_FORMATTERS } from './axis';
import { areaPath, isolatedIndexes, linePath, seriesRuns, valueOf, type LiveSeries, type Scale } from './live-series';

function SeriesPath({ points, series, x, clipPath }: { points: readonly ChartPoint[]; series: LiveSeries; x: Scale; clipPath: string }) {
  const y = useYAxisScale(series.yAxisId) as Scale | undefined;
  if (!y) return null;
  const runs = seriesRuns(points, series.dataKey, x, y, series.joinsGaps);
  const stroke = { stroke: series.stroke, strokeWidth: series.strokeWidth, strokeDasharray: series.strokeDasharray };
  const baseY = series.fillOpacity === undefined ? undefined : y(0);
  return (
    <g className="recharts-layer live-series" clipPath={clipPath}>
      {baseY !== undefined && <path className="recharts-curve recharts-area-area" d={areaPath(runs, baseY)} fill={series.stroke} fillOpacity={series.fillOpacity} stroke="none" />}
      <path className="recharts-curve recharts-line-curve" d={linePath(runs, series.type)} fill="none" {...stroke} />
      {series.isolatedDots &&
        isolatedIndexes(points, series.dataKey).map((index) => {
          const point = points[index] as ChartPoint;
          const cx = x(point.t);
          const cy = y(valueOf(point, series.dataKey) as number);
          return cx === undefined || cy === undefined ? null : <circle key={index} className="recharts-dot" cx={cx} cy={cy} r={4} fill={series.stroke} />;
        })}
    </g>
  );
}

/** The dot recharts puts on a line at the hovered point. */
function ActiveDot({ point, series, x }: { point: ChartPoint; series: LiveSeries; x: Scale }) {
  const y = useYAxisScale(series.yAxisId) as Scale | undefined;
  const value = valueOf(point, series.dataKey);
  const cx = x(point.t);
  const cy = value === null || !y ? undefined : y(value);
  if (cx === undefined || cy === undefined) return null;
  return <circle className="recharts-dot recharts-active-dot" cx={cx} cy={cy} r={4} fill={series.stroke} stroke="#fff" strokeWidth={2} />;
}

/** The hovered point's dots, in a component of their own: moving the pointer redraws them, not the lines. */
function ActiveDots({ points, series, x }: { points: readonly ChartPoint[]; series: readonly LiveSeries[]; x: Scale }) {
  const active = useIsTooltipActive();
  const label = useActiveTooltipLabel();
  const point = active && label !== undefined ? points.find((p) => p.t === Number(label)) : undefined;
  if (!point) return null;
  return (
    <g className="live-active-dots">
      {series.map((s) => (
        <ActiveDot key={s.dataKey} point={point} series={s} x={x} />
      ))}
    </g>
  );
}

export function LivePaths({ points, series }: { points: readonly ChartPoint[]; series: readonly LiveSeries[] }) {
  const x = useXAxisScale() as Scale | undefined;
  const plot = usePlotArea();
  // useId's characters are not all valid in url(#...): keep the safe ones.
  const clipId = `live-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  if (!x || !plot) return null;
  return (
    <g className="live-paths">
      <defs>
        <clipPath id={clipId}>
          <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} />
        </clipPath>
      </defs>
      {series.map((s) => (
        <SeriesPath key={s.dataKey} points={points} series={s} x={x} clipPath={`url(#${clipId})`} />
      ))}
      <ActiveDots points={points} series={series} x={x} />
    </g>
  );
}

/** The legend's entries for the series, as recharts would have registered them for its own lines. */
export function legendPayload(series: readonly LiveSeries[]): LegendPayload[] {
  return series.map((s) => ({ value: s.name, type: 'line', color: s.stroke, dataKey: s.dataKey, inactive: false }));
}

/** recharts' own legend look, with the entries of our series (recharts no longer sees them). */
export function liveLegend(payload: readonly LegendPayload[]) {
  return function LiveLegend(props: DefaultLegendContentProps) {
    return <DefaultLegendContent {...props} payload={payload as LegendPayload[]} />;
  };
}

/**
 * recharts' own tooltip box, with the values of our series at the hovered point (recharts finds the point from
 * the chart's data, but without its own lines it has no values to list). Values missing in that interval are left
 * out, as recharts does. Each entry brings its series' formatter, so the value is written in its unit.
 */
export function liveTooltip(points: readonly ChartPoint[], series: readonly LiveSeries[]) {
  return function LiveTooltip(props: TooltipContentProps) {
    const index = Number(props.activeIndex);
    const point = props.active && Number.isInteger(index) ? points[index] : undefined;
    if (!point) return null;
    const payload = series
      .filter((s) => valueOf(point, s.dataKey) !== null)
      .map((s) => ({
        name: s.name,
        dataKey: s.dataKey,
        value: valueOf(point, s.dataKey) as number,
        formatter: VALUE_FORMATTERS[s.unit],
        color: s.stroke,
        stroke: s.stroke,
        payload: point,
        graphicalItemId: s.dataKey,
      }));
    return <DefaultTooltipContent {...props} payload={payload} />;
  };
}
