/** How the experiment panels name the charts a watch item points at, and a segment's settings. */
import type { ChartName, Segment } from '../../../shared/experiments/types';

/** The chart's title as the page shows it. */
export const CHART_WORDS: Readonly<Record<ChartName, string>> = {
  'host-eld': 'Host event-loop delay',
  health: 'Host health check',
  throughput: 'Throughput and latency',
  queue: 'Queue depth',
  timeline: 'Timeline',
  units: 'Units table',
  events: 'Events',
};

/** "strategy worker-pool, poolSize 1", or an empty string for a segment that changes nothing. */
export function settingsText(segment: Segment): string {
  return Object.entries(segment.configure ?? {})
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');
}

/** "6 s", "0.5 s": seconds as the timeline prints them. */
export function seconds(s: number): string {
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
