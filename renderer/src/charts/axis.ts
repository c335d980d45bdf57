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

/**
 * Tooltip values with their unit, chosen by series: rates in jobs/s, counts bare, everything else in ms. A
 * missing value (no unit started in that interval) reads as a dash, never as 0 ms.
 */
export function tooltipValue(value: unknown, _name: unknown, item: { dataKey?: unknown }): string {
  if (value === null || value === undefined) return '–';
  const v = Number(value);
  if (item.dataKey === 'throughput') return formatRate(v);
  if (item.dataKey === 'queued' || item.dataKey === 'inFlight') return `${formatCount(v)} jobs`;
  if (item.dataKey === 'healthTimeouts') return `${formatCount(v)} timed out`;
  return formatMs(v);
}
