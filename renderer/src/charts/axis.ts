/**
 * Formatters of the live charts, defined once at module level: recharts compares props by reference, and a new
 * function each render would make every axis and tooltip redraw on every flush.
 */
import { formatCount, formatMs, formatRate } from '../state/format';

export const secondsTick = (t: number): string => `${Math.round(t)} s`;
export const msTick = (v: number): string => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)}`);
export const countTick = (v: number): string => (v >= 10_000 ? `${Math.round(v / 1000)}k` : Number.isInteger(v) ? String(v) : v.toFixed(1));
export const timeLabel = (t: unknown): string => `t = ${Number(t).toFixed(1)} s`;

/** The health chart's unit, with how often the host is checked when the tick says (it depends on the strategy). */
export const healthCheckUnit = (everyMs: number | undefined): string => (everyMs ? `ms · timeouts · a check every ${formatMs(everyMs)}` : 'ms · timeouts');

/** What a live chart's value counts, as its series says (see live-chart-spec.ts): how its tooltip writes it. */
export type ValueUnit = 'ms' | 'jobs/s' | 'jobs' | 'req/s' | 'requests' | 'timed out';

/**
 * Tooltip values with their unit. A missing value (no unit started in that interval) reads as a dash, never as
 * 0 ms. One function per unit, made once: recharts calls a tooltip entry's own formatter with the value.
 */
export const VALUE_FORMATTERS: Readonly<Record<ValueUnit, (value: unknown) => string>> = {
  ms: (value) => (missing(value) ? '–' : formatMs(Number(value))),
  'jobs/s': (value) => (missing(value) ? '–' : formatRate(Number(value))),
  jobs: (value) => (missing(value) ? '–' : `${formatCount(Number(value))} jobs`),
  'req/s': (value) => (missing(value) ? '–' : formatRate(Number(value), 'req/s')),
  requests: (value) => (missing(value) ? '–' : `${formatCount(Number(value))} requests`),
  'timed out': (value) => (missing(value) ? '–' : `${formatCount(Number(value))} timed out`),
};

function missing(value: unknown): boolean {
  return value === null || value === undefined;
}

/** The advisor chart's tooltip values: its throughput bars in jobs/s, its delay bars in ms. */
export function tooltipValue(value: unknown, _name: unknown, item: { dataKey?: unknown }): string {
  return VALUE_FORMATTERS[item.dataKey === 'throughput' ? 'jobs/s' : 'ms'](value);
}
