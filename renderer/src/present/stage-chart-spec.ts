/**
 * The lab's chart descriptions, made for the stage's type. The stage draws chart text at 20 to 24 px and more
 * (stage-text.ts) where the lab draws axis ticks at 0.78rem (charts.css); an axis kept at the lab's width then
 * cuts its numbers ("2000" read "000" at 1920x1080). On the stage each y axis is as wide, in characters, as in
 * the lab: its width grows with the text.
 */
import type { StageChart } from '../../../shared/present/talk';
import { eldChartSpec } from '../charts/EldChart';
import { HEALTH_CHART } from '../charts/HealthChart';
import type { LiveChartSpec } from '../charts/live-chart-spec';
import { queueChartSpec } from '../charts/QueueChart';
import { throughputChartSpec } from '../charts/ThroughputChart';

/** The lab's axis tick text, px (charts.css: `.recharts-cartesian-axis-tick-value`, 0.78rem of 16 px). */
export const LAB_TICK_PX = 12.48;

export function stageChartSpec(spec: LiveChartSpec, textPx: number): LiveChartSpec {
  const scale = Math.max(1, textPx / LAB_TICK_PX);
  return { ...spec, axes: spec.axes.map((axis) => ({ ...axis, width: Math.ceil(axis.width * scale) })), stageTextPx: textPx };
}

/**
 * The lab's description of a stage chart, for a lab run or an attached one: the same choice the lab's own charts
 * make (EldChart, ThroughputChart, QueueChart). Health has no attached form: the lab never calls into an app
 * (talk.ts refuses it in an attach scene), so it keeps its own title and stays empty.
 */
export function stageChartBase(chart: Exclude<StageChart, 'timeline'>, attached: boolean): LiveChartSpec {
  switch (chart) {
    case 'host-eld':
      return eldChartSpec(attached);
    case 'throughput':
      return throughputChartSpec(attached);
    case 'queue':
      return queueChartSpec(attached);
    case 'health':
      return HEALTH_CHART;
  }
}
