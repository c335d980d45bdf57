/**
 * CSV exports of a recording for spreadsheets and notebooks: one row per tick (the host and the jobs), and a
 * long table with one row per unit per tick (units come and go, so they do not fit as columns). A figure the
 * tick did not measure (null) is an empty cell, never a 0: spreadsheets and pandas read it as missing.
 *
 * Column names: where a column is a figure of OpenTelemetry's Node.js runtime, process or HTTP semantic
 * conventions, it has that metric's name (`nodejs.eventloop.delay.p99`, `process.memory.usage`, ...), so a
 * notebook written against an OTel export reads it; the lab's own figures keep snake_case names. Either way the
 * unit is the name's suffix (`_ms`, `_bytes`; none for a share 0..1), because the lab's unit is not always OTel's
 * (OTel says seconds where the lab says ms). README, "Exports", maps every column.
 * An attached run (shared/attach.ts) adds the app's columns: its processes and HTTP per tick, and per process
 * its command and HTTP; its host, the app's first process, gets a row of its own in the long table.
 */
import { ATTACHED, type AppProcessTick, type HttpInterval } from '../attach';
import type { Tick, UnitTick } from '../messages';
import type { GcSample, LoopSample } from '../unit-samples';
import { responsesIn } from './attached-report';
import type { Recording } from './format';

type Cell = string | number | boolean | null;

/** RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled; null is empty. */
function cell(value: Cell | undefined): string {
  // Undefined: a field recordings made before it existed lack (not measured then either).
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function table(header: readonly string[], rows: Array<Array<Cell | undefined>>): string {
  return [header.join(','), ...rows.map((row) => row.map(cell).join(','))].join('\n') + '\n';
}

/** The loop and memory of one thread as OTel names them: delay p50, p99, max, utilisation, heap used. */
const LOOP_COLUMNS = ['nodejs.eventloop.delay.p50_ms', 'nodejs.eventloop.delay.p99_ms', 'nodejs.eventloop.delay.max_ms', 'nodejs.eventloop.utilization'] as const;
/** A thread's garbage collections in the tick's slices: how many, their pauses added up, the longest. */
const GC_COLUMNS = ['v8js.gc.duration.count', 'v8js.gc.duration.sum_ms', 'v8js.gc.duration.max_ms'] as const;

function loopCells(sample: Pick<LoopSample, 'eld' | 'elu'>): Cell[] {
  return [sample.eld?.p50 ?? null, sample.eld?.p99 ?? null, sample.eld?.max ?? null, sample.elu];
}

function gcCells(gc: GcSample | null | undefined): Cell[] {
  return gc ? [gc.count, gc.pauseMs, gc.maxMs] : [null, null, null];
}

/** Columns of the per-tick table, with their units. */
export const TICK_COLUMNS = [
  't_s', 'strategy', 'workload', ...LOOP_COLUMNS, 'host_cpu_cores', 'process.cpu.utilization', 'process.memory.usage_bytes', 'v8js.memory.heap.used_bytes', ...GC_COLUMNS,
  'throughput_jobs_per_s', 'latency_p50_ms', 'latency_p99_ms', 'queued', 'in_flight', 'submitted', 'completed', 'failed', 'dropped', 'cancelled',
  'health_answered', 'health_timeouts', 'health_p99_ms', 'units_alive',
] as const;

/** The incoming HTTP of one interval as OTel's `http.server.*` metrics have it, and the lab's counts beside them. */
const HTTP_COLUMNS = [
  'http.server.request.duration.count', 'http_responses_per_s', 'http.server.request.duration.p50_ms', 'http.server.request.duration.p99_ms', 'http.server.request.duration.max_ms',
  'http.server.active_requests', 'http_requests_started', 'http_5xx', 'http_aborted',
] as const;

/** Columns an attached run's per-tick table has after {@link TICK_COLUMNS}: the app's processes and its HTTP. */
export const ATTACHED_TICK_COLUMNS = ['app_processes', 'app_threads', 'app_refused', ...HTTP_COLUMNS] as const;

function httpCells(http: HttpInterval | null): Cell[] {
  if (!http) return HTTP_COLUMNS.map(() => null);
  return [responsesIn(http), http.perSecond, http.latency?.p50 ?? null, http.latency?.p99 ?? null, http.latency?.max ?? null, http.inFlight, http.started, http.finished['5xx'], http.aborted];
}

/** Whether a recording is of an attached run: its ticks name the strategy `attached`. */
function isAttached(recording: Recording): boolean {
  return recording.ticks.some((tick) => tick.strategy === ATTACHED);
}

function tickRow(tick: Tick, cores: number): Cell[] {
  const { host, jobs, health } = tick;
  return [
    tick.t / 1000, tick.strategy, tick.workload, ...loopCells(host), host.cpu,
    // OTel's process.cpu.utilization is the process's CPU time over the elapsed time and the CPUs there are.
    typeof host.processCpu === 'number' && cores > 0 ? host.processCpu / cores : null, host.rss, host.heapUsed, ...gcCells(host.gc),
    jobs.throughput, jobs.latency?.p50 ?? null, jobs.latency?.p99 ?? null, jobs.queued, jobs.inFlight, jobs.submitted, jobs.completed, jobs.failed, jobs.dropped, jobs.cancelled,
    health?.answered ?? null, health?.timeouts ?? null, health?.latency?.p99 ?? null, tick.units.filter((u) => u.state !== 'exited').length,
  ];
}

function attachedTickCells(tick: Tick): Cell[] {
  const app = tick.app;
  if (!app) return ATTACHED_TICK_COLUMNS.map(() => null);
  const processes = app.processes.filter((p) => !p.exit).length;
  const threads = tick.units.filter((u) => u.threadId !== null && u.state !== 'exited').length;
  return [processes, threads, app.refused, ...httpCells(app.http)];
}

/** The columns of a recording's per-tick table. */
export function tickColumns(recording: Recording): readonly string[] {
  return isAttached(recording) ? [...TICK_COLUMNS, ...ATTACHED_TICK_COLUMNS] : TICK_COLUMNS;
}

/** One row per tick. */
export function ticksCsv(recording: Recording): string {
  const attached = isAttached(recording);
  const cores = recording.header.machine.cores;
  return table(
    tickColumns(recording),
    recording.ticks.map((tick) => [...tickRow(tick, cores), ...(attached ? attachedTickCells(tick) : [])]),
  );
}

/** Columns of the per-unit table. */
export const UNIT_COLUMNS = [
  't_s', 'unit', 'kind', 'strategy', 'pid', 'thread_id', 'state', 'blocked', ...LOOP_COLUMNS, 'cpu_cores', 'process.memory.usage_bytes', 'v8js.memory.heap.used_bytes', ...GC_COLUMNS,
  'done', 'exit_cause',
] as const;

/** Columns an attached run's per-unit table has after {@link UNIT_COLUMNS}: per process, its command and its HTTP. */
export const ATTACHED_UNIT_COLUMNS = ['process.command', 'agent', ...HTTP_COLUMNS] as const;

function unitCells(tick: Tick, u: UnitTick): Cell[] {
  return [tick.t / 1000, u.id, u.kind, u.strategy, u.pid, u.threadId, u.state, u.blocked === true, ...loopCells(u), u.cpu, u.rss, u.heapUsed, ...gcCells(u.gc), u.done, u.exit?.cause ?? null];
}

/** A process's own columns (on its process row; a thread's row leaves them empty). */
function processCells(appProcess: AppProcessTick | undefined): Cell[] {
  return appProcess ? [appProcess.command, appProcess.agent, ...httpCells(appProcess.http)] : ATTACHED_UNIT_COLUMNS.map(() => null);
}

/** The id the long table gives an attached run's host (the app's first process) on its rows. */
export const HOST_ROW_ID = 'host';

/**
 * An attached tick's rows: the host's, each unit's, and any process of the app the tick lists without a unit
 * row (so every process and thread of the app has its row), each with its process's own columns.
 */
function attachedUnitRows(tick: Tick): Cell[][] {
  const processes = new Map((tick.app?.processes ?? []).map((p) => [p.pid, p]));
  const host = tick.host;
  const rows: Cell[][] = [
    [tick.t / 1000, HOST_ROW_ID, 'process', tick.strategy, host.pid, null, null, false, ...loopCells(host), host.cpu, host.rss, host.heapUsed, ...gcCells(host.gc), null, null, ...processCells(processes.get(host.pid))],
  ];
  const listed = new Set([host.pid]);
  for (const u of tick.units) {
    const own = u.threadId === null ? processes.get(u.pid) : undefined;
    if (u.threadId === null) listed.add(u.pid);
    rows.push([...unitCells(tick, u), ...processCells(own)]);
  }
  for (const p of processes.values()) {
    if (listed.has(p.pid)) continue;
    rows.push([tick.t / 1000, `process-${p.pid}`, 'process', tick.strategy, p.pid, null, p.exit ? 'exited' : null, false, ...LOOP_COLUMNS.map(() => null), null, null, null, ...gcCells(null), null, null, ...processCells(p)]);
  }
  return rows;
}

/** The columns of a recording's per-unit table. */
export function unitColumns(recording: Recording): readonly string[] {
  return isAttached(recording) ? [...UNIT_COLUMNS, ...ATTACHED_UNIT_COLUMNS] : UNIT_COLUMNS;
}

/** One row per unit per tick (an attached run: per process and thread of the app, its host first). */
export function unitsCsv(recording: Recording): string {
  const attached = isAttached(recording);
  const rows: Cell[][] = [];
  for (const tick of recording.ticks) {
    if (attached) rows.push(...attachedUnitRows(tick));
    else for (const u of tick.units) rows.push(unitCells(tick, u));
  }
  return table(unitColumns(recording), rows);
}
