/**
 * The incoming HTTP requests of one thread, counted without touching the app's code: `node:diagnostics_channel`'s
 * `http.server.request.start` (published once a request's headers are parsed, before the app's handler runs) and
 * `http.server.response.finish` (the response's last byte handed to the OS), both on every `http` and `https`
 * server of the thread (checked on Node 20.20). Per report: requests started, responses finished by
 * status class, requests aborted, requests in flight, and start-to-finish latencies as log buckets
 * (shared/attach/latency-buckets.ts).
 *
 * What it costs decides how it counts: the app's HTTP may lose at most 2 % to the agent, and a small request costs
 * a Node server 10-15 µs of CPU, so the agent has a few hundred ns per request at most. Measured per request on
 * Node 20 (CPU time over 2 million requests): a clock read 40 ns, a Map entry made and deleted for the request 65
 * ns, a latency recorded 40 ns. Hence:
 * - Requests are counted per connection, not per request: the socket is in both channels' messages, and a
 *   kept-alive connection's Map entry is made once and looked up per request (~15 ns). At each report a destroyed
 *   connection's requests that never finished are the aborted ones (the client went away, a timeout, the app's
 *   own `destroy()`); the rest of its unfinished ones are in flight. Counts are exact.
 * - Latencies: every request is timed up to {@link TIMED_PER_SECOND} a second per thread; beyond that an evenly
 *   spread 1 in N, N set at each report from the last window's rate. A window times at most that many a second
 *   of the window before it, whatever N says: after a quiet window N is 1, and a burst would otherwise be timed
 *   whole until the next report (an app loaded in turns, as the agent's bench does every half second, paid for
 *   it in every loaded window). Percentiles of a thousand a second stand for
 *   the rest (the slowest request may be missed; p50 and p99 are within their buckets' 3 %), and two clock reads
 *   per request stay off the busy path. A pipelined connection's responses finish in their requests' order, so a
 *   timed request is found by its place on its connection.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { STATUS_CLASSES, type AgentHttp, type StatusClass } from '../../shared/attach';
import { LatencyBuckets } from '../../shared/attach/latency-buckets';

const REQUEST_START = 'http.server.request.start';
const RESPONSE_FINISH = 'http.server.response.finish';

/** Up to this many requests a second per thread are all timed; beyond it, an even sample of this many. */
export const TIMED_PER_SECOND = 1_000;

/** What the agent reads of a channel's message: the connection and the response's status. */
interface Message {
  socket?: unknown;
  response?: { statusCode?: unknown } | null;
}

/** A connection's requests: how many began and finished on it, and the one being timed. */
interface Connection {
  readonly socket: { destroyed?: unknown };
  started: number;
  finished: number;
  /** The place on the connection of the request being timed, or -1. */
  timedSeq: number;
  /** performance.now() at its start. */
  timedAt: number;
}

/** The status class of a status code; null outside 100..599 (Node lets an app send 600..999). */
function statusClass(code: unknown): StatusClass | null {
  return typeof code === 'number' && code >= 100 && code < 600 ? STATUS_CLASSES[Math.floor(code / 100) - 1] : null;
}

const noFinishes = (): Record<StatusClass, number> => ({ '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 });

/** Counts the HTTP requests this thread serves, from {@link start} until {@link stop}. */
export class HttpFigures {
  /** Open connections that served a request, by their socket. */
  private readonly connections = new Map<object, Connection>();
  /** Whether this thread has seen a request yet: until it has, it serves no HTTP and reports null. */
  private seen = false;
  private started = 0;
  private finished = noFinishes();
  private aborted = 0;
  private readonly latency = new LatencyBuckets();
  /** Time one request of every `timeEvery`; `untimed` counts the requests since the last timed one. */
  private timeEvery = 1;
  private untimed = 0;
  /** Requests timed in this window, and the most it may time. */
  private timed = 0;
  private timedCap = TIMED_PER_SECOND;
  private windowFrom: number;

  /** @param now the clock that measures the windows (a test's own); requests are timed with performance.now(). */
  constructor(private readonly now: () => number = () => performance.now()) {
    this.windowFrom = now();
  }

  private readonly onStart = (message: unknown): void => {
    try {
      const socket = (message as Message | null)?.socket;
      if (typeof socket !== 'object' || socket === null) return;
      this.seen = true;
      this.started++;
      let connection = this.connections.get(socket);
      if (connection === undefined) {
        connection = { socket: socket as Connection['socket'], started: 0, finished: 0, timedSeq: -1, timedAt: 0 };
        this.connections.set(socket, connection);
      }
      const seq = connection.started++;
      if (++this.untimed >= this.timeEvery && this.timed < this.timedCap) {
        this.untimed = 0;
        this.timed++;
        connection.timedSeq = seq;
        connection.timedAt = performance.now();
      }
    } catch {
      // Never into the app's request.
    }
  };

  private readonly onFinish = (message: unknown): void => {
    try {
      const { socket, response } = (message as Message | null) ?? {};
      const kind = statusClass(response?.statusCode);
      if (kind) this.finished[kind]++;
      const connection = typeof socket === 'object' && socket !== null ? this.connections.get(socket) : undefined;
      if (connection === undefined) return;
      const seq = connection.finished++;
      if (seq === connection.timedSeq) {
        this.latency.record(performance.now() - connection.timedAt);
        connection.timedSeq = -1;
      }
    } catch {
      // Never into the app's response.
    }
  };

  start(): void {
    subscribe(REQUEST_START, this.onStart);
    subscribe(RESPONSE_FINISH, this.onFinish);
  }

  stop(): void {
    unsubscribe(REQUEST_START, this.onStart);
    unsubscribe(RESPONSE_FINISH, this.onFinish);
    this.connections.clear();
  }

  /** The figures since the previous take, then a new window; null while this thread has not seen a request. */
  take(): AgentHttp | null {
    if (!this.seen) return null;
    let inFlight = 0;
    for (const [socket, connection] of this.connections) {
      const open = Math.max(0, connection.started - connection.finished);
      if (connection.socket.destroyed === true) {
        this.aborted += open;
        this.connections.delete(socket);
      } else {
        inFlight += open;
      }
    }
    const figures: AgentHttp = { started: this.started, finished: this.finished, aborted: this.aborted, inFlight, latencyBuckets: this.latency.encode() };
    this.nextSampling();
    this.started = 0;
    this.finished = noFinishes();
    this.aborted = 0;
    this.latency.clear();
    return figures;
  }

  /** How many of the next window's requests to time, from this window's rate. */
  private nextSampling(): void {
    const now = this.now();
    const seconds = (now - this.windowFrom) / 1000;
    this.timeEvery = timeOneIn(this.started, seconds);
    this.timedCap = timedAtMost(seconds);
    this.timed = 0;
    this.windowFrom = now;
  }
}

/** The most requests a window may time, after a window of `seconds`: {@link TIMED_PER_SECOND} a second of it, at least 1. */
export function timedAtMost(seconds: number): number {
  return Math.max(1, Math.ceil(TIMED_PER_SECOND * seconds));
}

/**
 * Time one request in how many, after a window that started `started` requests in `seconds`: all of them (1) up
 * to {@link TIMED_PER_SECOND} a second, above it as many as keep about that many a second timed.
 */
export function timeOneIn(started: number, seconds: number): number {
  return Math.max(1, Math.floor(started / (TIMED_PER_SECOND * Math.max(0.001, seconds))));
}
