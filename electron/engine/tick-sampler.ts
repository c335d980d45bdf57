/**
 * Sampling: one tick per interval with the host's sample, every unit of every strategy still alive (the
 * current one and any draining) and each unit that ended since the last tick (with how it ended), the jobs' counts over the interval and the startup of the units that became
 * ready in it. The tick is built here once; no transport re-shapes it.
 */
import { performance } from 'node:perf_hooks';
import { BUSY_SLICE_MS, sliceIndex, type SliceWindow } from '../../shared/activity/busy-slices';
import { sliceLagMs, sliceWindowAt } from './slice-window';
import { CUSTOM_WORKLOAD } from '../../shared/constants';
import { workloadLabel } from '../../shared/custom-workload';
import type { Percentiles, SharedCounterTotals, Tick } from '../../shared/messages';
import { valuePercentiles } from '../../shared/percentiles';
import type { RunConfig } from '../../shared/run-config';
import { HealthProbe, healthCheckEveryMs } from './probes/health-probe';
import { HostSampler } from './probes/host-sampler';
import type { JobLedger } from './jobs/job-ledger';
import type { Strategy } from './strategies';

/** Where a tick's parts come from. */
export interface TickSources {
  /** ms since the run started. */
  now(): number;
  /** performance.now() when the run started (what `now` counts from). */
  runStartedAt(): number;
  config(): RunConfig;
  strategies(): Strategy[];
  /**
   * Strategies ended since the last tick (a switch's old one, the run's at the stop): the tick lists their units
   * once more, exited with how they ended, so a reader of the ticks alone sees a stop as a stop.
   */
  ended(): Strategy[];
  ledger(): JobLedger;
  /** The `sab-counter` totals of the run, or null when no job used the counter. */
  counter(): SharedCounterTotals | null;
  /** Whether the run asked for health checks every 50 ms (LabEngine.checkHealthOften). */
  healthOften(): boolean;
  /**
   * How often the run's units report, in ms: every interval while they fit the cores, every few intervals when
   * they outnumber them (probes/unit-options.ts, reportEveryMs).
   */
  unitReportMs(): number;
}

/** The startups of the units that became ready in an interval, or null when none did. */
function startupOf(startups: number[]): Tick['startup'] {
  const percentiles = valuePercentiles(startups);
  return percentiles && { ...percentiles, count: startups.length };
}

export class TickSampler {
  private readonly host = new HostSampler();
  private readonly health = new HealthProbe();
  private timer: NodeJS.Timeout | null = null;
  private lastTickAt = performance.now();
  /** The tick period (what the units report at too). */
  private intervalMs = 0;
  /** The grid index of the next slice a tick carries. */
  private nextSlice = 0;
  /** What the health checks were last paced for (a changed config is a new object). */
  private pacedFor: { config: RunConfig; often: boolean } | null = null;

  constructor(
    private readonly sources: TickSources,
    private readonly publish: (tick: Tick) => void,
  ) {}

  /** (Re)starts the ticks at this interval. */
  start(intervalMs: number): void {
    if (this.timer) clearInterval(this.timer);
    this.lastTickAt = performance.now();
    this.slicesFromNow();
    this.tickEvery(intervalMs);
  }

  /**
   * Sampling off: no ticks, no host probe, no health checks, until {@link resume}. The jobs' counts go on, so
   * the first tick after it covers the pause (its interval says how long).
   */
  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.host.pause();
    this.health.setChecking(false);
  }

  /** Sampling on again, ticking at `intervalMs`. */
  resume(intervalMs: number): void {
    if (this.timer) return;
    this.host.resume();
    this.health.setChecking(true);
    // Nobody measured busy time while sampling was off: the slices resume from here, after a gap.
    this.slicesFromNow();
    this.tickEvery(intervalMs);
  }

  /** Whether it is ticking. */
  get ticking(): boolean {
    return this.timer !== null;
  }

  /** Sends one tick now (the last one of a run). */
  flush(): void {
    this.publish(this.build());
  }

  /** A job on the host's own loop blocked it from `startedAt` until now (see HostSampler.jobRan). */
  hostJobRan(startedAt: number): void {
    this.host.jobRan(startedAt);
  }

  /** The host's event-loop delay over the whole run; null when its loop was never sampled. */
  hostDelay(): Percentiles | null {
    return this.host.overallDelay();
  }

  /** Stops the ticks and the probes; resolves once the health checker thread has ended. */
  stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.host.stop();
    return this.health.stop();
  }

  private tickEvery(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.paceHealthChecks();
    this.timer = setInterval(() => this.publish(this.build()), intervalMs);
  }

  /**
   * How often the health checker asks follows the run's strategy and interval, and whether it asked for frequent
   * checks: checked at each tick (they can change while it runs), and at once by the engine when the run asks.
   */
  paceHealthChecks(): void {
    const config = this.sources.config();
    const often = this.sources.healthOften();
    if (config === this.pacedFor?.config && often === this.pacedFor.often) return;
    this.pacedFor = { config, often };
    this.health.setEveryMs(healthCheckEveryMs(config, often));
  }

  private slicesFromNow(): void {
    this.nextSlice = sliceIndex(performance.timeOrigin + performance.now());
  }

  /** The slices this tick carries (slice-window.ts); the next one starts where they end. */
  private sliceWindow(now: number): SliceWindow {
    const window = sliceWindowAt(this.nextSlice, performance.timeOrigin + now, sliceLagMs(this.intervalMs, this.sources.unitReportMs()));
    this.nextSlice = window.end;
    return window;
  }

  private build(): Tick {
    this.paceHealthChecks();
    const now = performance.now();
    const window = this.sliceWindow(now);
    const runEpoch = performance.timeOrigin + this.sources.runStartedAt();
    const intervalMs = now - this.lastTickAt;
    this.lastTickAt = now;
    const config = this.sources.config();
    const strategies = [...this.sources.strategies(), ...this.sources.ended()];
    const startups = strategies.flatMap((s) => s.takeStartups());
    const counter = this.sources.counter();
    return {
      type: 'tick',
      t: this.sources.now(),
      strategy: config.strategy,
      workload: config.workload,
      ...(config.workload === CUSTOM_WORKLOAD ? { workloadName: workloadLabel(config) } : {}),
      host: this.host.sample(window),
      units: strategies.flatMap((s) => s.units(window)),
      sliceMs: BUSY_SLICE_MS,
      sliceStart: Math.round((window.first * BUSY_SLICE_MS - runEpoch) * 1000) / 1000,
      jobs: this.sources.ledger().takeInterval(intervalMs),
      startup: startupOf(startups),
      health: this.health.takeInterval(),
      ...(counter ? { counter } : {}),
    };
  }
}
