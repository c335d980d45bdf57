/** The page: header, controls, messages, numbers, charts, units. */
import { useEffect } from 'react';
import { EldChart } from '../charts/EldChart';
import { QueueChart } from '../charts/QueueChart';
import { ThroughputChart } from '../charts/ThroughputChart';
import { useLab } from '../state/use-lab';
import { ControlBar } from './ControlBar';
import { Header } from './Header';
import { MessageBanner } from './MessageBanner';
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
      <MessageBanner />
      <StatsStrip />
      <main className="charts">
        <EldChart />
        <div className="chart-row">
          <ThroughputChart />
          <QueueChart />
        </div>
      </main>
      <UnitTable />
    </div>
  );
}
