/**
 * Host event-loop delay (p50, p99, max per interval), the chart that tells the story: under `main-thread` the
 * host's own loop stalls; under the others it stays flat. Each strategy switch is a labelled vertical line,
 * and the background is tinted with the strategy that ran there. Units that crashed, timed out or were killed
 * are small marks on the time axis (see ExitMarkers).
 */
import { memo, useMemo, useRef } from 'react';
import { useOnScreen } from '../components/use-on-screen';
import { CartesianGrid, Legend, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { CAUSE_WORDS, type AbnormalCause, type ExitMarker } from '../state/events-log';
import { strategySegments } from '../state/series';
import { useLab } from '../state/use-lab';
import { STRATEGY_COLORS, type ChartPalette } from '../theme/palette';
import { msTick, secondsTick } from './axis';
import { ChartCard } from './ChartCard';
import { bandAreas, useSegmentBands } from './SegmentBands';
import { EXIT_LANE_OFFSET, ExitMarkers } from './ExitMarkers';
import { SwitchLabel } from './SwitchLabel';
import { useChartData, useTooltipData } from './use-chart-data';
import { legendPayload, LivePaths, liveLegend, liveTooltip } from './LivePaths';
import { useYAxis, type LiveSeries, type SeriesKey } from './live-series';

/** Module-level so recharts sees the same object every render. The top leaves room for the exit marks' lane. */
const MARGIN = { top: EXIT_LANE_OFFSET * 2 + 2, right: 24, bottom: 4, left: 4 };

const CAUSES: readonly AbnormalCause[] = ['crash', 'injected', 'timeout', 'killed'];
const CAUSE_GLYPHS: Readonly<Record<AbnormalCause, string>> = { crash: '●', injected: '○', timeout: '◆', killed: '✕' };

/** "● 3 crashed  ◆ 1 timed out": a key to the marks, with how many the window holds. */
function ExitLegend({ markers, palette }: { markers: readonly ExitMarker[]; palette: ChartPalette }) {
  if (markers.length === 0) return null;
  const counts = { crash: 0, injected: 0, timeout: 0, killed: 0 };
  for (const m of markers) counts[m.cause] += 1;
  return (
    <span className="exit-legend" data-testid="exit-legend">
      {CAUSES.filter((c) => counts[c] > 0).map((cause) => (
        <span key={cause} className="exit-legend-item" style={{ color: palette[cause] }}>
          {CAUSE_GLYPHS[cause]} {counts[cause]} {CAUSE_WORDS[cause]}
        </span>
      ))}
    </span>
  );
}

const MS_KEYS: readonly SeriesKey[] = ['eldP50', 'eldP99', 'eldMax'];

/** The lines, drawn by LivePaths. Over a short interval max often equals p99: drawn last and dashed, it stays visible on top of it. */
function seriesOf(palette: ChartPalette): LiveSeries[] {
  return [
    { dataKey: 'eldP50', name: 'p50', stroke: palette.eldP50, strokeWidth: 2 },
    { dataKey: 'eldP99', name: 'p99', stroke: palette.eldP99, strokeWidth: 2.5 },
    { dataKey: 'eldMax', name: 'max', stroke: palette.eldMax, strokeWidth: 1.5, strokeDasharray: '4 3' },
  ];
}

export const EldChart = memo(function EldChart() {
  const card = useRef<HTMLElement>(null);
  const { points, markers, domain, palette, lastT, tooltipProps } = useChartData(useOnScreen(card));
  const bands = useSegmentBands(domain);
  const exitMarkers = useLab((s) => s.exitMarkers);
  const segments = useMemo(() => strategySegments(markers, domain, lastT), [markers, domain, lastT]);
  const series = useMemo(() => seriesOf(palette), [palette]);
  const tooltipData = useTooltipData(card, points);
  const msAxis = useYAxis(points, MS_KEYS);
  const legend = useMemo(() => liveLegend(legendPayload(series)), [series]);
  // Memoized: a re-render that brought no new series (off screen, see use-on-screen.ts) leaves recharts alone.
  const chart = useMemo(
    () => (
      <LineChart data={tooltipData} margin={MARGIN}>
        <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" />
        {segments.map((s) => (
          <ReferenceArea key={`${s.strategy}@${s.from}`} x1={s.from} x2={s.to} fill={STRATEGY_COLORS[s.strategy]} fillOpacity={0.07} stroke="none" ifOverflow="hidden" />
        ))}
        {bandAreas(bands, palette)}
        <XAxis dataKey="t" type="number" domain={domain} allowDataOverflow tickFormatter={secondsTick} stroke={palette.axis} tickCount={7} />
        <YAxis tickFormatter={msTick} stroke={palette.axis} width={56} allowDataOverflow {...msAxis} />
        <Tooltip {...tooltipProps} content={liveTooltip(points, series)} />
        <Legend verticalAlign="top" align="right" height={28} itemSorter={null} content={legend} />
        {markers.map((m, i) => (
          <ReferenceLine
            key={`switch@${m.t}`}
            x={m.t}
            stroke={STRATEGY_COLORS[m.to]}
            strokeWidth={2}
            strokeDasharray="6 4"
            ifOverflow="hidden"
            label={<SwitchLabel text={`→ ${m.to}`} color={STRATEGY_COLORS[m.to]} halo={palette.background} row={i % 3} />}
          />
        ))}
        <LivePaths points={points} series={series} />
        <ExitMarkers markers={exitMarkers} palette={palette} />
      </LineChart>
    ),
    [points, tooltipData, markers, domain, palette, tooltipProps, bands, segments, exitMarkers, series, legend, msAxis],
  );
  return (
    <ChartCard
      cardRef={card}
      title="Host event-loop delay"
      unit="ms"
      testId="chart-eld"
      pointCount={points.length}
      lastT={lastT}
      segmentBandCount={bands.length}
      markerCount={markers.length}
      exitMarkerCount={exitMarkers.length}
      extra={<ExitLegend markers={exitMarkers} palette={palette} />}
      height={270}
    >
      {chart}
    </ChartCard>
  );
});
