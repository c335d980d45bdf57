/**
 * The incoming HTTP of a process, or of the whole app: the threads' reports (AgentHttp, shared/attach.ts) added
 * up over a tick and over the run, and the job counts a tick of an attached run carries (Tick.app in
 * shared/messages.ts): a request is a job, completed when its response is below 500, failed when it is a 5xx or
 * aborted; an app's queue is not visible from outside, so queued and dropped are 0.
 */
import { STATUS_CLASSES, type AgentHttp, type HttpInterval, type StatusClass } from '../../../shared/attach';
import type { JobCounts, Summary } from '../../../shared/messages';
import { LatencyHistogram } from './latency-histogram';
import { TickRates } from './tick-rates';

/** Requests counted over some stretch. */
interface Counts {
  started: number;
  finished: Record<StatusClass, number>;
  aborted: number;
}

const noCounts = (): Counts => ({ started: 0, finished: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }, aborted: 0 });

function addTo(counts: Counts, http: AgentHttp): void {
  counts.started += http.started;
  for (const name of STATUS_CLASSES) counts.finished[name] += http.finished[name];
  counts.aborted += http.aborted;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;
const finishedOf = (counts: Pick<Counts, 'finished'>) => STATUS_CLASSES.reduce((sum, name) => sum + counts.finished[name], 0);
/** Responses below 500: what the jobs call completed. */
const answeredOf = (counts: Counts) => finishedOf(counts) - counts.finished['5xx'];

export class HttpCounter {
  private tick = noCounts();
  private run = noCounts();
  private readonly tickLatency = new LatencyHistogram();
  private readonly runLatency = new LatencyHistogram();
  /** Whether it has served (or listened for) HTTP: from then on every tick has figures, zeros included. */
  private serves = false;
  /**
   * Each thread's requests in flight at its last report. Absolute in the reports, not added up from deltas, so a
   * report the agent dropped (it drops lines while its socket is backed up) cannot leave a request in flight forever.
   */
  private readonly inFlightByThread = new Map<string, number>();

  /** The tick's requests a second, each thread's over the window its reports cover. */
  private readonly rates = new TickRates();

  /**
   * A thread's report (`thread` names it) over its `windowMs`; null (it has not seen a request yet) adds nothing.
   */
  add(http: AgentHttp | null, thread: string, windowMs: number): void {
    if (http === null) return;
    this.serves = true;
    this.inFlightByThread.set(thread, http.inFlight);
    const finished = finishedOf(http);
    this.rates.add(thread, finished, finished - http.finished['5xx'], windowMs);
    addTo(this.tick, http);
    addTo(this.run, http);
    this.tickLatency.add(http.latencyBuckets);
    this.runLatency.add(http.latencyBuckets);
  }

  /** A thread ended: what it had in flight at its last report was aborted with it (no response can follow). */
  threadEnded(thread: string): void {
    const lost = this.inFlightByThread.get(thread) ?? 0;
    this.inFlightByThread.delete(thread);
    this.rates.forget(thread);
    this.tick.aborted += lost;
    this.run.aborted += lost;
  }

  /** Began and neither finished nor aborted at the threads' last reports. */
  get inFlight(): number {
    let sum = 0;
    for (const count of this.inFlightByThread.values()) sum += count;
    return sum;
  }

  /** The tick's figures over `seconds` (then the next tick starts afresh); null when it never served HTTP. */
  takeTick(seconds: number): HttpInterval | null {
    const interval = this.serves ? { ...this.interval(this.tick, this.tickLatency, seconds), perSecond: round3(this.rates.rates().finished) } : null;
    this.tick = noCounts();
    this.tickLatency.clear();
    this.rates.roll();
    return interval;
  }

  /** The whole run's figures over its `seconds`; null when it never served HTTP. */
  overRun(seconds: number): HttpInterval | null {
    return this.serves ? this.interval(this.run, this.runLatency, seconds) : null;
  }

  /**
   * The run's requests as jobs, with the tick's throughput and latency: call before {@link takeTick}. The
   * invariant holds by construction: in flight is what was submitted and has not settled.
   */
  jobs(tickSeconds: number): JobCounts {
    const completed = answeredOf(this.run);
    const failed = this.run.finished['5xx'] + this.run.aborted;
    const inFlight = this.inFlight;
    const latency = this.tickLatency.percentiles();
    return {
      // Not below what settled: a response whose start came before the agent did is still a request.
      submitted: completed + failed + inFlight,
      completed,
      failed,
      dropped: 0,
      cancelled: 0,
      queued: 0,
      inFlight,
      retried: 0,
      // The tick's rate from each thread's own windows (tick-rates.ts); 0 for the summary (tickSeconds 0).
      throughput: tickSeconds > 0 ? this.rates.rates().answered : 0,
      latency: latency && { p50: latency.p50, p99: latency.p99 },
    };
  }

  /** The run's requests as the summary counts jobs, and its failures by kind. */
  summaryJobs(): { jobs: Summary['jobs']; failures: Record<string, number> } {
    const { throughput: _t, latency: _l, ...jobs } = this.jobs(0);
    const failures: Record<string, number> = {};
    if (this.run.finished['5xx'] > 0) failures['HTTP 5xx response'] = this.run.finished['5xx'];
    if (this.run.aborted > 0) failures['aborted before the response finished'] = this.run.aborted;
    return { jobs, failures };
  }

  /** Latency of every request of the run, in ms; null when none finished. */
  runLatencyPercentiles(): HttpInterval['latency'] {
    return this.runLatency.percentiles();
  }

  private interval(counts: Counts, latency: LatencyHistogram, seconds: number): HttpInterval {
    return {
      started: counts.started,
      perSecond: seconds > 0 ? round3(finishedOf(counts) / seconds) : 0,
      finished: { ...counts.finished },
      aborted: counts.aborted,
      latency: latency.percentiles(),
      inFlight: this.inFlight,
    };
  }
}
