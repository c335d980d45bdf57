/**
 * Jobs completed per second (left axis) and job latency p50/p99 (right axis, ms, queue wait included), with the
 * startup of the units that became ready in each interval on the same ms axis: under worker-per-task every job
 * pays it, so the two lines show how much of a job's latency is the thread's creation. On a run attached to the
 * user's app the jobs are its incoming HTTP requests (Tick.app): the same lines, named for what they are.
 */
import { useLab } from '../state/use-lab';
import { countTick, msTick } from './axis';
import type { LiveChartSpec } from './live-chart-spec';
import { LiveChart } from './LiveChart';
import { CHART_SLOTS, useStaggeredChartData } from './use-chart-data';

export const THROUGHPUT_CHART: LiveChartSpec = {
  title: 'Throughput and latency',
  unit: 'jobs/s · ms',
  testId: 'chart-throughput',
  height: 240,
  shape: 'line',
  margin: { top: 8, right: 8, bottom: 4, left: 4 },
  xTicks: 5,
  series: [
    { key: 'throughput', label: 'throughput', colour: 'throughput', unit: 'jobs/s', axis: 'rate', width: 2.5 },
    { key: 'latencyP50', label: 'latency p50', colour: 'latencyP50', unit: 'ms', axis: 'ms', width: 2, isolatedDots: true },
    { key: 'latencyP99', label: 'latency p99', colour: 'latencyP99', unit: 'ms', axis: 'ms', width: 2, dash: '5 3', isolatedDots: true },
    // Latency is null where no job completed, unit startup where no unit started: a gap, not a drop to 0; a lone
    // value (a pool's switch or crash, the one job of a slow tick) gets a dot.
    { key: 'startupP50', label: 'unit startup p50', colour: 'startup', unit: 'ms', axis: 'ms', width: 2, isolatedDots: true },
  ],
  axes: [
    { id: 'rate', tick: countTick, width: 52, colour: 'throughput', wholeNumbers: true },
    { id: 'ms', tick: msTick, width: 52, right: true },
  ],
  useData: (onScreen) => useStaggeredChartData(CHART_SLOTS.throughput, onScreen),
};

/** An attached run's: responses a second and request-to-response latency of the app's incoming HTTP. */
export const HTTP_THROUGHPUT_CHART: LiveChartSpec = {
  ...THROUGHPUT_CHART,
  title: 'HTTP requests/s and HTTP latency',
  unit: 'req/s · ms',
  series: [
    { key: 'throughput', label: 'HTTP requests/s', colour: 'throughput', unit: 'req/s', axis: 'rate', width: 2.5 },
    { key: 'latencyP50', label: 'HTTP latency p50', colour: 'latencyP50', unit: 'ms', axis: 'ms', width: 2, isolatedDots: true },
    { key: 'latencyP99', label: 'HTTP latency p99', colour: 'latencyP99', unit: 'ms', axis: 'ms', width: 2, dash: '5 3', isolatedDots: true },
  ],
};

/** The chart's description for the run on screen (live or replayed): jobs, or an attached app's HTTP requests. */
export function throughputChartSpec(attached: boolean): LiveChartSpec {
  return attached ? HTTP_THROUGHPUT_CHART : THROUGHPUT_CHART;
}

export function ThroughputChart() {
  const attached = useLab((s) => s.attachedRun !== null);
  return <LiveChart spec={throughputChartSpec(attached)} />;
}
