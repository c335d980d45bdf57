/**
 * The advisor's table as a chart: saturation throughput per strategy and pool size (bars, jobs/s, left axis) and
 * the host's event-loop delay p99 at 70% load (bars, ms, right axis), so "more jobs, free loop" reads at a glance.
 */
import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CellMeasurement } from '../../../shared/advisor/types';
import { cellLabel } from '../../../shared/advisor/words';
import { countTick, msTick, tooltipValue } from '../charts/axis';
import { useLab } from '../state/use-lab';
import { CHART_PALETTES } from '../theme/palette';

const MARGIN = { top: 8, right: 8, bottom: 4, left: 4 };
/** Module-level, per theme, so recharts sees the same object every render. */
const TOOLTIP_STYLE = Object.fromEntries(
  Object.entries(CHART_PALETTES).map(([theme, p]) => [theme, { background: p.tooltipBg, borderColor: p.tooltipBorder, color: p.text, borderRadius: 8 }]),
);

export const AdvisorChart = memo(function AdvisorChart({ cells }: { cells: readonly CellMeasurement[] }) {
  const theme = useLab((s) => s.theme);
  const palette = CHART_PALETTES[theme];
  const data = cells.filter((cell) => cell.problem === null).map((cell) => ({ label: cellLabel(cell), throughput: cell.throughput, eld: cell.hostEldP99 }));
  return (
    <figure className="advisor-chart" data-testid="advisor-chart" data-points={data.length}>
      <figcaption className="muted">Saturation throughput (jobs/s) and host ELD p99 at 70% load (ms), per strategy and pool size</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} margin={MARGIN} accessibilityLayer={false}>
          <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" />
          <XAxis dataKey="label" stroke={palette.axis} interval={0} angle={-20} textAnchor="end" height={56} />
          <YAxis yAxisId="rate" tickFormatter={countTick} stroke={palette.throughput} width={52} />
          <YAxis yAxisId="ms" orientation="right" tickFormatter={msTick} stroke={palette.eldP99} width={52} />
          <Tooltip formatter={tooltipValue} contentStyle={TOOLTIP_STYLE[theme]} />
          <Legend verticalAlign="top" align="right" height={28} />
          <Bar yAxisId="rate" name="saturation jobs/s" dataKey="throughput" fill={palette.throughput} isAnimationActive={false} />
          <Bar yAxisId="ms" name="host ELD p99 ms" dataKey="eld" fill={palette.eldP99} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
});
