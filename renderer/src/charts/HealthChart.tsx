/**
 * The host's health check (tick.health): a checker on its own thread asks an endpoint the host answers on its own
 * event loop, as a load balancer would. Latency p50 / p99 of the checks answered (ms, left axis) and the checks
 * that timed out (right axis): a blocked host loop shows here as a client would feel it.
 */
import { memo, useMemo, useRef } from 'react';
import { useOnScreen } from '../components/use-on-screen';
import { useLab } from '../state/use-lab';
import { CartesianGrid, Legend, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartPalette } from '../theme/palette';
import { countTick, healthCheckUnit, msTick, secondsTick } from './axis';
import { ChartCard } from './ChartCard';
import { bandAreas, useSegmentBands } from './SegmentBands';
import { CHART_SLOTS, useStaggeredChartData, useTooltipData } from './use-chart-data';
import { legendPayload, LivePaths, liveLegend, liveTooltip } from './LivePaths';
import { useYAxis, type LiveSeries, type SeriesKey } from './live-series';

/** Module-level so recharts sees the same object every render. */
const MARGIN = { top: 8, right: 8, bottom: 4, left: 4 };

const MS_KEYS: readonly SeriesKey[] = ['healthP50', 'healthP99'];
const COUNT_KEYS: readonly SeriesKey[] = ['healthTimeouts'];

/** The lines, drawn by LivePaths. */
function seriesOf(palette: ChartPalette): LiveSeries[] {
  return [
    // A tick with no check answered in it (with threads or processes the host is checked once a second) joins its neighbours.
    { dataKey: 'healthP50', name: 'check p50', stroke: palette.latencyP50, strokeWidth: 2, yAxisId: 'ms', joinsGaps: true },
    { dataKey: 'healthP99', name: 'check p99', stroke: palette.latencyP99, strokeWidth: 2.5, yAxisId: 'ms', joinsGaps: true },
    { dataKey: 'healthTimeouts', name: 'timeouts', stroke: palette.crash, strokeWidth: 1.5, yAxisId: 'count', type: 'stepAfter' },
  ];
}

export const HealthChart = memo(function HealthChart() {
  const card = useRef<HTMLElement>(null);
  const { points, domain, palette, lastT, tooltipProps } = useStaggeredChartData(CHART_SLOTS.health, useOnScreen(card));
  const bands = useSegmentBands(domain);
  const everyMs = useLab((s) => s.latest?.health?.everyMs);
  const series = useMemo(() => seriesOf(palette), [palette]);
  const tooltipData = useTooltipData(card, points);
  const msAxis = useYAxis(points, MS_KEYS);
  const countAxis = useYAxis(points, COUNT_KEYS, false);
  const legend = useMemo(() => liveLegend(legendPayload(series)), [series]);
  // Memoized: a re-render that brought no new series (off screen, see use-on-screen.ts) leaves recharts alone.
  const chart = useMemo(
    () => (
      <LineChart data={tooltipData} margin={MARGIN}>
        <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" />
        {bandAreas(bands, palette, 'ms')}
        <XAxis dataKey="t" type="number" domain={domain} allowDataOverflow tickFormatter={secondsTick} stroke={palette.axis} tickCount={5} />
        <YAxis yAxisId="ms" tickFormatter={msTick} stroke={palette.axis} width={52} allowDataOverflow {...msAxis} />
        <YAxis yAxisId="count" orientation="right" tickFormatter={countTick} stroke={palette.crash} width={40} allowDecimals={false} allowDataOverflow {...countAxis} />
        <Tooltip {...tooltipProps} content={liveTooltip(points, series)} />
        <Legend verticalAlign="top" align="right" height={28} itemSorter={null} content={legend} />
        <LivePaths points={points} series={series} />
      </LineChart>
    ),
    [points, tooltipData, domain, palette, tooltipProps, bands, series, legend, msAxis, countAxis],
  );
  return (
    <ChartCard cardRef={card} title="Host health check" unit={healthCheckUnit(everyMs)} testId="chart-health" pointCount={points.length} lastT={lastT} segmentBandCount={bands.length} height={240}>
      {chart}
    </ChartCard>
  );
});
