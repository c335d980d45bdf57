/**
 * The ticks of an attached run: one per interval, shaped as every run's (shared/messages.ts, Tick) so every viewer,
 * recorder, threshold and the CLI read them unchanged, plus `app` (the processes and their HTTP). Busy slices lie
 * on the same epoch grid and lag now by one report period, as the lab's own units' do (slice-window.ts): the
 * agent reports at the run's interval, each thread on its own phase.
 * `workload` is meaningless here (the app runs its own code): it says `io-wait`, the closest of the lab's
 * workloads to a server waiting on its clients, for readers that need one; `strategy` says `attached`.
 */
import { performance } from 'node:perf_hooks';
import { BUSY_SLICE_MS, sliceIndex } from '../../../shared/activity/busy-slices';
import { ATTACHED, type AppProcessTick } from '../../../shared/attach';
import type { LoopDelay, Tick, UnitTick } from '../../../shared/messages';
import { quantile, valuePercentiles } from '../../../shared/percentiles';
import type { AppModel } from './app-model';
import { appProcessRow, hostSample, processRow, readSilentCpu, threadRow } from './attached-rows';
import { sliceLagMs, sliceWindowAt } from '../slice-window';

/** Interval figures of the host's loop delay kept for the summary: hours of ticks. */
const MAX_DELAYS_KEPT = 100_000;

export class AttachedTicks {
  /** The grid index of the next slice a tick carries. */
  private nextSlice = sliceIndex(performance.timeOrigin + performance.now());
  private lastTickAt = performance.now();
  private readonly hostDelays: LoopDelay[] = [];

  constructor(
    private readonly model: AppModel,
    private readonly intervalMs: number,
    /** performance.now() when the run started (ticks count `t` and `sliceStart` from it). */
    private readonly runStartedAt: number,
    /** Connections refused so far. */
    private readonly refused: () => number,
  ) {}

  /** The tick now. */
  build(): Tick {
    const now = performance.now();
    const window = sliceWindowAt(this.nextSlice, performance.timeOrigin + now, sliceLagMs(this.intervalMs, this.intervalMs));
    this.nextSlice = window.end;
    const seconds = (now - this.lastTickAt) / 1000;
    this.lastTickAt = now;
    const model = this.model;
    for (const process of model.list()) {
      readSilentCpu(process.main, now, this.intervalMs);
      for (const thread of process.workers.values()) readSilentCpu(thread, now, this.intervalMs);
    }
    const host = hostSample(model.root, window, now, this.intervalMs);
    if (host.eld && this.hostDelays.length < MAX_DELAYS_KEPT) this.hostDelays.push(host.eld);
    const units: UnitTick[] = [];
    const processes: AppProcessTick[] = [];
    for (const process of model.list()) {
      const shown = process.root || process.main.started;
      // Every process's figures are taken each tick, shown or not, so a late-shown one starts from its tick.
      const row = appProcessRow(process, seconds);
      if (shown) processes.push(row);
      if (!process.root && process.main.started) units.push(processRow(process, window, now, this.intervalMs));
      for (const thread of process.workers.values()) if (thread.started) units.push(threadRow(process, thread, window, now, this.intervalMs));
    }
    const jobs = model.appHttp.jobs(seconds);
    const http = model.appHttp.takeTick(seconds);
    const startupMs = model.takeStartups();
    const startups = valuePercentiles(startupMs);
    // An ended thread's row stays while it told of slices the window has not reached (supervision/tick-view.ts).
    model.prune((thread) => thread.sample === null || thread.slices.coveredTo <= window.end * BUSY_SLICE_MS);
    return {
      type: 'tick',
      t: Math.round(now - this.runStartedAt),
      strategy: ATTACHED,
      workload: 'io-wait',
      host,
      units,
      sliceMs: BUSY_SLICE_MS,
      sliceStart: Math.round((window.first * BUSY_SLICE_MS - (performance.timeOrigin + this.runStartedAt)) * 1000) / 1000,
      jobs,
      startup: startups && { ...startups, count: startupMs.length },
      // The lab's health checker asks its own host; an attached app is asked nothing.
      health: null,
      app: { processes, http, refused: this.refused() },
    };
  }

  /**
   * The host's loop delay over the run, from the intervals' figures (the agent sends an interval's percentiles,
   * not its histogram): the median of their medians, the 99th percentile of their p99s, the largest delay seen.
   * Null when the host's loop was never measured (no agent in the first process).
   */
  hostDelay(): LoopDelay | null {
    const delays = this.hostDelays;
    if (delays.length === 0) return null;
    return {
      p50: quantile(delays.map((d) => d.p50), 0.5) ?? 0,
      p99: quantile(delays.map((d) => d.p99), 0.99) ?? 0,
      max: delays.reduce((most, d) => Math.max(most, d.max), 0),
    };
  }
}
