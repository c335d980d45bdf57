/**
 * Jobs completed per second (left axis) and job latency p50/p99 (right axis, ms, queue wait included), with the
 * startup of the units that became ready in each interval on the same ms axis: under worker-per-task every job
 * pays it, so the two lines show how much of a job's latency is the thread's creation.
 */
import { memo, useMemo, useRef } from 'react';
import { useOnScreen } from '../components/use-on-screen';
import { CartesianGrid, Legend, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartPalette } from '../theme/palette';
import { countTick, msTick, secondsTick } from './axis';
import { ChartCard } from './ChartCard';
import { bandAreas, useSegmentBands } from './SegmentBands';
import { CHART_SLOTS, useStaggeredChartData, useTooltipData } from './use-chart-data';
import { legendPayload, LivePaths, liveLegend, liveTooltip } from './LivePaths';
import { useYAxis, type LiveSeries, type SeriesKey } from './live-series';

/** Module-level so recharts sees the same object every render. */
const MARGIN = { top: 8, right: 8, bottom: 4, left: 4 };

const RATE_KEYS: readonly SeriesKey[] = ['throughput'];
const MS_KEYS: readonly SeriesKey[] = ['latencyP50', 'latencyP99', 'startupP50'];

/**
 * The lines, drawn by LivePaths. Unit startup is null where no unit started, latency where no job completed: a
 * gap, not a drop to 0; a lone value (a pool's switch or crash, the one job of a slow tick) gets a dot.
 */
function seriesOf(palette: ChartPalette): LiveSeries[] {
  return [
    { dataKey: 'throughput', name: 'throughput', stroke: palette.throughput, strokeWidth: 2.5, yAxisId: 'rate' },
    { dataKey: 'latencyP50', name: 'latency p50', stroke: palette.latencyP50, strokeWidth: 2, yAxisId: 'ms', isolatedDots: true },
    { dataKey: 'latencyP99', name: 'latency p99', stroke: palette.latencyP99, strokeWidth: 2, strokeDasharray: '5 3', yAxisId: 'ms', isolatedDots: true },
    { dataKey: 'startupP50', name: 'unit startup p50', stroke: palette.startup, strokeWidth: 2, yAxisId: 'ms', isolatedDots: true },
  ];
}

export const ThroughputChart = memo(function ThroughputChart() {
  const card = useRef<HTMLElement>(null);
  const { points, domain, palette, lastT, tooltipProps } = useStaggeredChartData(CHART_SLOTS.throughput, useOnScreen(card));
  const bands = useSegmentBands(domain);
  const series = useMemo(() => seriesOf(palette), [palette]);
  const tooltipData = useTooltipData(card, points);
  const rateAxis = useYAxis(points, RATE_KEYS, false);
  const msAxis = useYAxis(points, MS_KEYS);
  const legend = useMemo(() => liveLegend(legendPayload(series)), [series]);
  // Memoized: a re-render that brought no new series (off screen, see use-on-screen.ts) leaves recharts alone.
  const chart = useMemo(
    () => (
      <LineChart data={tooltipData} margin={MARGIN}>
        <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" />
        {bandAreas(bands, palette, 'rate')}
        <XAxis dataKey="t" type="number" domain={domain} allowDataOverflow tickFormatter={secondsTick} stroke={palette.axis} tickCount={5} />
        <YAxis yAxisId="rate" tickFormatter={countTick} stroke={palette.throughput} width={52} allowDecimals={false} allowDataOverflow {...rateAxis} />
        <YAxis yAxisId="ms" orientation="right" tickFormatter={msTick} stroke={palette.axis} width={52} allowDataOverflow {...msAxis} />
        <Tooltip {...tooltipProps} content={liveTooltip(points, series)} />
        <Legend verticalAlign="top" align="right" height={28} itemSorter={null} content={legend} />
        <LivePaths points={points} series={series} />
      </LineChart>
    ),
    [points, tooltipData, domain, palette, tooltipProps, bands, series, legend, rateAxis, msAxis],
  );
  return (
    <ChartCard cardRef={card} title="Throughput and latency" unit="jobs/s · ms" testId="chart-throughput" pointCount={points.length} lastT={lastT} segmentBandCount={bands.length} height={240}>
      {chart}
    </ChartCard>
  );
});
