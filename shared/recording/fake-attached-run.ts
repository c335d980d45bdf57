/**
 * A synthetic recording of an attached run (shared/attach.ts), line by line as the engine and the recorder write
 * one, for the tests of what reads recordings (report, thresholds, exports). The app: its first process (the
 * host, pid 100) serving HTTP with one worker thread, a forked Node child (pid 101) serving HTTP too, and a
 * shell child (pid 102) without the agent; one connection refused from the fifth tick on; it exits with code 0.
 */
import { ATTACHED, type AppExit, type AppProcessTick, type AttachSpec, type HttpInterval } from '../attach';
import { BUSY_SLICE_MS } from '../activity/busy-slices';
import type { LabEvent, Summary, Tick, UnitTick } from '../messages';
import { defaultConfig } from '../run-config';
import { RECORDING_FORMAT, type RecordingHeader } from './format';

export const ATTACHED_SPEC: AttachSpec = { command: ['node', 'server.js', '--port', '0'], cwd: '/srv/app' };
export const INTERVAL_MS = 200;
export const TICKS = 10;
/** Per tick, per HTTP process: responses 2xx and 5xx, and the latency. */
const PER_TICK = { ok: 19, errors: 1, latency: { p50: 2, p99: 8, max: 12 } };
export const APP_EXIT: AppExit = { code: 0, signal: null, byLab: false, detail: 'exited with code 0' };

function httpOf(share: number): HttpInterval {
  const ok = PER_TICK.ok * share;
  const errors = PER_TICK.errors * share;
  return {
    started: ok + errors,
    perSecond: ((ok + errors) * 1000) / INTERVAL_MS,
    finished: { '1xx': 0, '2xx': ok, '3xx': 0, '4xx': 0, '5xx': errors },
    aborted: 0,
    latency: PER_TICK.latency,
    inFlight: 1 * share,
  };
}

function unit(id: string, pid: number, threadId: number | null): UnitTick {
  return {
    id, kind: threadId === null ? 'process' : 'thread', strategy: ATTACHED, pid, threadId, state: 'busy',
    eld: { p50: 1, p99: 3, max: 4 }, elu: 0.3, cpu: 0.25, rss: threadId === null ? 50_000_000 : null, heapUsed: 9_000_000, done: 0, busy: null,
    gc: { count: 2, pauseMs: 1.5, maxMs: 1 },
  };
}

function tick(index: number, last: boolean): Tick {
  const t = (index + 1) * INTERVAL_MS;
  const processes: AppProcessTick[] = [
    { pid: 100, ppid: 1, command: 'node server.js --port 0', agent: true, root: true, http: httpOf(1), ...(last ? { exit: { code: 0, signal: null } } : {}) },
    { pid: 101, ppid: 100, command: 'node child.js', agent: true, root: false, http: httpOf(1) },
    { pid: 102, ppid: 100, command: 'sh -c sleep 60', agent: false, root: false, http: null },
  ];
  const completed = (index + 1) * PER_TICK.ok * 2;
  const failed = (index + 1) * PER_TICK.errors * 2;
  return {
    type: 'tick', t, strategy: ATTACHED, workload: 'fib',
    host: { eld: { p50: 1, p99: 5, max: 7 }, elu: 0.4, cpu: 0.3, processCpu: 0.5, rss: 60_000_000, heapUsed: 10_000_000, pid: 100, busy: null, gc: { count: 1, pauseMs: 2, maxMs: 2 } },
    units: [unit('attached/pid-100/thread-1', 100, 1), unit('attached/pid-101', 101, null)],
    sliceMs: BUSY_SLICE_MS, sliceStart: t - INTERVAL_MS,
    jobs: { submitted: completed + failed + 2, completed, failed, dropped: 0, cancelled: 0, queued: 0, inFlight: 2, retried: 0, throughput: (PER_TICK.ok * 2 * 1000) / INTERVAL_MS, latency: { p50: 2, p99: 8 } },
    startup: null, health: null,
    app: { processes, http: httpOf(2), refused: index >= 4 ? 1 : 0 },
  };
}

/** The run's events: started, its units, the app's exit, stopped. */
function events(endMs: number): LabEvent[] {
  const config = { ...defaultConfig(), intervalMs: INTERVAL_MS };
  return [
    { type: 'event', t: 0, event: 'run-started', config, attached: ATTACHED_SPEC },
    { type: 'event', t: 150, event: 'unit-started', unitId: 'attached/pid-101', kind: 'process', strategy: ATTACHED, pid: 101, threadId: null, generation: 1, startupMs: 0 },
    { type: 'event', t: 160, event: 'unit-started', unitId: 'attached/pid-100/thread-1', kind: 'thread', strategy: ATTACHED, pid: 100, threadId: 1, generation: 1, startupMs: 0 },
    { type: 'event', t: endMs, event: 'app-exited', pid: 100, ...APP_EXIT },
    { type: 'event', t: endMs, event: 'run-stopped', config, attached: ATTACHED_SPEC },
  ];
}

function summary(endMs: number): Summary {
  const responses = TICKS * (PER_TICK.ok + PER_TICK.errors) * 2;
  return {
    type: 'summary', t: endMs, config: { ...defaultConfig(), intervalMs: INTERVAL_MS },
    jobs: { submitted: responses, completed: TICKS * PER_TICK.ok * 2, failed: TICKS * PER_TICK.errors * 2, dropped: 0, cancelled: 0, queued: 0, inFlight: 0, retried: 0 },
    throughput: (TICKS * PER_TICK.ok * 2 * 1000) / endMs, latency: { p50: 2, p99: 9, max: 12 }, hostEld: { p50: 1, p99: 5, max: 7 },
    unitsStarted: 2, unitsExited: 2, unitsAlive: 0, failures: {}, switches: 0,
    attached: {
      ...ATTACHED_SPEC,
      exit: APP_EXIT,
      http: { started: responses, perSecond: (responses * 1000) / endMs, finished: { '1xx': 0, '2xx': TICKS * PER_TICK.ok * 2, '3xx': 0, '4xx': 0, '5xx': TICKS * PER_TICK.errors * 2 }, aborted: 0, latency: { p50: 2, p99: 9, max: 12 }, inFlight: 0 },
      refused: 1,
      processesSeen: 3,
      threadsSeen: 1,
    },
  };
}

export const HEADER: RecordingHeader = {
  type: 'header',
  format: RECORDING_FORMAT,
  startedAt: '2026-12-07T12:00:00.000Z',
  config: { ...defaultConfig(), intervalMs: INTERVAL_MS },
  plan: [],
  experiment: null,
  machine: { cores: 2, cpuModel: 'test cpu', node: 'v20.0.0', memoryBytes: 2 ** 34, os: 'linux', kernel: '6.1', arch: 'x64', v8: '11', electron: null, host: 'cli' },
};

/** The recording's lines, in the order the recorder writes them (events placed by time among the ticks). */
export function attachedRecordingLines(): unknown[] {
  const ticks = Array.from({ length: TICKS }, (_, i) => tick(i, i === TICKS - 1));
  const endMs = TICKS * INTERVAL_MS;
  const lines: Array<{ t: number }> = [...ticks, ...events(endMs)].sort((a, b) => a.t - b.t);
  return [HEADER, ...lines, summary(endMs)];
}

/** The recording as the file's text. */
export function attachedRecordingText(): string {
  return attachedRecordingLines().map((line) => JSON.stringify(line)).join('\n') + '\n';
}
