/**
 * CSV exports of a recording for spreadsheets and notebooks: one row per tick (the host and the jobs), and a
 * long table with one row per unit per tick (units come and go, so they do not fit as columns). A figure the
 * tick did not measure (null) is an empty cell, never a 0: spreadsheets and pandas read it as missing.
 */
import type { Tick } from '../messages';
import type { Recording } from './format';

type Cell = string | number | boolean | null;

/** RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled; null is empty. */
function cell(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function table(header: readonly string[], rows: Cell[][]): string {
  return [header.join(','), ...rows.map((row) => row.map(cell).join(','))].join('\n') + '\n';
}

/** Columns of the per-tick table, with their units. */
export const TICK_COLUMNS = [
  't_s', 'strategy', 'workload', 'host_eld_p50_ms', 'host_eld_p99_ms', 'host_eld_max_ms', 'host_elu', 'host_cpu_cores', 'host_rss_bytes',
  'throughput_jobs_per_s', 'latency_p50_ms', 'latency_p99_ms', 'queued', 'in_flight', 'submitted', 'completed', 'failed', 'dropped', 'cancelled',
  'health_answered', 'health_timeouts', 'health_p99_ms', 'units_alive',
] as const;

function tickRow(tick: Tick): Cell[] {
  const { host, jobs, health } = tick;
  return [
    tick.t / 1000, tick.strategy, tick.workload, host.eld?.p50 ?? null, host.eld?.p99 ?? null, host.eld?.max ?? null, host.elu, host.cpu, host.rss,
    jobs.throughput, jobs.latency?.p50 ?? null, jobs.latency?.p99 ?? null, jobs.queued, jobs.inFlight, jobs.submitted, jobs.completed, jobs.failed, jobs.dropped, jobs.cancelled,
    health?.answered ?? null, health?.timeouts ?? null, health?.latency?.p99 ?? null, tick.units.filter((u) => u.state !== 'exited').length,
  ];
}

/** Columns of the per-unit table. */
export const UNIT_COLUMNS = ['t_s', 'unit', 'kind', 'strategy', 'pid', 'thread_id', 'state', 'blocked', 'eld_p99_ms', 'eld_max_ms', 'elu', 'cpu_cores', 'rss_bytes', 'heap_used_bytes', 'done', 'exit_cause'] as const;

/** One row per tick. */
export function ticksCsv(recording: Recording): string {
  return table(TICK_COLUMNS, recording.ticks.map(tickRow));
}

/** One row per unit per tick. */
export function unitsCsv(recording: Recording): string {
  const rows: Cell[][] = [];
  for (const tick of recording.ticks) {
    for (const u of tick.units) {
      rows.push([tick.t / 1000, u.id, u.kind, u.strategy, u.pid, u.threadId, u.state, u.blocked === true, u.eld?.p99 ?? null, u.eld?.max ?? null, u.elu, u.cpu, u.rss, u.heapUsed, u.done, u.exit?.cause ?? null]);
    }
  }
  return table(UNIT_COLUMNS, rows);
}
