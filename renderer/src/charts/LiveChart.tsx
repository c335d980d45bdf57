/**
 * One live chart, drawn from its description (live-chart-spec.ts): the card with its export buttons, the grid,
 * the experiment's segment bands, the axes on fixed scales, the legend, our own series paths (LivePaths.tsx), and
 * the strategy and exit marks where the description asks for them. The work that keeps four charts cheap at five
 * ticks a second is here once: data staggered by frame and held off screen (use-chart-data.ts), recharts given
 * points only while the card is hovered (useTooltipData), and the recharts tree memoized on what it shows.
 */
import { ChartFillsRowContext, useChartHeight } from './chart-height';
import { memo, useContext, useMemo, useRef, type ReactElement } from 'react';
import { AreaChart, CartesianGrid, Legend, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useOnScreen } from '../components/use-on-screen';
import type { ExitMarker } from '../state/events-log';
import { strategySegments } from '../state/series';
import { useLab } from '../state/use-lab';
import { secondsTick } from './axis';
import { ChartCard } from './ChartCard';
import { ExitLegend } from './ExitLegend';
import { ExitMarkers } from './ExitMarkers';
import { axisSeries, liveSeries, type LiveChartSpec } from './live-chart-spec';
import { legendPayload, LivePaths, liveLegend, liveTooltip } from './LivePaths';
import { useYAxes } from './live-series';
import { bandAreas, bandLabelsBelowAxis, bandLabelsLine, useSegmentBands } from './SegmentBands';
import { strategyTints, switchLines, switchStretches } from './StrategyMarks';
import { useTooltipData } from './use-chart-data';

const NO_EXITS: readonly ExitMarker[] = [];

export interface LiveChartProps {
  spec: LiveChartSpec;
  /** Replaces the spec's unit, for a unit known only at run time (the health check's pace). */
  unit?: string;
}

export const LiveChart = memo(function LiveChart({ spec, unit }: LiveChartProps) {
  const card = useRef<HTMLElement>(null);
  const height = useChartHeight(spec.height);
  const fillsRow = useContext(ChartFillsRowContext);
  const { points, markers, domain, palette, lastT, tooltipProps } = spec.useData(useOnScreen(card));
  const bands = useSegmentBands(domain);
  // A chart without exit marks does not subscribe to them: a crash does not redraw it.
  const exitMarkers = useLab((s) => (spec.exitMarks ? s.exitMarkers : NO_EXITS));
  const segments = useMemo(() => (spec.strategyMarks ? strategySegments(markers, domain, lastT) : []), [spec, markers, domain, lastT]);
  const series = useMemo(() => liveSeries(spec, palette), [spec, palette]);
  const axes = useMemo(() => axisSeries(spec), [spec]);
  const scales = useYAxes(points, axes);
  const tooltipData = useTooltipData(card, points);
  const legend = useMemo(() => liveLegend(legendPayload(series)), [series]);
  const switches = spec.strategyMarks ? markers : undefined;
  const belowAxis = useMemo(() => (spec.stageTextPx === undefined ? undefined : bandLabelsBelowAxis(spec.stageTextPx)), [spec]);
  // On the stage the bands' names take a line under the time axis (SegmentBands.tsx says why).
  const margin = useMemo(
    () => (belowAxis && bands.length > 0 ? { ...spec.margin, bottom: spec.margin.bottom + bandLabelsLine(belowAxis) } : spec.margin),
    [spec, belowAxis, bands.length],
  );
  // Memoized: a re-render that brought no new series (off screen, see use-on-screen.ts) leaves recharts alone.
  const chart = useMemo(() => {
    const Chart = spec.shape === 'area' ? AreaChart : LineChart;
    const children: ReactElement[] = [
      <CartesianGrid key="grid" stroke={palette.grid} strokeDasharray="3 3" />,
      ...strategyTints(segments),
      ...bandAreas(bands, palette, spec.axes[0]?.id, belowAxis),
      <XAxis
        key="x"
        dataKey="t"
        type="number"
        domain={domain}
        allowDataOverflow
        tickFormatter={secondsTick}
        stroke={palette.axis}
        tickCount={spec.xTicks}
        {...(belowAxis ? { height: belowAxis.axisHeight } : {})}
      />,
      ...spec.axes.map((axis, i) => (
        <YAxis
          key={`y-${axis.id ?? ''}`}
          {...(axis.id === undefined ? {} : { yAxisId: axis.id })}
          {...(axis.right ? { orientation: 'right' as const } : {})}
          {...(axis.wholeNumbers ? { allowDecimals: false } : {})}
          tickFormatter={axis.tick}
          stroke={palette[axis.colour ?? 'axis']}
          width={axis.width}
          allowDataOverflow
          {...scales[i]}
        />
      )),
      <Tooltip key="tooltip" {...tooltipProps} content={liveTooltip(points, series)} />,
      <Legend key="legend" verticalAlign="top" align="right" height={28} itemSorter={null} content={legend} />,
      ...(switches ? switchStretches(switches, palette) : []),
      ...(switches ? switchLines(switches, palette) : []),
      <LivePaths key="paths" points={points} series={series} />,
      ...(spec.exitMarks ? [<ExitMarkers key="exits" markers={exitMarkers} palette={palette} />] : []),
    ];
    // Not a Tab stop named by its tick labels: the card around it is named by its title (ChartCard).
    return (
      <Chart data={tooltipData} margin={margin} accessibilityLayer={false}>
        {children}
      </Chart>
    );
  }, [spec, points, tooltipData, switches, domain, palette, tooltipProps, bands, segments, exitMarkers, series, legend, scales, belowAxis, margin]);
  return (
    <ChartCard
      cardRef={card}
      title={spec.title}
      unit={unit ?? spec.unit}
      testId={spec.testId}
      pointCount={points.length}
      lastT={lastT}
      domain={domain}
      segmentBandCount={bands.length}
      markerCount={switches?.length}
      exitMarkerCount={spec.exitMarks ? exitMarkers.length : undefined}
      extra={spec.exitMarks ? <ExitLegend markers={exitMarkers} palette={palette} /> : undefined}
      height={height}
      fillsRow={fillsRow}
    >
      {chart}
    </ChartCard>
  );
});
