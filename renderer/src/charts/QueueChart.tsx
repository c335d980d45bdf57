/** Queue depth: jobs waiting for a free unit, and jobs running on one. A growing `queued` means overload. */
import { memo, useMemo, useRef } from 'react';
import { useOnScreen } from '../components/use-on-screen';
import { AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartPalette } from '../theme/palette';
import { countTick, secondsTick } from './axis';
import { ChartCard } from './ChartCard';
import { bandAreas, useSegmentBands } from './SegmentBands';
import { CHART_SLOTS, useStaggeredChartData, useTooltipData } from './use-chart-data';
import { legendPayload, LivePaths, liveLegend, liveTooltip } from './LivePaths';
import { useYAxis, type LiveSeries, type SeriesKey } from './live-series';

/** Module-level so recharts sees the same object every render. */
const MARGIN = { top: 8, right: 16, bottom: 4, left: 4 };

const COUNT_KEYS: readonly SeriesKey[] = ['queued', 'inFlight'];

/** The areas, drawn by LivePaths. */
function seriesOf(palette: ChartPalette): LiveSeries[] {
  return [
    { dataKey: 'queued', name: 'queued', stroke: palette.queued, strokeWidth: 2, fillOpacity: 0.18 },
    { dataKey: 'inFlight', name: 'in flight', stroke: palette.inFlight, strokeWidth: 2, fillOpacity: 0.18 },
  ];
}

export const QueueChart = memo(function QueueChart() {
  const card = useRef<HTMLElement>(null);
  const { points, domain, palette, lastT, tooltipProps } = useStaggeredChartData(CHART_SLOTS.queue, useOnScreen(card));
  const bands = useSegmentBands(domain);
  const series = useMemo(() => seriesOf(palette), [palette]);
  const tooltipData = useTooltipData(card, points);
  const countAxis = useYAxis(points, COUNT_KEYS, false);
  const legend = useMemo(() => liveLegend(legendPayload(series)), [series]);
  // Memoized: a re-render that brought no new series (off screen, see use-on-screen.ts) leaves recharts alone.
  const chart = useMemo(
    () => (
      <AreaChart data={tooltipData} margin={MARGIN}>
        <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" />
        {bandAreas(bands, palette)}
        <XAxis dataKey="t" type="number" domain={domain} allowDataOverflow tickFormatter={secondsTick} stroke={palette.axis} tickCount={5} />
        <YAxis tickFormatter={countTick} stroke={palette.axis} width={52} allowDecimals={false} allowDataOverflow {...countAxis} />
        <Tooltip {...tooltipProps} content={liveTooltip(points, series)} />
        <Legend verticalAlign="top" align="right" height={28} itemSorter={null} content={legend} />
        <LivePaths points={points} series={series} />
      </AreaChart>
    ),
    [points, tooltipData, domain, palette, tooltipProps, bands, series, legend, countAxis],
  );
  return (
    <ChartCard cardRef={card} title="Queue depth" unit="jobs" testId="chart-queue" pointCount={points.length} lastT={lastT} segmentBandCount={bands.length} height={240}>
      {chart}
    </ChartCard>
  );
});
