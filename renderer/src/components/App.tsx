/** The page: header, controls, messages, numbers, last run's summary, charts and events, units. */
import { useEffect } from 'react';
import { EldChart } from '../charts/EldChart';
import { QueueChart } from '../charts/QueueChart';
import { ThroughputChart } from '../charts/ThroughputChart';
import { RecordingBar } from '../recording/RecordingBar';
import { useLab } from '../state/use-lab';
import { ControlBar } from './ControlBar';
import { EventLog } from './EventLog';
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
      <MessageBanner />
      <StatsStrip />
      <RunSummary />
      <main className="charts">
        <div className="eld-row">
          <EldChart />
          <EventLog />
        </div>
        <div className="chart-row">
          <ThroughputChart />
          <QueueChart />
        </div>
      </main>
      <UnitTable />
    </div>
  );
}
