/**
 * The page, the picture first (DESIGN.md "The picture first"): a header, one toolbar row, the live diagnosis,
 * then the timeline and the host's event-loop delay side by side, with an experiment's live line above them and
 * its verdict beside them. Settings, experiments and the advisor open in a panel beside the picture, never above
 * it. A comparison of two recordings is the picture while it is open: at the top, as wide as the window, so
 * both runs' charts and timelines are on screen. Below the fold: the numbers, last run's summary, the other
 * charts and the events, the units.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ChartFillsRowContext, ChartHeightContext } from '../charts/chart-height';
import { EldChart } from '../charts/EldChart';
import { HealthChart } from '../charts/HealthChart';
import { QueueChart } from '../charts/QueueChart';
import { ThroughputChart } from '../charts/ThroughputChart';
import { ExperimentLive, ExperimentVerdict } from '../experiments/ExperimentLive';
import { ComparePanel } from '../recording/ComparePanel';
import { RecordingNotices } from '../recording/RecordingBar';
import { useLab } from '../state/use-lab';
import { Timeline } from '../timeline/Timeline';
import { ControlBar } from './ControlBar';
import { DiagnosisBar } from './DiagnosisBar';
import { EventLog } from './EventLog';
import { Header } from './Header';
import { MessageBanner } from './MessageBanner';
import { usePictureChartHeight } from './picture-height';
import { RunSummary } from './RunSummary';
import { SidePanelContext, type SidePanelId, type SidePanelState } from './side-panel';
import { SidePanel, useSideShown } from './SidePanel';
import { StatsStrip } from './StatsStrip';
import { UnitTable } from './UnitTable';

function Workspace() {
  const side = useSideShown();
  const experiment = useLab((s) => s.activeExperiment !== null);
  const pictureHeight = usePictureChartHeight();
  return (
    <div className={`workspace${side ? ' workspace-side' : ''}`}>
      <div className="picture-column">
        <ComparePanel />
        <ExperimentLive />
        <section className={`picture${experiment ? ' picture-experiment' : ''}`} aria-label="the picture" data-testid="picture">
          <Timeline />
          {/* Only the delay chart: the timeline stretches to its row, and a height from here would pin it. The delay
              chart stretches too, where 16 lanes or more make the timeline the taller of the two. */}
          <ChartHeightContext value={pictureHeight}>
            <ChartFillsRowContext value>
              <EldChart />
            </ChartFillsRowContext>
          </ChartHeightContext>
          <ExperimentVerdict />
        </section>
        <StatsStrip />
        <RunSummary />
        <main className="charts">
          <div className="chart-row">
            <ThroughputChart />
            <HealthChart />
            <QueueChart />
            <EventLog />
          </div>
        </main>
        <UnitTable />
      </div>
      <SidePanel />
    </div>
  );
}

export function App() {
  const theme = useLab((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const [open, setOpen] = useState<SidePanelId | null>(null);
  const toggle = useCallback((id: SidePanelId) => setOpen((current) => (current === id ? null : id)), []);
  const close = useCallback(() => setOpen(null), []);
  const panel = useMemo<SidePanelState>(() => ({ open, toggle, show: setOpen, close }), [open, toggle, close]);
  return (
    <SidePanelContext value={panel}>
      <div className="app">
        <Header />
        <ControlBar />
        <RecordingNotices />
        <MessageBanner />
        <DiagnosisBar />
        <Workspace />
      </div>
    </SidePanelContext>
  );
}
