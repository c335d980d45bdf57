/**
 * The replayed run (A) beside a second recording (B), each named by what it ran (compare.ts: strategy, workload
 * and size, and the file where those are the same): throughput and host event-loop delay p99 over both runs,
 * aligned at their start and spanning the longer one, a timeline per run over the same span, and the table of
 * every figure with the change from A to B. Figures name their unit in their description (FIGURES, shared with
 * the CLI).
 */
import { useEffect, useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { countTick, msTick, secondsTick, timeLabel } from '../charts/axis';
import { ChartExportButtons } from '../charts/export/ChartExportButtons';
import { formatMs, formatRate } from '../state/format';
import { CHART_PALETTES } from '../theme/palette';
import { LabStoreContext, useLab } from '../state/use-lab';
import { Timeline } from '../timeline/Timeline';
import { figureText, percentText, type ComparedRun } from './compare';
import type { ComparedRunView } from './compared-runs';
import { useRecording, useRecordingController } from './use-recording';

const MARGIN = { top: 8, right: 8, bottom: 4, left: 4 };

function CompareChart({ title, unit, dataKey, a, b, domain, testId }: { title: string; unit: string; dataKey: 'throughput' | 'eldP99'; a: ComparedRun; b: ComparedRun; domain: [number, number]; testId: string }) {
  const palette = CHART_PALETTES[useLab((s) => s.theme)];
  const format = (value: unknown) => (dataKey === 'throughput' ? formatRate(Number(value)) : formatMs(Number(value)));
  const card = useRef<HTMLElement>(null);
  return (
    <figure ref={card} className="chart-card panel" aria-label={`${title}, ${unit}`} data-testid={testId} data-points-a={a.points.length} data-points-b={b.points.length} data-domain={domain.join(' ')}>
      <figcaption className="chart-title">
        <span>
          {title} <span className="chart-unit">{unit}</span>
        </span>
        <ChartExportButtons card={card} name={`Compare ${title}`} testId={testId} />
      </figcaption>
      <div className="chart-body">
        {/* As tall as its box: 220 px, or the row's height beside the runs' timelines (layout.css). */}
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={MARGIN} accessibilityLayer={false}>
            <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={domain} allowDataOverflow tickFormatter={secondsTick} stroke={palette.axis} tickCount={6} allowDuplicatedCategory={false} />
            <YAxis tickFormatter={dataKey === 'throughput' ? countTick : msTick} stroke={palette.axis} width={52} />
            <Tooltip formatter={format} labelFormatter={timeLabel} isAnimationActive={false} contentStyle={{ background: palette.tooltipBg, borderColor: palette.tooltipBorder, color: palette.text, borderRadius: 8 }} />
            {/* Measured, not a fixed height: two runs' names may take two lines, and the plot starts under them. */}
            <Legend verticalAlign="top" align="right" />
            <Line data={a.points} name={a.label} dataKey={dataKey} stroke={palette.throughput} strokeWidth={2.5} dot={false} isAnimationActive={false} />
            <Line data={b.points} name={b.label} dataKey={dataKey} stroke={palette.eldMax} strokeWidth={2} strokeDasharray="5 3" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** A compared run's timeline: its own store under it, its run named in its title, over the comparison's span. */
function CompareTimeline({ run, label, testId }: { run: ComparedRunView; label: string; testId: string }) {
  // The window's theme, which the compared runs' stores do not follow by themselves.
  const theme = useLab((s) => s.theme);
  useEffect(() => {
    if (run.store.getState().theme !== theme) run.store.getState().setTheme(theme);
  }, [run, theme]);
  return (
    <LabStoreContext value={run.store}>
      <Timeline height={150} testId={testId} label={label} windowMs={run.windowMs} />
    </LabStoreContext>
  );
}

export function ComparePanel() {
  const controller = useRecordingController();
  const comparison = useRecording((s) => s.comparison);
  const palette = CHART_PALETTES[useLab((s) => s.theme)];
  const compared = useRecording((s) => s.compared);
  if (!comparison || !compared) return null;
  const { a, b, rows } = comparison;
  const { domain } = compared;
  return (
    <section className="compare panel" data-testid="compare" aria-label="comparison of two recordings">
      <div className="compare-head">
        <strong>Compare</strong>
        <span>
          <span className="compare-key" style={{ background: palette.throughput }}>A</span> <span data-testid="compare-label-a">{a.label}</span> <span className="muted">({a.name}, {a.startedAt})</span>
        </span>
        <span>
          <span className="compare-key" style={{ background: palette.eldMax }}>B</span> <span data-testid="compare-label-b">{b.label}</span> <span className="muted">({b.name}, {b.startedAt})</span>
        </span>
        <button type="button" className="ghost-button" data-testid="compare-close" onClick={() => controller.closeComparison()}>
          Close comparison
        </button>
      </div>
      <div className="chart-row">
        <CompareChart title="Throughput" unit="jobs/s, from each run's start" dataKey="throughput" a={a} b={b} domain={domain} testId="compare-throughput" />
        <CompareChart title="Host event-loop delay p99" unit="ms, from each run's start" dataKey="eldP99" a={a} b={b} domain={domain} testId="compare-eld" />
      </div>
      <div className="compare-timelines">
        <CompareTimeline run={compared.a} label={`A · ${a.label}`} testId="compare-timeline-a" />
        <CompareTimeline run={compared.b} label={`B · ${b.label}`} testId="compare-timeline-b" />
      </div>
      <table className="compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <th>figure</th>
            <th scope="col">A: {a.label}</th>
            <th scope="col">B: {b.label}</th>
            <th>change</th>
            <th>%</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.figure} data-testid="compare-row" data-figure={row.figure}>
              <td title={row.figure}>{row.description}</td>
              <td>{figureText(row.a)}</td>
              <td>{figureText(row.b)}</td>
              <td>{row.delta !== null && row.delta > 0 ? '+' : ''}{figureText(row.delta)}</td>
              <td>{percentText(row.percent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
