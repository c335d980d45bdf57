/** Queue depth: jobs waiting for a free unit, and jobs running on one. A growing `queued` means overload. */
import { countTick } from './axis';
import type { LiveChartSpec } from './live-chart-spec';
import { LiveChart } from './LiveChart';
import { CHART_SLOTS, useStaggeredChartData } from './use-chart-data';

export const QUEUE_CHART: LiveChartSpec = {
  title: 'Queue depth',
  unit: 'jobs',
  testId: 'chart-queue',
  height: 240,
  shape: 'area',
  margin: { top: 8, right: 16, bottom: 4, left: 4 },
  xTicks: 5,
  series: [
    { key: 'queued', label: 'queued', colour: 'queued', unit: 'jobs', width: 2, fillOpacity: 0.18 },
    { key: 'inFlight', label: 'in flight', colour: 'inFlight', unit: 'jobs', width: 2, fillOpacity: 0.18 },
  ],
  axes: [{ tick: countTick, width: 52, wholeNumbers: true }],
  useData: (onScreen) => useStaggeredChartData(CHART_SLOTS.queue, onScreen),
};

export function QueueChart() {
  return <LiveChart spec={QUEUE_CHART} />;
}
