/**
 * Host event-loop delay (p50, p99, max per interval), the chart that tells the story: under `main-thread` the
 * host's own loop stalls; under the others it stays flat. Each strategy switch is a labelled vertical line,
 * and the background is tinted with the strategy that ran there.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { strategySegments } from '../state/series';
import { STRATEGY_COLORS } from '../theme/palette';
import { msTick, secondsTick, timeLabel, tooltipValue } from './axis';
import { ChartCard } from './ChartCard';
import { SwitchLabel } from './SwitchLabel';
import { useChartData } from './use-chart-data';

/** Module-level so recharts sees the same object every render. */
const MARGIN = { top: 24, right: 24, bottom: 4, left: 4 };

export const EldChart = memo(function EldChart() {
  const { points, markers, domain, palette, lastT, tooltipStyle } = useChartData();
  const segments = useMemo(() => strategySegments(markers, domain, lastT), [markers, domain, lastT]);
  return (
    <ChartCard title="Host event-loop delay" unit="ms" testId="chart-eld" pointCount={points.length} lastT={lastT} markerCount={markers.length} height={270}>
      <LineChart data={points} margin={MARGIN}>
        <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" />
        {segments.map((s) => (
          <ReferenceArea key={`${s.strategy}@${s.from}`} x1={s.from} x2={s.to} fill={STRATEGY_COLORS[s.strategy]} fillOpacity={0.07} stroke="none" ifOverflow="hidden" />
        ))}
        <XAxis dataKey="t" type="number" domain={domain} allowDataOverflow tickFormatter={secondsTick} stroke={palette.axis} tickCount={7} />
        <YAxis tickFormatter={msTick} stroke={palette.axis} width={56} />
        <Tooltip
          formatter={tooltipValue}
          labelFormatter={timeLabel}
          isAnimationActive={false}
          contentStyle={tooltipStyle}
        />
        <Legend verticalAlign="top" align="right" height={28} itemSorter={null} />
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
        <Line name="p50" dataKey="eldP50" stroke={palette.eldP50} strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line name="p99" dataKey="eldP99" stroke={palette.eldP99} strokeWidth={2.5} dot={false} isAnimationActive={false} />
        {/* Over a short interval max often equals p99: drawn last and dashed, it stays visible on top of it. */}
        <Line name="max" dataKey="eldMax" stroke={palette.eldMax} strokeWidth={1.5} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
      </LineChart>
    </ChartCard>
  );
});
