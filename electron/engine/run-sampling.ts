/**
 * The run's measuring: sampling on or off (sampling-switch.ts, switchable while the run goes) and the tick
 * sampler's life with it: made when a run starts with sampling on or when it is turned on, paused and resumed
 * with it, given its last tick and stopped with the run. Strategies ask it for their units' settings and tell it
 * of jobs on the host's own loop.
 */
import type { Percentiles, Tick } from '../../shared/messages';
import type { RunConfig } from '../../shared/run-config';
import type { SamplingMessage, UnitSettings } from '../../shared/unit-protocol';
import { SamplingSwitch } from './sampling-switch';
import type { Strategy } from './strategies';
import { TickSampler, type TickSources } from './tick-sampler';

/** Where a tick's parts come from, but for what sampling itself knows. */
export type RunSources = Omit<TickSources, 'healthOften' | 'unitReportMs'>;

export class RunSampling {
  private readonly switch: SamplingSwitch;
  private sampler: TickSampler | null = null;
  private readonly sources: TickSources;

  constructor(
    on: boolean,
    run: RunSources,
    private readonly publish: (tick: Tick) => void,
  ) {
    this.switch = new SamplingSwitch(on);
    const sampling = this.switch;
    // The host alone (main-thread) has no units to wait for, whatever the pool size says.
    const unitReportMs = () => (run.config().strategy === 'main-thread' ? run.config().intervalMs : sampling.unitSettings(run.config()).intervalMs);
    this.sources = { ...run, healthOften: () => sampling.healthOften, unitReportMs };
  }

  /** What a unit started now gets (unit-options.ts): the run's settings while sampling is on, none while off. */
  unitSettings(config: RunConfig): UnitSettings {
    return this.switch.unitSettings(config);
  }

  /** Tells a unit that booted across a switch the current settings. */
  catchUp(unit: { handle: { send?(message: SamplingMessage): void } }, config: RunConfig): void {
    this.switch.catchUp(unit, config);
  }

  /** A run begins: ticks at `intervalMs` when sampling is on, health checks at their usual pace. */
  beginRun(intervalMs: number): void {
    this.switch.healthOften = false;
    if (this.switch.on) this.startSampler(intervalMs);
  }

  /** Turns sampling off or on, now (ticks, host probe, health checks, every unit's) and for later runs. */
  set(on: boolean, config: RunConfig, strategies: Strategy[], running: boolean): void {
    if (!this.switch.set(on, config, strategies) || !running) return;
    if (!on) this.sampler?.pause();
    else if (this.sampler) this.sampler.resume(config.intervalMs);
    else this.startSampler(config.intervalMs);
  }

  /** The run's interval changed: the ticks follow it (while sampling is on). */
  intervalChanged(intervalMs: number): void {
    if (this.switch.on) this.sampler?.start(intervalMs);
  }

  /** The host's health check every 50 ms whatever the strategy, or not, for the rest of this run. */
  checkHealthOften(on: boolean): void {
    this.switch.healthOften = on;
    this.sampler?.paceHealthChecks();
  }

  /** A job on the host's own loop blocked it from `startedAt` (performance.now()) until now. */
  hostJobRan(startedAt: number): void {
    this.sampler?.hostJobRan(startedAt);
  }

  /** The run's last tick; none while sampling is off, as nothing was measured since the last one. */
  lastTick(): void {
    if (this.sampler?.ticking) this.sampler.flush();
  }

  /** The host's event-loop delay over the run; null when its loop was never sampled. */
  hostDelay(): Percentiles | null {
    return this.sampler?.hostDelay() ?? null;
  }

  /** The run ended: the sampler and its probes stop (resolves once the health checker thread has ended). */
  async endRun(): Promise<void> {
    await this.sampler?.stop();
    this.sampler = null;
  }

  private startSampler(intervalMs: number): void {
    this.sampler = new TickSampler(this.sources, this.publish);
    this.sampler.start(intervalMs);
  }
}
