/**
 * The host's health check (tick.health): a checker on its own thread asks an endpoint the host answers on its own
 * event loop, as a load balancer would. Latency p50 / p99 of the checks answered (ms, left axis) and the checks
 * that timed out (right axis): a blocked host loop shows here as a client would feel it.
 */
import { memo, useMemo, useRef } from 'react';
import { useOnScreen } from '../components/use-on-screen';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { countTick, msTick, secondsTick } from './axis';
import { ChartCard } from './ChartCard';
import { staticCurve } from './static-curve';
import { bandAreas, useSegmentBands } from './SegmentBands';
import { CHART_SLOTS, useStaggeredChartData } from './use-chart-data';

/** Module-level so recharts sees the same object every render. */
const MARGIN = { top: 8, right: 8, bottom: 4, left: 4 };

export const HealthChart = memo(function HealthChart() {
  const card = useRef<HTMLElement>(null);
  const { points, domain, palette, lastT, tooltipProps } = useStaggeredChartData(CHART_SLOTS.health, useOnScreen(card));
  const bands = useSegmentBands(domain);
  // Memoized: a re-render that brought no new series (off screen, see use-on-screen.ts) leaves recharts alone.
  const chart = useMemo(
    () => (
      <LineChart data={points} margin={MARGIN}>
        <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" />
        {bandAreas(bands, palette, 'ms')}
        <XAxis dataKey="t" type="number" domain={domain} allowDataOverflow tickFormatter={secondsTick} stroke={palette.axis} tickCount={5} />
        <YAxis yAxisId="ms" tickFormatter={msTick} stroke={palette.axis} width={52} />
        <YAxis yAxisId="count" orientation="right" tickFormatter={countTick} stroke={palette.crash} width={40} allowDecimals={false} />
        <Tooltip {...tooltipProps} />
        <Legend verticalAlign="top" align="right" height={28} itemSorter={null} />
        <Line yAxisId="ms" name="check p50" dataKey="healthP50" stroke={palette.latencyP50} strokeWidth={2} dot={false} isAnimationActive={false} shape={staticCurve} />
        <Line yAxisId="ms" name="check p99" dataKey="healthP99" stroke={palette.latencyP99} strokeWidth={2.5} dot={false} isAnimationActive={false} shape={staticCurve} />
        <Line yAxisId="count" name="timeouts" dataKey="healthTimeouts" stroke={palette.crash} strokeWidth={1.5} type="stepAfter" dot={false} isAnimationActive={false} shape={staticCurve} />
      </LineChart>
    ),
    [points, domain, palette, tooltipProps, bands],
  );
  return (
    <ChartCard cardRef={card} title="Host health check" unit="ms · timeouts" testId="chart-health" pointCount={points.length} lastT={lastT} segmentBandCount={bands.length} height={240}>
      {chart}
    </ChartCard>
  );
});
