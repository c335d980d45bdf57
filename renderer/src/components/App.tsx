/**
 * The page: header, controls, experiments, messages, the live diagnosis, numbers, the experiment running and its
 * verdict, last run's summary, charts and events, units.
 */
import { useEffect } from 'react';
import { AdvisorPanel } from '../advisor/AdvisorPanel';
import { EldChart } from '../charts/EldChart';
import { HealthChart } from '../charts/HealthChart';
import { QueueChart } from '../charts/QueueChart';
import { ThroughputChart } from '../charts/ThroughputChart';
import { RecordingBar } from '../recording/RecordingBar';
import { useLab } from '../state/use-lab';
import { ControlBar } from './ControlBar';
import { DiagnosisBar } from './DiagnosisBar';
import { EventLog } from './EventLog';
import { ExperimentLive } from '../experiments/ExperimentLive';
import { ExperimentsPanel } from '../experiments/ExperimentsPanel';
import { Header } from './Header';
import { MessageBanner } from './MessageBanner';
import { RunSummary } from './RunSummary';
import { StatsStrip } from './StatsStrip';
import { UnitTable } from './UnitTable';

export function App() {
  const theme = useLab((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
      <Header />
      <ControlBar />
      <RecordingBar />
      <ExperimentsPanel />
      <AdvisorPanel />
      <MessageBanner />
      <DiagnosisBar />
      <StatsStrip />
      <ExperimentLive />
      <RunSummary />
      <main className="charts">
        <div className="eld-row">
          <EldChart />
          <EventLog />
        </div>
        <div className="chart-row">
          <ThroughputChart />
          <HealthChart />
          <QueueChart />
        </div>
      </main>
      <UnitTable />
    </div>
  );
}
