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

const CHARTS: Readonly<Record<StageChart, () => ReactElement>> = {
  'host-eld': () => <EldChart />,
  throughput: () => <ThroughputChart />,
  health: () => <HealthChart />,
  queue: () => <QueueChart />,
  timeline: () => <Timeline testId="stage-timeline" />,
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
