/**
 * The charts a scene names, side by side, filling the space the stage leaves them between the title and the
 * verdict (present.css lays out the cells; this sizes each plot to its cell). The timeline reads the stage's
 * store like the charts, so it spans the same time as they do.
 */
import { useLayoutEffect, useRef, useState, type ReactElement } from 'react';
import type { StageChart } from '../../../shared/present/talk';
import { ChartHeightContext } from '../charts/chart-height';
import { EldChart } from '../charts/EldChart';
import { HealthChart } from '../charts/HealthChart';
import { QueueChart } from '../charts/QueueChart';
import { ThroughputChart } from '../charts/ThroughputChart';
import { Timeline } from '../timeline/Timeline';
import { useStageHeight } from './stage-frame';
import { stageTextPx } from './stage-text';

/** The timeline draws its text at 11 px in the lab; on the stage at the size of the charts' axis text. */
const TIMELINE_TEXT_PX = 11;

const CHARTS: Readonly<Record<StageChart, (textPx: number) => ReactElement>> = {
  'host-eld': () => <EldChart />,
  throughput: () => <ThroughputChart />,
  health: () => <HealthChart />,
  queue: () => <QueueChart />,
  timeline: (textPx) => <Timeline testId="stage-timeline" textScale={textPx / TIMELINE_TEXT_PX} />,
};

/** The least plot height the stage gives a chart, px: below it a chart says nothing from the back of a room. */
const MIN_PLOT_PX = 120;

/**
 * The plot height that makes the card fill its cell: the cell's height less what the card draws around its plot
 * (title, legend, borders), measured on the card itself, so a bigger title or a wrapped legend is accounted for.
 */
function useFilledHeight(cell: React.RefObject<HTMLDivElement | null>): number | null {
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = cell.current;
    if (!element) return;
    const fit = () => {
      const card = element.firstElementChild as HTMLElement | null;
      const plot = element.querySelector<HTMLElement>('.recharts-responsive-container, .timeline-body');
      if (!card || !plot) return;
      const around = card.offsetHeight - plot.offsetHeight;
      const next = Math.max(MIN_PLOT_PX, Math.floor(element.clientHeight - around));
      // Settles in one step (the card's chrome does not depend on its plot's height); a pixel either way is noise.
      setHeight((now) => (now !== null && Math.abs(now - next) <= 1 ? now : next));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => observer.disconnect();
  }, [cell]);
  return height;
}

function StageChartCell({ chart, textPx }: { chart: StageChart; textPx: number }) {
  const cell = useRef<HTMLDivElement>(null);
  const height = useFilledHeight(cell);
  return (
    <div ref={cell} className="stage-chart" data-stage-chart={chart} data-plot-height={height ?? undefined}>
      <ChartHeightContext value={height}>{CHARTS[chart](textPx)}</ChartHeightContext>
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
