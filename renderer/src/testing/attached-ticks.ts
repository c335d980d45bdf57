/**
 * Builders of an attached run's messages for the renderer's unit tests (and the screenshot script's synthetic
 * run): ticks with `app` (the app's processes and its HTTP), its start, its end. The figures are made up but
 * keep the contract's shape and invariants: `jobs` mirrors the HTTP as Tick.app says (completed = responses
 * below 500, failed = 5xx and aborted), a process without the agent has no loop figures (null, never 0).
 */
import { ATTACHED, STATUS_CLASSES, type AppProcessTick, type AppTick, type AttachSpec, type HttpInterval, type StatusClass } from '../../../shared/attach';
import type { AppExitedEvent, RunStateEvent, Summary, Tick, UnitTick } from '../../../shared/messages';
import { defaultConfig } from '../../../shared/run-config';
import { makeTick, makeUnit } from './fake-lab';

export const APP_SPEC: AttachSpec = { command: ['node', 'server.js', '--port', '3000'], cwd: '/home/me/my-app' };

/** One process's (or the app's) HTTP over a tick of `intervalMs`: `perSecond` responses a second, mostly 2xx. */
export function httpInterval(perSecond: number, overrides: Partial<HttpInterval> & { intervalMs?: number } = {}): HttpInterval {
  const { intervalMs = 200, ...rest } = overrides;
  const finishedCount = Math.round((perSecond * intervalMs) / 1000);
  const finished = Object.fromEntries(STATUS_CLASSES.map((c) => [c, 0])) as Record<StatusClass, number>;
  finished['2xx'] = finishedCount;
  return {
    started: finishedCount,
    perSecond,
    finished,
    aborted: 0,
    latency: finishedCount > 0 ? { p50: 4.2, p99: 18.5, max: 31 } : null,
    inFlight: 2,
    ...rest,
  };
}

export function appProcess(overrides: Partial<AppProcessTick> & Pick<AppProcessTick, 'pid'>): AppProcessTick {
  return { ppid: 1, command: 'node server.js', agent: true, root: false, http: null, ...overrides };
}

/** An app of a cluster primary (the root, serving no HTTP itself), two Node workers serving it, and a shell child without the agent. */
export function clusterApp(perSecond = 120): AppTick {
  const half = perSecond / 2;
  const processes = [
    appProcess({ pid: 5000, ppid: 4990, command: 'node server.js --port 3000', root: true }),
    appProcess({ pid: 5010, ppid: 5000, command: 'node server.js --port 3000', http: httpInterval(half) }),
    appProcess({ pid: 5011, ppid: 5000, command: 'node server.js --port 3000', http: httpInterval(half, { finished: { '1xx': 0, '2xx': 11, '3xx': 0, '4xx': 1, '5xx': 0 } }) }),
    appProcess({ pid: 5020, ppid: 5000, command: '/bin/sh -c sleep 1000', agent: false }),
  ];
  return { processes, http: httpInterval(perSecond), refused: 0 };
}

/** The units of {@link clusterApp}: its two workers (one with a worker thread of its own), the shell without loop figures. */
export function clusterUnits(): UnitTick[] {
  return [
    makeUnit({ id: 'app/pid-5010', kind: 'process', strategy: ATTACHED, pid: 5010, threadId: null, rss: 60_000_000 }),
    makeUnit({ id: 'app/pid-5011', kind: 'process', strategy: ATTACHED, pid: 5011, threadId: null, rss: 62_000_000 }),
    makeUnit({ id: 'app/pid-5011/thread-1', kind: 'thread', strategy: ATTACHED, pid: 5011, threadId: 1 }),
    makeUnit({ id: 'app/pid-5020', kind: 'process', strategy: ATTACHED, pid: 5020, threadId: null, eld: null, elu: null, cpu: 0.01, rss: 3_000_000, heapUsed: null, gc: null }),
  ];
}

/** A tick of an attached run: the host is the app's first process, `jobs` are its HTTP requests. */
export function makeAttachedTick(t: number, overrides: { app?: AppTick; units?: UnitTick[]; hostPid?: number } = {}): Tick {
  const app = overrides.app ?? clusterApp();
  const base = makeTick(t, { units: overrides.units ?? clusterUnits() });
  const http = app.http;
  const completed = http ? http.finished['1xx'] + http.finished['2xx'] + http.finished['3xx'] + http.finished['4xx'] : 0;
  const failed = http ? http.finished['5xx'] + http.aborted : 0;
  return {
    ...base,
    strategy: ATTACHED,
    host: { ...base.host, pid: overrides.hostPid ?? app.processes.find((p) => p.root)?.pid ?? base.host.pid },
    jobs: {
      submitted: completed + failed + (http?.inFlight ?? 0),
      completed,
      failed,
      dropped: 0,
      cancelled: 0,
      queued: 0,
      inFlight: http?.inFlight ?? 0,
      retried: 0,
      throughput: http?.perSecond ?? 0,
      latency: http?.latency ? { p50: http.latency.p50, p99: http.latency.p99 } : null,
    },
    app,
  };
}

/** The `run-started` of an attached run: the lab's sampling settings as its config, the command beside them. */
export function attachedStarted(t = 0, spec: AttachSpec = APP_SPEC): RunStateEvent {
  return { type: 'event', t, event: 'run-started', config: defaultConfig(), attached: spec };
}

export function appExited(t: number, overrides: Partial<AppExitedEvent> = {}): AppExitedEvent {
  return { type: 'event', t, event: 'app-exited', pid: 5000, code: 0, signal: null, byLab: false, detail: 'exited with code 0', ...overrides };
}

export function attachedSummary(t: number, exit: AppExitedEvent = appExited(t)): Summary {
  const { code, signal, byLab, detail } = exit;
  return {
    type: 'summary',
    t,
    config: defaultConfig(),
    jobs: { submitted: 1200, completed: 1190, failed: 10, dropped: 0, cancelled: 0, queued: 0, inFlight: 0, retried: 0 },
    throughput: 118.2,
    latency: { p50: 4.1, p99: 19, max: 40 },
    hostEld: { p50: 0.3, p99: 2.4, max: 9 },
    unitsStarted: 4,
    unitsExited: 4,
    unitsAlive: 0,
    failures: {},
    switches: 0,
    attached: { ...APP_SPEC, exit: { code, signal, byLab, detail }, http: httpInterval(118.2), refused: 0, processesSeen: 4, threadsSeen: 1 },
  };
}
