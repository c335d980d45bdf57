/**
 * A recording in the Trace Event Format (the JSON that Perfetto and chrome://tracing open): counter tracks for
 * the host's loop delay, throughput, the queue and each unit's CPU, and instant events for switches, crashes and
 * timeouts; an attached run's app (shared/attach.ts) adds its HTTP responses and latency, its processes, and
 * its exit. Timestamps are microseconds from the run's start. The counters sit under one process, the lab,
 * each unit's CPU on a track of its own, so a 64-unit run reads as 64 rows beside the host's. A figure a tick did
 * not measure (null) is left out of the trace, not written as 0.
 * The timeline's data goes on thread lanes, as the OS sees them (pid and thread id: a worker thread under the
 * host's process, a child under its own): busy time as complete events ("X"), one per run of full slices and
 * one per partial slice, placed against its full neighbour (where the busy part most likely was) or at the
 * slice's start, so each lane's busy time adds up to its slices'; each tick's collections as one instant event
 * at the end of its slices (the tick keeps their count and pauses, not their moments).
 */
import type { Tick } from '../messages';
import { attachedReport, commandLine } from './attached-report';
import type { Recording } from './format';

/** One trace event (the fields this export uses). */
export interface TraceEvent {
  name: string;
  ph: 'C' | 'i' | 'M' | 'X';
  ts: number;
  /** Duration of a complete event ("X"), in µs. */
  dur?: number;
  pid: number;
  tid: number;
  s?: 'g' | 'p' | 't';
  cat?: string;
  args: Record<string, number | string>;
}

/** The trace file's content. */
export interface TraceFile {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  metadata: Record<string, unknown>;
}

const US_PER_MS = 1000;

/** The whole recording as a trace. */
export function traceOf(recording: Recording): TraceFile {
  const hostPid = recording.ticks[0]?.host.pid ?? 1;
  // An attached run's host is the app's first process, not the lab.
  const attached = attachedReport(recording);
  const events: TraceEvent[] = [
    { name: 'process_name', ph: 'M', ts: 0, pid: hostPid, tid: 0, args: { name: attached ? `app: ${commandLine(attached.command)}` : 'lab host' } },
  ];
  const unitTids = new Map<string, number>();
  for (const tick of recording.ticks) {
    const ts = tick.t * US_PER_MS;
    const { host, jobs } = tick;
    if (host.eld) {
      events.push({ name: 'host event-loop delay (ms)', ph: 'C', ts, pid: hostPid, tid: 0, args: { p50: host.eld.p50, p99: host.eld.p99, max: host.eld.max } });
    }
    events.push(
      { name: 'throughput (jobs/s)', ph: 'C', ts, pid: hostPid, tid: 0, args: { completed: jobs.throughput } },
      { name: 'queue (jobs)', ph: 'C', ts, pid: hostPid, tid: 0, args: { queued: jobs.queued, inFlight: jobs.inFlight } },
    );
    if (tick.app) {
      const { http } = tick.app;
      events.push({ name: 'app processes', ph: 'C', ts, pid: hostPid, tid: 0, args: { alive: tick.app.processes.filter((p) => !p.exit).length } });
      if (http) events.push({ name: 'http (responses/s)', ph: 'C', ts, pid: hostPid, tid: 0, args: { finished: http.perSecond, inFlight: http.inFlight } });
      if (http?.latency) events.push({ name: 'http latency (ms)', ph: 'C', ts, pid: hostPid, tid: 0, args: { p50: http.latency.p50, p99: http.latency.p99, max: http.latency.max } });
    }
    for (const unit of tick.units) {
      if (unit.cpu === null || unit.state === 'exited') continue;
      if (!unitTids.has(unit.id)) unitTids.set(unit.id, unitTids.size + 1);
      events.push({ name: `cpu ${unit.id} (cores)`, ph: 'C', ts, pid: hostPid, tid: unitTids.get(unit.id)!, args: { cpu: unit.cpu } });
    }
  }
  events.push(...laneEvents(recording.ticks, hostPid));
  for (const event of recording.events) {
    const ts = event.t * US_PER_MS;
    if (event.event === 'strategy-switched') {
      events.push({ name: `switched to ${event.to}`, ph: 'i', s: 'g', cat: 'switch', ts, pid: hostPid, tid: 0, args: { firstReadyMs: event.firstReadyMs, readyMs: event.readyMs, ...(event.tookMs === undefined ? {} : { tookMs: event.tookMs }) } });
    } else if (event.event === 'unit-exited' && !event.voluntary) {
      events.push({ name: `${event.cause}: ${event.unitId}`, ph: 'i', s: 'g', cat: event.cause, ts, pid: hostPid, tid: 0, args: { unit: event.unitId, cause: event.cause } });
    } else if (event.event === 'app-exited') {
      events.push({ name: `app ${event.detail}`, ph: 'i', s: 'g', cat: 'app-exited', ts, pid: hostPid, tid: 0, args: { code: event.code ?? 'none', signal: event.signal ?? 'none' } });
    }
  }
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    metadata: { source: 'Node Concurrency Lab', recording: recording.name, startedAt: recording.header.startedAt, machine: recording.header.machine },
  };
}

/** One thread's lane: where its events go, its name, and its slices so far (run ms of each, share busy). */
interface Lane {
  pid: number;
  tid: number;
  name: string;
  slices: Array<[number, number]>;
}

/**
 * The busy and collection events of every thread lane: the host's main thread (tid 0 of the host's process),
 * each worker thread (its thread id, under the process it lives in) and each child process (its main thread).
 * A tick recorded before the lab sent slices has none.
 */
function laneEvents(ticks: Tick[], hostPid: number): TraceEvent[] {
  const lanes = new Map<string, Lane>();
  const events: TraceEvent[] = [];
  const laneOf = (key: string, pid: number, tid: number, name: string) => {
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { pid, tid, name, slices: [] }));
    return lane;
  };
  for (const tick of ticks) {
    if (tick.sliceStart === undefined) continue;
    const rows: Array<[Lane, Pick<Tick['host'], 'busy' | 'gc'>]> = [[laneOf('host', hostPid, 0, 'host main thread'), tick.host]];
    for (const unit of tick.units) rows.push([laneOf(unit.id, unit.pid, unit.threadId ?? 0, unit.id), unit]);
    for (const [lane, row] of rows) {
      const busy = row.busy ?? [];
      busy.forEach((share, i) => lane.slices.push([tick.sliceStart + i * tick.sliceMs, share]));
      if (row.gc && row.gc.count > 0) {
        const ts = (tick.sliceStart + busy.length * tick.sliceMs) * US_PER_MS;
        events.push({ name: 'GC', ph: 'i', s: 't', cat: 'gc', ts, pid: lane.pid, tid: lane.tid, args: { count: row.gc.count, pauseMs: row.gc.pauseMs, maxMs: row.gc.maxMs } });
      }
    }
  }
  const sliceMs = ticks.find((tick) => tick.sliceMs !== undefined)?.sliceMs ?? 0;
  const named = new Set<number>([hostPid]);
  for (const lane of lanes.values()) {
    if (lane.slices.length === 0) continue;
    if (!named.has(lane.pid)) {
      named.add(lane.pid);
      events.push({ name: 'process_name', ph: 'M', ts: 0, pid: lane.pid, tid: 0, args: { name: `lab unit ${lane.pid}` } });
    }
    events.push({ name: 'thread_name', ph: 'M', ts: 0, pid: lane.pid, tid: lane.tid, args: { name: lane.name } });
    for (const [start, end] of busySpans(lane.slices, sliceMs)) {
      events.push({ name: 'busy', ph: 'X', cat: 'busy', ts: start * US_PER_MS, dur: (end - start) * US_PER_MS, pid: lane.pid, tid: lane.tid, args: {} });
    }
  }
  return events;
}

/**
 * Busy spans (run ms) of a lane's slices: a run of full slices is one span; a partial slice is a span of its
 * busy share, at the end of its slice before a full run, at the start after one (or alone), so the spans add up
 * to the slices' busy time and a job crossing slice boundaries reads as one piece.
 */
export function busySpans(slices: Array<[number, number]>, sliceMs: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const full = (i: number) => slices[i]?.[1] === 1 && Math.abs(slices[i][0] - slices[i - 1]?.[0] - sliceMs) < 0.01;
  for (let i = 0; i < slices.length; i++) {
    const [start, share] = slices[i];
    if (share <= 0) continue;
    if (share < 1) {
      // Against the full slice after it when it has one, else after the full one before it, else at its start.
      const beforeFull = full(i + 1) && !(i > 0 && slices[i - 1][1] === 1);
      const at = beforeFull ? start + (1 - share) * sliceMs : start;
      const last = spans.at(-1);
      if (!beforeFull && last && Math.abs(last[1] - start) < 0.01) last[1] = start + share * sliceMs;
      else spans.push([at, at + share * sliceMs]);
      continue;
    }
    const last = spans.at(-1);
    if (last && Math.abs(last[1] - start) < 0.01) last[1] = start + sliceMs;
    else spans.push([start, start + sliceMs]);
  }
  return spans;
}
