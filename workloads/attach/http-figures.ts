/**
 * The incoming HTTP requests of one thread, counted without touching the app's code: `node:diagnostics_channel`'s
 * `http.server.request.start` (published once a request's headers are parsed, before the app's handler runs) and
 * `http.server.response.finish` (the response's last byte handed to the OS), both on every `http` and `https`
 * server of the thread (checked on Node 20.20). Per report: requests started, responses finished by
 * status class, requests aborted, and start-to-finish latencies as log buckets (shared/attach/latency-buckets.ts).
 *
 * Aborted, cheaply: a request is kept (its response, its start time) from start to finish, and at each report the
 * ones whose response was destroyed without finishing are counted aborted and let go. Node marks a response
 * `destroyed` when its socket closes under it (the client went away, a timeout, the app's own `destroy()`), and a
 * finish is published before that mark for a normal end. Looking at the open requests once per report costs
 * nothing per request, where a `close` listener on every response would cost one each and touch the app's objects.
 * What is kept is what is in flight (the app holds those anyway) and, for one report at most, the aborted ones.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { STATUS_CLASSES, type AgentHttp, type StatusClass } from '../../shared/attach';
import { LatencyBuckets } from '../../shared/attach/latency-buckets';

const REQUEST_START = 'http.server.request.start';
const RESPONSE_FINISH = 'http.server.response.finish';

/** What the agent reads of a server response: its status and whether it was destroyed. */
interface ResponseLike {
  statusCode?: unknown;
  destroyed?: unknown;
}

/** The response a channel's message carries, or null for anything unexpected (never throw in the app's request). */
function responseOf(message: unknown): ResponseLike | null {
  const response = (message as { response?: unknown } | null)?.response;
  return typeof response === 'object' && response !== null ? (response as ResponseLike) : null;
}

/** The status class of a status code; null outside 100..599 (Node lets an app send 600..999). */
function statusClass(code: unknown): StatusClass | null {
  return typeof code === 'number' && code >= 100 && code < 600 ? STATUS_CLASSES[Math.floor(code / 100) - 1] : null;
}

const noFinishes = (): Record<StatusClass, number> => ({ '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 });

/** Counts the HTTP requests this thread serves, from {@link start} until {@link stop}. */
export class HttpFigures {
  /** Requests in flight: their response and when they started (performance.now()). */
  private readonly open = new Map<ResponseLike, number>();
  /** Whether this thread has seen a request yet: until it has, it serves no HTTP and reports null. */
  private seen = false;
  private started = 0;
  private finished = noFinishes();
  private aborted = 0;
  private readonly latency = new LatencyBuckets();

  private readonly onStart = (message: unknown): void => {
    try {
      const response = responseOf(message);
      if (!response) return;
      this.seen = true;
      this.started++;
      this.open.set(response, performance.now());
    } catch {
      // Never into the app's request.
    }
  };

  private readonly onFinish = (message: unknown): void => {
    try {
      const response = responseOf(message);
      if (!response) return;
      const startedAt = this.open.get(response);
      this.open.delete(response);
      const kind = statusClass(response.statusCode);
      if (kind) this.finished[kind]++;
      if (startedAt !== undefined) this.latency.record(performance.now() - startedAt);
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
    this.open.clear();
  }

  /** The figures since the previous take, then a new window; null while this thread has not seen a request. */
  take(): AgentHttp | null {
    if (!this.seen) return null;
    for (const response of this.open.keys()) {
      if (response.destroyed !== true) continue;
      this.aborted++;
      this.open.delete(response);
    }
    const figures: AgentHttp = { started: this.started, finished: this.finished, aborted: this.aborted, inFlight: this.open.size, latencyBuckets: this.latency.encode() };
    this.started = 0;
    this.finished = noFinishes();
    this.aborted = 0;
    this.latency.clear();
    return figures;
  }
}
