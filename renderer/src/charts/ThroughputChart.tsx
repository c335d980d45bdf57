/**
 * Jobs completed per second (left axis) and job latency p50/p99 (right axis, ms, queue wait included), with the
 * startup of the units that became ready in each interval on the same ms axis: under worker-per-task every job
 * pays it, so the two lines show how much of a job's latency is the thread's creation.
 */
import { memo, useMemo, useRef } from 'react';
import { useOnScreen } from '../components/use-on-screen';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { countTick, msTick, secondsTick } from './axis';
import { ChartCard } from './ChartCard';
import { staticCurve } from './static-curve';
import { bandAreas, useSegmentBands } from './SegmentBands';
import { isolatedDot } from './IsolatedDot';
import { CHART_SLOTS, useStaggeredChartData } from './use-chart-data';

/** Module-level so recharts sees the same object every render. */
const MARGIN = { top: 8, right: 8, bottom: 4, left: 4 };

export const ThroughputChart = memo(function ThroughputChart() {
  const card = useRef<HTMLElement>(null);
  const { points, domain, palette, lastT, tooltipProps } = useStaggeredChartData(CHART_SLOTS.throughput, useOnScreen(card));
  const bands = useSegmentBands(domain);
  // Memoized: a re-render that brought no new series (off screen, see use-on-screen.ts) leaves recharts alone.
  const chart = useMemo(
    () => (
      <LineChart data={points} margin={MARGIN}>
        <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" />
        {bandAreas(bands, palette, 'rate')}
        <XAxis dataKey="t" type="number" domain={domain} allowDataOverflow tickFormatter={secondsTick} stroke={palette.axis} tickCount={5} />
        <YAxis yAxisId="rate" tickFormatter={countTick} stroke={palette.throughput} width={52} allowDecimals={false} />
        <YAxis yAxisId="ms" orientation="right" tickFormatter={msTick} stroke={palette.axis} width={52} />
        <Tooltip {...tooltipProps} />
        <Legend verticalAlign="top" align="right" height={28} itemSorter={null} />
        <Line yAxisId="rate" name="throughput" dataKey="throughput" stroke={palette.throughput} strokeWidth={2.5} dot={false} isAnimationActive={false} shape={staticCurve} />
        <Line yAxisId="ms" name="latency p50" dataKey="latencyP50" stroke={palette.latencyP50} strokeWidth={2} dot={false} isAnimationActive={false} shape={staticCurve} />
        <Line yAxisId="ms" name="latency p99" dataKey="latencyP99" stroke={palette.latencyP99} strokeWidth={2} strokeDasharray="5 3" dot={false} isAnimationActive={false} shape={staticCurve} />
        {/* Null where no unit started: a gap, not a drop to 0; a lone value (a pool's switch or crash) gets a dot. */}
        <Line yAxisId="ms" name="unit startup p50" dataKey="startupP50" stroke={palette.startup} strokeWidth={2} dot={isolatedDot} isAnimationActive={false} shape={staticCurve} />
      </LineChart>
    ),
    [points, domain, palette, tooltipProps, bands],
  );
  return (
    <ChartCard cardRef={card} title="Throughput and latency" unit="jobs/s · ms" testId="chart-throughput" pointCount={points.length} lastT={lastT} segmentBandCount={bands.length} height={240}>
      {chart}
    </ChartCard>
  );
});
