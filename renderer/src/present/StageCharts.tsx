/**
 * The charts a scene names, side by side, sized to the space the stage leaves them (present.css). The timeline
 * reads the stage's store like the charts, so it spans the same time as they do.
 */
import type { ReactElement } from 'react';
import type { StageChart } from '../../../shared/present/talk';
import { EldChart } from '../charts/EldChart';
import { HealthChart } from '../charts/HealthChart';
import { QueueChart } from '../charts/QueueChart';
import { ThroughputChart } from '../charts/ThroughputChart';
import { Timeline } from '../timeline/Timeline';

/** The stage's chart text (16 px) over the timeline's own axis text (11 px). */
const STAGE_TEXT_SCALE = 16 / 11;

const CHARTS: Readonly<Record<StageChart, () => ReactElement>> = {
  'host-eld': () => <EldChart />,
  throughput: () => <ThroughputChart />,
  health: () => <HealthChart />,
  queue: () => <QueueChart />,
  // Its canvas text at the size of the charts' axis text on the stage (16 px, present.css), not the lab's 11 px.
  timeline: () => <Timeline testId="stage-timeline" textScale={STAGE_TEXT_SCALE} />,
};

export function StageCharts({ charts }: { charts: readonly StageChart[] }) {
  return (
    <div className={`stage-charts stage-charts-${charts.length}`} data-testid="stage-charts" data-stage-panel="charts">
      {charts.map((chart) => (
        <div className="stage-chart" key={chart}>
          {CHARTS[chart]()}
        </div>
      ))}
    </div>
  );
}
