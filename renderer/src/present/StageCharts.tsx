/**
 * The charts a scene names, side by side, filling the space the stage leaves them between the title and the
 * verdict (present.css lays out the cells; this sizes each plot to its cell). The timeline reads the stage's
 * store like the charts, so it spans the same time as they do. On a run attached to the user's app (live or
 * replayed) each chart is the lab's attached one, titled for what it shows (HTTP requests, the app's main loop).
 */
import { useMemo, useRef, useState, type ReactElement } from 'react';
import type { StageChart } from '../../../shared/present/talk';
import { healthCheckUnit } from '../charts/axis';
import { ChartHeightContext } from '../charts/chart-height';
import type { LiveChartSpec } from '../charts/live-chart-spec';
import { LiveChart } from '../charts/LiveChart';
import { useLab } from '../state/use-lab';
import { Timeline } from '../timeline/Timeline';
import { stageChartBase, stageChartSpec } from './stage-chart-spec';
import { useStageHeight } from './stage-frame';
import { stageTextPx } from './stage-text';
import { useOnResize } from './use-element-size';

/** The timeline draws its text at 11 px in the lab; on the stage at the size of the charts' axis text. */
const TIMELINE_TEXT_PX = 11;


/** The health chart's unit says how often the host is checked, as HealthChart does in the lab. */
function StageHealthChart({ spec }: { spec: LiveChartSpec }) {
  const everyMs = useLab((s) => s.latest?.health?.everyMs);
  return <LiveChart spec={spec} unit={healthCheckUnit(everyMs)} />;
}

/** A chart drawn for the stage's type: its axes widened to its text (stage-chart-spec.ts), the spec kept while the size is. */
function StageLiveChart({ chart, textPx }: { chart: Exclude<StageChart, 'timeline'>; textPx: number }) {
  const attached = useLab((s) => s.attachedRun !== null);
  // LiveChart memoizes its drawing on the spec: a new one only when the text size or the kind of run changes.
  const spec = useMemo(() => stageChartSpec(stageChartBase(chart, attached), textPx), [chart, attached, textPx]);
  return chart === 'health' ? <StageHealthChart spec={spec} /> : <LiveChart spec={spec} />;
}

function chartFor(chart: StageChart, textPx: number): ReactElement {
  if (chart === 'timeline') return <Timeline testId="stage-timeline" textScale={textPx / TIMELINE_TEXT_PX} keyOfDrawnOnly />;
  return <StageLiveChart chart={chart} textPx={textPx} />;
}

/** The least plot height the stage gives a chart, px: below it a chart says nothing from the back of a room. */
const MIN_PLOT_PX = 120;

/**
 * The plot height that makes the card fill its cell: the cell's height less what the card draws around its plot
 * (title, legend, borders), measured on the card itself, so a bigger title or a wrapped legend is accounted for.
 */
function useFilledHeight(cell: React.RefObject<HTMLDivElement | null>): number | null {
  const [height, setHeight] = useState<number | null>(null);
  useOnResize(cell, (element) => {
    const card = element.firstElementChild as HTMLElement | null;
    const plot = element.querySelector<HTMLElement>('.recharts-responsive-container, .timeline-body');
    if (!card || !plot) return;
    const around = card.offsetHeight - plot.offsetHeight;
    const next = Math.max(MIN_PLOT_PX, Math.floor(element.clientHeight - around));
    // Settles in one step (the card's chrome does not depend on its plot's height); a pixel either way is noise.
    setHeight((now) => (now !== null && Math.abs(now - next) <= 1 ? now : next));
    // Measured again when the card changes size on its own: the timeline's key names only what is drawn, and
    // grows from nothing (no run yet) to a line or two as lanes and marks appear.
  }, true);
  return height;
}

function StageChartCell({ chart, textPx }: { chart: StageChart; textPx: number }) {
  const cell = useRef<HTMLDivElement>(null);
  const height = useFilledHeight(cell);
  return (
    <div ref={cell} className="stage-chart" data-stage-chart={chart} data-plot-height={height ?? undefined}>
      <ChartHeightContext value={height}>{chartFor(chart, textPx)}</ChartHeightContext>
    </div>
  );
}

export function StageCharts({ charts }: { charts: readonly StageChart[] }) {
  // The stage's height, not this window's: in the speaker view's preview they differ.
  const textPx = stageTextPx(useStageHeight());
  return (
    <div className={`stage-charts stage-charts-${charts.length}`} data-testid="stage-charts" data-stage-panel="charts">
      {charts.map((chart) => (
        <StageChartCell key={chart} chart={chart} textPx={textPx} />
      ))}
    </div>
  );
}
