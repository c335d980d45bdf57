/**
 * A recording in the Trace Event Format (the JSON that Perfetto and chrome://tracing open): counter tracks for
 * the host's loop delay, throughput, the queue and each unit's CPU, and instant events for switches, crashes and
 * timeouts. Timestamps are microseconds from the run's start. Every track sits under one process, the lab,
 * each unit's CPU on a track of its own, so a 64-unit run reads as 64 rows beside the host's. A figure a tick did
 * not measure (null) is left out of the trace, not written as 0.
 */
import type { Recording } from './format';

/** One trace event (the fields this export uses). */
export interface TraceEvent {
  name: string;
  ph: 'C' | 'i' | 'M';
  ts: number;
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
  const events: TraceEvent[] = [
    { name: 'process_name', ph: 'M', ts: 0, pid: hostPid, tid: 0, args: { name: 'lab host' } },
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
    for (const unit of tick.units) {
      if (unit.cpu === null || unit.state === 'exited') continue;
      if (!unitTids.has(unit.id)) unitTids.set(unit.id, unitTids.size + 1);
      events.push({ name: `cpu ${unit.id} (cores)`, ph: 'C', ts, pid: hostPid, tid: unitTids.get(unit.id)!, args: { cpu: unit.cpu } });
    }
  }
  for (const event of recording.events) {
    const ts = event.t * US_PER_MS;
    if (event.event === 'strategy-switched') {
      events.push({ name: `switched to ${event.to}`, ph: 'i', s: 'g', cat: 'switch', ts, pid: hostPid, tid: 0, args: { firstReadyMs: event.firstReadyMs, readyMs: event.readyMs } });
    } else if (event.event === 'unit-exited' && !event.voluntary) {
      events.push({ name: `${event.cause}: ${event.unitId}`, ph: 'i', s: 'g', cat: event.cause, ts, pid: hostPid, tid: 0, args: { unit: event.unitId, cause: event.cause } });
    }
  }
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    metadata: { source: 'Node Concurrency Lab', recording: recording.name, startedAt: recording.header.startedAt, machine: recording.header.machine },
  };
}
