/**
 * Host event-loop delay (p50, p99, max per interval), the chart that tells the story: under `main-thread` the
 * host's own loop stalls; under the others it stays flat. Each strategy switch is a labelled vertical line,
 * and the background is tinted with the strategy that ran there. Units that crashed, timed out or were killed
 * are small marks on the time axis (see ExitMarkers). On a run attached to the user's app, the host is the app's
 * first process, and the chart is titled so.
 */
import { useLab } from '../state/use-lab';
import { msTick } from './axis';
import { EXIT_LANE_OFFSET } from './ExitMarkers';
import type { LiveChartSpec } from './live-chart-spec';
import { LiveChart } from './LiveChart';
import { useChartData } from './use-chart-data';

export const ELD_CHART: LiveChartSpec = {
  title: 'Host event-loop delay',
  unit: 'ms',
  testId: 'chart-eld',
  height: 270,
  shape: 'line',
  // The top leaves room for the exit marks' lane.
  margin: { top: EXIT_LANE_OFFSET * 2 + 2, right: 24, bottom: 4, left: 4 },
  xTicks: 7,
  // Over a short interval max often equals p99: drawn last and dashed, it stays visible on top of it.
  series: [
    { key: 'eldP50', label: 'p50', colour: 'eldP50', unit: 'ms', width: 2 },
    { key: 'eldP99', label: 'p99', colour: 'eldP99', unit: 'ms', width: 2.5 },
    { key: 'eldMax', label: 'max', colour: 'eldMax', unit: 'ms', width: 1.5, dash: '4 3' },
    // The host's own collections pause its loop too: their time per interval, on the same ms axis, shows how much
    // of a delay was the garbage collector's (the clone experiment's copies make garbage on the sending thread).
    { key: 'gcPauseMs', label: 'GC pause', colour: 'gc', unit: 'ms', width: 1.5, dash: '1 3', isolatedDots: true },
  ],
  axes: [{ tick: msTick, width: 56 }],
  // The delay chart paints with the numbers, on the store's flush itself.
  useData: useChartData,
  strategyMarks: true,
  exitMarks: true,
};

/** An attached run's: the delay of the app's first process's main thread (the run's host). */
export const APP_ELD_CHART: LiveChartSpec = { ...ELD_CHART, title: 'App main loop delay' };

export function eldChartSpec(attached: boolean): LiveChartSpec {
  return attached ? APP_ELD_CHART : ELD_CHART;
}

export function EldChart() {
  const attached = useLab((s) => s.attachedRun !== null);
  return <LiveChart spec={eldChartSpec(attached)} />;
}
