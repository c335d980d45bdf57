/** Queue depth: jobs waiting for a free unit, and jobs running on one. A growing `queued` means overload. */
import { memo, useMemo, useRef } from 'react';
import { useOnScreen } from '../components/use-on-screen';
import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { countTick, secondsTick } from './axis';
import { ChartCard } from './ChartCard';
import { bandAreas, useSegmentBands } from './SegmentBands';
import { CHART_SLOTS, useStaggeredChartData } from './use-chart-data';

/** Module-level so recharts sees the same object every render. */
const MARGIN = { top: 8, right: 16, bottom: 4, left: 4 };

export const QueueChart = memo(function QueueChart() {
  const card = useRef<HTMLElement>(null);
  const { points, domain, palette, lastT, tooltipProps } = useStaggeredChartData(CHART_SLOTS.queue, useOnScreen(card));
  const bands = useSegmentBands(domain);
  // Memoized: a re-render that brought no new series (off screen, see use-on-screen.ts) leaves recharts alone.
  const chart = useMemo(
    () => (
      <AreaChart data={points} margin={MARGIN}>
        <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" />
        {bandAreas(bands, palette)}
        <XAxis dataKey="t" type="number" domain={domain} allowDataOverflow tickFormatter={secondsTick} stroke={palette.axis} tickCount={5} />
        <YAxis tickFormatter={countTick} stroke={palette.axis} width={52} allowDecimals={false} />
        <Tooltip {...tooltipProps} />
        <Legend verticalAlign="top" align="right" height={28} itemSorter={null} />
        <Area name="queued" dataKey="queued" stroke={palette.queued} fill={palette.queued} fillOpacity={0.18} strokeWidth={2} dot={false} isAnimationActive={false} />
        <Area name="in flight" dataKey="inFlight" stroke={palette.inFlight} fill={palette.inFlight} fillOpacity={0.18} strokeWidth={2} dot={false} isAnimationActive={false} />
      </AreaChart>
    ),
    [points, domain, palette, tooltipProps, bands],
  );
  return (
    <ChartCard cardRef={card} title="Queue depth" unit="jobs" testId="chart-queue" pointCount={points.length} lastT={lastT} segmentBandCount={bands.length} height={240}>
      {chart}
    </ChartCard>
  );
});
