/**
 * Strategy switching: a new strategy takes new jobs at once; the old one finishes its jobs in flight for at
 * most `drainMs`, then fails the rest with the reason and ends its units. One `strategy-switched` event tells
 * how long the new strategy took to take a first job and to have every unit ready, and what the drain did.
 */
import { performance } from 'node:perf_hooks';
import type { StrategySwitchedEvent } from '../../shared/messages';
import type { RunConfig } from '../../shared/run-config';
import { changedSettings } from './config-change';
import type { JobRunner } from './job-runner';
import type { Strategy } from './strategies';

/** What a drain did. */
export interface DrainOutcome {
  drained: number;
  failedOnDrain: number;
  tookMs: number;
}

export interface SwitcherContext {
  config(): RunConfig;
  /** Builds the strategy the current config names (and registers it with the runner). */
  build(): Strategy;
  runner: JobRunner;
  switched(event: Omit<StrategySwitchedEvent, 'type' | 't' | 'event'>): void;
  /** Keeps background work (a drain) so a stop can wait for it, and reports its failure. */
  track(work: Promise<unknown>): void;
}

export class StrategySwitcher {
  private currentStrategy: Strategy | null = null;
  /** The last switch's report: each waits for the one before, so they arrive in the order they were asked. */
  private reported: Promise<unknown> = Promise.resolve();

  constructor(private readonly context: SwitcherContext) {}

  /** The strategy that takes new jobs, if a run is going. */
  get current(): Strategy | null {
    return this.currentStrategy;
  }

  /**
   * Puts a new strategy in charge at once; the old one (if any) drains in the background, then ends.
   * `before` is the config the old one ran with (null for the run's first strategy).
   */
  install(before: RunConfig | null): Strategy {
    const requestedAt = performance.now();
    // What the new strategy was installed for, named now: the event goes out after the drain, when the
    // settings may have moved on again.
    const changed = changedSettings(before, this.context.config());
    const old = this.currentStrategy;
    const next = this.context.build();
    this.currentStrategy = next;
    const elapsed = () => performance.now() - requestedAt;
    const firstReady = next.firstReady.then(elapsed, elapsed);
    const ready = next.ready.then(elapsed, elapsed);
    const drain = old ? this.retire(old) : Promise.resolve<DrainOutcome>({ drained: 0, failedOnDrain: 0, tookMs: 0 });
    this.reported = Promise.all([firstReady, ready, drain, this.reported]);
    this.context.track(
      (this.reported as Promise<[number, number, DrainOutcome, unknown]>).then(([firstReadyMs, readyMs, drained]) =>
        this.context.switched({
          from: before?.strategy ?? null,
          to: next.name,
          firstReadyMs,
          readyMs,
          drained: drained.drained,
          failedOnDrain: drained.failedOnDrain,
          drainTookMs: drained.tookMs,
          tookMs: elapsed(),
          changed,
          config: { ...this.context.config() },
        }),
      ),
    );
    return next;
  }

  /** Ends the current strategy (the run stops): its jobs drain as in a switch. */
  retireCurrent(): void {
    const current = this.currentStrategy;
    this.currentStrategy = null;
    if (current) this.context.track(this.retire(current));
  }

  /** Waits for a strategy's jobs in flight (at most drainMs), fails the rest with the reason, ends its units. */
  private async retire(strategy: Strategy): Promise<DrainOutcome> {
    const started = performance.now();
    const { runner } = this.context;
    const before = runner.count(strategy);
    const { drainMs } = this.context.config();
    await runner.drained(strategy, drainMs);
    const failedOnDrain = runner.failAll(strategy, `drain timeout: still running on ${strategy.name} after ${drainMs} ms`);
    await strategy.destroy();
    runner.remove(strategy);
    return { drained: before - failedOnDrain, failedOnDrain, tookMs: performance.now() - started };
  }
}
