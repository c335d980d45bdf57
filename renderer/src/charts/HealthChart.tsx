/**
 * The host's health check (tick.health): a checker on its own thread asks an endpoint the host answers on its own
 * event loop, as a load balancer would. Latency p50 / p99 of the checks answered (ms, left axis) and the checks
 * that timed out (right axis): a blocked host loop shows here as a client would feel it.
 */
import { useLab } from '../state/use-lab';
import { countTick, healthCheckUnit, msTick } from './axis';
import type { LiveChartSpec } from './live-chart-spec';
import { LiveChart } from './LiveChart';
import { CHART_SLOTS, useStaggeredChartData } from './use-chart-data';

export const HEALTH_CHART: LiveChartSpec = {
  title: 'Host health check',
  unit: healthCheckUnit(undefined),
  testId: 'chart-health',
  height: 240,
  shape: 'line',
  margin: { top: 8, right: 8, bottom: 4, left: 4 },
  xTicks: 5,
  series: [
    // A tick with no check answered in it (with threads or processes the host is checked once a second) joins its neighbours.
    { key: 'healthP50', label: 'check p50', colour: 'latencyP50', unit: 'ms', axis: 'ms', width: 2, joinsGaps: true },
    { key: 'healthP99', label: 'check p99', colour: 'latencyP99', unit: 'ms', axis: 'ms', width: 2.5, joinsGaps: true },
    { key: 'healthTimeouts', label: 'timeouts', colour: 'crash', unit: 'timed out', axis: 'count', width: 1.5, type: 'stepAfter' },
  ],
  axes: [
    { id: 'ms', tick: msTick, width: 52 },
    { id: 'count', tick: countTick, width: 40, right: true, colour: 'crash', wholeNumbers: true },
  ],
  useData: (onScreen) => useStaggeredChartData(CHART_SLOTS.health, onScreen),
};

/**
 * The unit says how often the host is checked, which the latest tick tells (it depends on the strategy). The lab
 * checks its own host only: it never calls into an attached app, so on an attached run there is no chart.
 */
export function HealthChart() {
  const everyMs = useLab((s) => s.latest?.health?.everyMs);
  const attached = useLab((s) => s.attachedRun !== null);
  if (attached) return null;
  return <LiveChart spec={HEALTH_CHART} unit={healthCheckUnit(everyMs)} />;
}
