/**
 * The host's health check, measured as a load balancer would see it: the host answers `GET /health` on its own
 * event loop (so a blocked loop answers late, or not within the timeout), and a checker on a thread of its own
 * asks on a fixed schedule (workloads/health-check.worker.ts says why it cannot live on the host's loop).
 * Each tick takes the interval's checks: how many were answered, their latency, and the timeouts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tickHistogram } from './tick-histogram';
import { Worker } from 'node:worker_threads';
import { HEALTH_CHECK } from '../../../shared/constants';
import type { HealthInterval } from '../../../shared/messages';
import type { RunConfig } from '../../../shared/run-config';
import { histogramPercentiles } from '../../../shared/percentiles';
import type { HealthCheckControl, HealthCheckSettings, HealthReport } from '../../../shared/unit-protocol';
import { ENTRY_PATHS } from '../entry-paths';

const US_PER_MS = 1_000;

/**
 * How often the host's health checker asks, in ms. On `main-thread` the host's loop runs the jobs, so any check
 * may land behind one: it asks once per tick (every 200 ms by default; never more often than
 * {@link HEALTH_CHECK}.everyMs, at least every `slowestEveryMs`). With threads or processes the host only hands
 * the jobs out and a check shows a block of its own (a big payload cloned, a switch), so it asks once a second,
 * as a balancer would (they ask every few seconds): a check wakes two threads of the host, 1-2.5 ms of CPU on
 * these VMs, and a check per tick cost about 1 % of the throughput with worker-pool at pool 2, half the lab's
 * budget (`npm run bench`). `judged`: a run that shows or judges the checks (an experiment) asks every
 * {@link HEALTH_CHECK}.judgedEveryMs whatever the strategy.
 */
export function healthCheckEveryMs(config: RunConfig, judged = false): number {
  if (judged) return HEALTH_CHECK.judgedEveryMs;
  if (config.strategy !== 'main-thread') return HEALTH_CHECK.slowestEveryMs;
  return Math.min(HEALTH_CHECK.slowestEveryMs, Math.max(HEALTH_CHECK.everyMs, config.intervalMs));
}

export class HealthProbe {
  private readonly server: Server;
  private checker: Worker | null = null;
  private readonly latency = tickHistogram();
  private answered = 0;
  private timeouts = 0;
  private stopped = false;
  /** What the checker is told: whether it asks, and how often. */
  private control: HealthCheckControl = { checking: true, everyMs: HEALTH_CHECK.everyMs };

  constructor() {
    this.server = createServer((request, response) => {
      response.writeHead(request.url === '/health' ? 200 : 404, { 'content-type': 'text/plain' }).end('ok');
    });
    // Never keeps the host alive on its own (the CLI exits when its run is over).
    this.server.unref();
    this.server.listen(0, '127.0.0.1', () => this.startChecker());
  }

  private startChecker(): void {
    if (this.stopped) return;
    const { port } = this.server.address() as AddressInfo;
    const settings: HealthCheckSettings = { url: `http://127.0.0.1:${port}/health`, timeoutMs: HEALTH_CHECK.timeoutMs, ...this.control };
    this.checker = new Worker(ENTRY_PATHS.healthChecker, { workerData: settings, resourceLimits: { maxOldGenerationSizeMb: 16 } });
    this.checker.unref();
    this.checker.on('message', (report: HealthReport) => this.take(report));
    this.checker.on('error', () => undefined);
  }

  private take({ latencyMs }: HealthReport): void {
    if (latencyMs === null) this.timeouts++;
    else {
      this.answered++;
      this.latency.record(Math.max(1, Math.round(latencyMs * US_PER_MS)));
    }
  }

  /** The checks of the interval just ended (latency null when none was answered); starts a new one. */
  takeInterval(): HealthInterval {
    const interval = { answered: this.answered, timeouts: this.timeouts, latency: histogramPercentiles(this.latency, US_PER_MS), everyMs: this.control.everyMs };
    this.answered = 0;
    this.timeouts = 0;
    this.latency.reset();
    return interval;
  }

  /** Pauses (sampling off) or resumes the checks. */
  setChecking(checking: boolean): void {
    this.tell({ ...this.control, checking });
  }

  /** How often to ask, in ms ({@link healthCheckEveryMs}); the checker is told only of a change. */
  setEveryMs(everyMs: number): void {
    this.tell({ ...this.control, everyMs });
  }

  /** How often it asks now, in ms. */
  get everyMs(): number {
    return this.control.everyMs;
  }

  private tell(control: HealthCheckControl): void {
    if (control.checking === this.control.checking && control.everyMs === this.control.everyMs) return;
    this.control = control;
    this.checker?.postMessage(control);
  }

  /** Ends the checker thread and closes the endpoint. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.server.closeAllConnections();
    this.server.close();
    await this.checker?.terminate();
  }
}
