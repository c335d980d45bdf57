/**
 * Queue depth: jobs waiting for a free unit, and jobs running on one. A growing `queued` means overload. On a run
 * attached to the user's app only its HTTP requests in flight are known (an app's queue is not visible from outside).
 */
import { useLab } from '../state/use-lab';
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

/** An attached run's: the app's HTTP requests begun and not finished, at each tick. */
export const HTTP_IN_FLIGHT_CHART: LiveChartSpec = {
  ...QUEUE_CHART,
  title: 'HTTP requests in flight',
  unit: 'requests',
  series: [{ key: 'inFlight', label: 'in flight', colour: 'inFlight', unit: 'requests', width: 2, fillOpacity: 0.18 }],
};

export function queueChartSpec(attached: boolean): LiveChartSpec {
  return attached ? HTTP_IN_FLIGHT_CHART : QUEUE_CHART;
}

export function QueueChart() {
  const attached = useLab((s) => s.attachedRun !== null);
  return <LiveChart spec={queueChartSpec(attached)} />;
}
