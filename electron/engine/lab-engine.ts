/**
 * The lab engine: runs real workloads under one strategy at a time, under an open or closed load, samples
 * everything once per interval and switches strategy at runtime without losing or double-counting a job.
 * Plain Node: it never imports electron, so the desktop app, the CLI, the browser mode and the tests share it.
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { isCpuBound } from '../../shared/constants';
import type { CommandResult } from '../../shared/lab-api';
import type { LabEvent, LabMessage, Summary, Tick } from '../../shared/messages';
import { defaultConfig, mergeConfig, type RunConfig } from '../../shared/run-config';
import type { JobResult } from '../../shared/unit-protocol';
import { HostSampler } from './host-sampler';
import { JobLedger } from './job-ledger';
import { JobQueue } from './job-queue';
import { LoadGenerator } from './load-generator';
import { PayloadFactory } from './payloads';
import { ResultVerifier } from './result-verifier';
import { createStrategy, type QueuedJob, type Strategy } from './strategies';
import { isUnitDeath } from './unit-errors';
import { unitSettings } from './unit-options';
import type { UnitLifecycle } from './unit-table';

/** Options of an engine instance. */
export interface EngineOptions {
  /**
   * False turns every probe and tick off (the benchmark's baseline for the cost of measuring); the
   * accounting and the summary still work.
   */
  sampling?: boolean;
}

/** Distributes a message; events carry no `t` until the engine stamps them. */
type EventBody = LabEvent extends infer E ? (E extends LabEvent ? Omit<E, 'type' | 't'> : never) : never;

/** Settings whose change needs new units (a new strategy instance) rather than just new jobs. */
function needsNewUnits(before: RunConfig, after: RunConfig): boolean {
  return (
    before.strategy !== after.strategy ||
    before.poolSize !== after.poolSize ||
    before.payload !== after.payload ||
    before.childMode !== after.childMode ||
    before.maxBuffer !== after.maxBuffer ||
    before.intervalMs !== after.intervalMs ||
    before.memoryLimitMb !== after.memoryLimitMb ||
    // Piscina never shares a thread between abortable tasks, so turning timeouts on or off changes capacity.
    (before.jobTimeoutMs > 0) !== (after.jobTimeoutMs > 0) ||
    isCpuBound(before.workload) !== isCpuBound(after.workload)
  );
}

interface InFlightJob {
  job: QueuedJob;
  settled: boolean;
  dispatchedAt: number;
  /** The timeout in force when the job was dispatched (0 = none). */
  limitMs: number;
  timeout: NodeJS.Timeout | null;
}

const CrashRequestSchema = z
  .object({ unitId: z.string({ error: () => 'must be a unit id from a tick, e.g. worker-pool#1/thread-3' }).max(200).optional() })
  .strict();

export class LabEngine {
  private config: RunConfig = defaultConfig();
  private running = false;
  private runStartedAt = 0;
  private readonly listeners = new Set<(message: LabMessage) => void>();
  private ledger = new JobLedger();
  private readonly queue = new JobQueue();
  private current: Strategy | null = null;
  /** Jobs in flight, per strategy instance (the current one and any still draining). */
  private readonly inFlight = new Map<Strategy, Map<number, InFlightJob>>();
  private readonly draining = new Set<Promise<void>>();
  private readonly drainWaiters = new Map<Strategy, () => void>();
  private generation = 0;
  private readonly load = new LoadGenerator((arrivedAt) => this.submit(arrivedAt));
  private sampler: HostSampler | null = null;
  private tickTimer: NodeJS.Timeout | null = null;
  private lastTickAt = 0;
  private verifier = new ResultVerifier();
  private readonly payloads = new PayloadFactory();
  private nextJobId = 1;
  /** Commands run one after another, so a switch never interleaves with a stop. */
  private commands: Promise<unknown> = Promise.resolve();
  private stats = { unitsStarted: 0, unitsExited: 0, switches: 0 };
  private readonly sampling: boolean;

  constructor(options: EngineOptions = {}) {
    this.sampling = options.sampling ?? true;
  }

  /** Subscribes to ticks, events and summaries; returns the unsubscribe. */
  onMessage(listener: (message: LabMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The current settings and whether a run is going. */
  getState(): CommandResult {
    return { ok: true, config: { ...this.config }, running: this.running };
  }

  /** Starts a run (after applying `patch`); while running it is the same as configure. */
  start(patch?: unknown): Promise<CommandResult> {
    return this.serial(async () => {
      if (this.running) return this.applyConfig(patch ?? {});
      const merged = mergeConfig(this.config, patch ?? {});
      if (!merged.ok) return merged;
      this.config = merged.value;
      this.beginRun();
      return this.getState();
    });
  }

  /** Changes settings; under load the change applies at once (a new strategy takes the next jobs). */
  configure(patch: unknown): Promise<CommandResult> {
    return this.serial(() => this.applyConfig(patch));
  }

  /** Stops the run: queued jobs fail, jobs in flight finish (bounded by drainMs), every unit ends. */
  stop(): Promise<CommandResult> {
    return this.serial(async () => {
      if (this.running) await this.endRun();
      return this.getState();
    });
  }

  /** Crash injection: kills a live unit (by id, or the first one) from outside, as a crash. */
  crash(payload?: unknown): Promise<CommandResult> {
    return this.serial(async () => {
      const parsed = CrashRequestSchema.safeParse(payload ?? {});
      if (!parsed.success) {
        return { ok: false, errors: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.code === 'unrecognized_keys' ? 'unknown field; crash takes { unitId }' : i.message })) };
      }
      const { unitId } = parsed.data;
      // The current strategy first: without an id, crash one of the units the user is looking at.
      const strategies = [...this.inFlight.keys()].sort((a, b) => Number(b === this.current) - Number(a === this.current));
      for (const strategy of strategies) {
        const crashed = strategy.crash(unitId);
        if (crashed) return this.getState();
      }
      const live = strategies.flatMap((s) => s.units()).filter((u) => u.state !== 'exited').map((u) => u.id);
      const message = unitId
        ? `no live unit with this id; live units: ${live.join(', ') || 'none'}`
        : `no live unit to crash${this.config.strategy === 'main-thread' ? ' (main-thread runs jobs on the host itself)' : ''}`;
      return { ok: false, errors: [{ field: 'unitId', message }] };
    });
  }

  /** Stops any run and forgets listeners: what the host calls when it quits. */
  async dispose(): Promise<void> {
    await this.stop();
    this.listeners.clear();
  }

  /** How many threads and processes of the lab are alive now (every strategy not yet destroyed). */
  liveUnits(): number {
    let count = 0;
    for (const strategy of this.inFlight.keys()) count += strategy.liveUnits();
    return count;
  }

  private serial<T>(command: () => Promise<T>): Promise<T> {
    const next = this.commands.then(command, command);
    this.commands = next.catch(() => undefined);
    return next;
  }

  private now(): number {
    return Math.round(performance.now() - this.runStartedAt);
  }

  private publish(message: LabMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch {
        // A failing viewer must not stop the engine or the other viewers.
      }
    }
  }

  private emit(body: EventBody): void {
    this.publish({ type: 'event', t: this.now(), ...body } as LabEvent);
  }

  private async applyConfig(patch: unknown): Promise<CommandResult> {
    const merged = mergeConfig(this.config, patch);
    if (!merged.ok) return merged;
    const before = this.config;
    this.config = merged.value;
    if (!this.running) return this.getState();
    if (needsNewUnits(before, this.config)) {
      this.switchStrategy(before);
    } else {
      this.load.apply(this.config);
      this.trimQueue();
      this.emit({ event: 'config-changed', config: { ...this.config } });
      this.pump();
    }
    return this.getState();
  }

  private lifecycle(): UnitLifecycle {
    return {
      unitCreated: () => {
        this.stats.unitsStarted++;
      },
      unitStarted: (unit, startupMs) => {
        this.emit({ event: 'unit-started', unitId: unit.id, kind: unit.kind, strategy: unit.strategy, pid: unit.pid, threadId: unit.threadId, generation: this.generation, startupMs });
      },
      unitExited: (unit, code, signal, cause, detail) => {
        this.stats.unitsExited++;
        const voluntary = cause === 'stop' || cause === 'done';
        this.emit({ event: 'unit-exited', unitId: unit.id, kind: unit.kind, strategy: unit.strategy, pid: unit.pid, threadId: unit.threadId, generation: this.generation, code, signal, voluntary, cause, ...(detail ? { detail } : {}) });
        if (cause === 'crash') this.emit({ event: 'error', message: `${unit.kind} ${unit.threadId ?? unit.pid} crashed: ${detail}; restarting after backoff`, source: unit.id });
      },
    };
  }

  private buildStrategy(): Strategy {
    const strategy = createStrategy({
      config: { ...this.config },
      generation: ++this.generation,
      // How often its units report: the interval, or a multiple when they outnumber the cores (unit-options.ts).
      unitIntervalMs: unitSettings(this.config, this.sampling).intervalMs,
      lifecycle: this.lifecycle(),
      payloads: this.payloads,
      reportError: (message, source) => this.emit({ event: 'error', message, source }),
      wake: () => this.pump(),
    });
    this.inFlight.set(strategy, new Map());
    strategy.ready.catch((error: Error) => this.emit({ event: 'error', message: `${strategy.name} failed to start: ${error.message}`, source: strategy.name }));
    return strategy;
  }

  private beginRun(): void {
    this.running = true;
    this.runStartedAt = performance.now();
    this.ledger = new JobLedger();
    this.verifier = new ResultVerifier();
    this.nextJobId = 1;
    this.stats = { unitsStarted: 0, unitsExited: 0, switches: 0 };
    this.generation = 0;
    if (this.sampling) this.sampler = new HostSampler();
    this.emit({ event: 'run-started', config: { ...this.config } });
    this.switchStrategy(null);
    this.startTicks();
    this.load.start(this.config);
  }

  private startTicks(): void {
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.lastTickAt = performance.now();
    if (this.sampling) this.tickTimer = setInterval(() => this.publish(this.buildTick()), this.config.intervalMs);
  }

  /** Puts a new strategy in charge at once; the old one drains in the background, then ends. */
  private switchStrategy(before: RunConfig | null): void {
    const requestedAt = performance.now();
    const old = this.current;
    const next = this.buildStrategy();
    this.current = next;
    if (before && before.intervalMs !== this.config.intervalMs) this.startTicks();
    const drain = old ? this.drainAndDestroy(old) : Promise.resolve({ drained: 0, failedOnDrain: 0, tookMs: 0 });
    const readyAt = next.ready.then(
      () => performance.now(),
      () => performance.now(),
    );
    const done = Promise.all([readyAt, drain]).then(([ready, drained]) => {
      this.stats.switches += before ? 1 : 0;
      this.emit({
        event: 'strategy-switched',
        from: before?.strategy ?? null,
        to: next.name,
        firstReadyMs: ready - requestedAt,
        readyMs: ready - requestedAt,
        drained: drained.drained,
        failedOnDrain: drained.failedOnDrain,
        drainTookMs: drained.tookMs,
        config: { ...this.config },
      });
    });
    this.track(done);
    if (before) this.load.apply(this.config);
    this.pump();
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.then(() => undefined, (error: Error) => this.emit({ event: 'error', message: error.message, source: 'engine' }));
    this.draining.add(tracked);
    void tracked.finally(() => this.draining.delete(tracked));
  }

  /** Waits for a strategy's jobs in flight (at most drainMs), fails the rest with the reason, ends its units. */
  private async drainAndDestroy(strategy: Strategy): Promise<{ drained: number; failedOnDrain: number; tookMs: number }> {
    const started = performance.now();
    const jobs = this.inFlight.get(strategy) ?? new Map<number, InFlightJob>();
    const before = jobs.size;
    if (jobs.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.config.drainMs);
        this.drainWaiters.set(strategy, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.drainWaiters.delete(strategy);
    }
    let failedOnDrain = 0;
    for (const entry of jobs.values()) {
      failedOnDrain++;
      this.settle(strategy, entry, new Error(`drain timeout: still running on ${strategy.name} after ${this.config.drainMs} ms`));
    }
    await strategy.destroy();
    this.inFlight.delete(strategy);
    return { drained: before - failedOnDrain, failedOnDrain, tookMs: performance.now() - started };
  }

  /** A smaller queue bound applies at once: the newest waiting jobs beyond it are dropped. */
  private trimQueue(): void {
    while (this.queue.length > this.config.maxQueue) {
      this.queue.pop();
      this.ledger.drop();
    }
  }

  /** Submits one job from the load generator; false when it was dropped. */
  private submit(arrivedAt: number): boolean {
    if (!this.running) return false;
    const id = this.nextJobId++;
    const job: QueuedJob = { id, workload: this.config.workload, size: this.config.size, submittedAt: arrivedAt };
    this.ledger.submit();
    this.queue.push(job);
    this.pump();
    // The job just queued is the newest: if the queue is over its bound, it is the one dropped.
    const full = this.queue.length > this.config.maxQueue;
    this.trimQueue();
    return !full;
  }

  /** Dispatches queued jobs while the current strategy has room. */
  private pump(): void {
    const strategy = this.current;
    if (!this.running || !strategy) return;
    const jobs = this.inFlight.get(strategy);
    if (!jobs) return;
    for (let next = this.queue.peek(); next && jobs.size < strategy.capacity(next.workload); next = this.queue.peek()) {
      this.dispatch(strategy, jobs, this.queue.shift() as QueuedJob);
    }
  }

  private dispatch(strategy: Strategy, jobs: Map<number, InFlightJob>, job: QueuedJob): void {
    // The fault is decided when the job leaves the queue, so turning faults off stops them at once; a retried
    // job keeps the fault it had (a poison job stays poison).
    if (!job.retried) job.fault = this.config.fault !== 'none' && job.id % this.config.faultEvery === 0 ? this.config.fault : undefined;
    const limitMs = this.config.jobTimeoutMs;
    const entry: InFlightJob = { job, settled: false, dispatchedAt: performance.now(), limitMs, timeout: null };
    jobs.set(job.id, entry);
    this.ledger.dispatch();
    let signal: AbortSignal | undefined;
    if (limitMs > 0) {
      const controller = new AbortController();
      signal = controller.signal;
      entry.timeout = setTimeout(() => {
        // Abort first, so the strategy ends whatever runs the job (and stops counting it as ready) before
        // settling frees a slot; otherwise the next job could be sent to the unit about to be killed.
        controller.abort();
        this.settle(strategy, entry, new Error(`timed out after ${limitMs} ms on ${strategy.name}`));
      }, limitMs);
    }
    // Through a promise, so a strategy that throws synchronously still settles the job.
    Promise.resolve()
      .then(() => strategy.run(job, signal))
      .then(
      (result) => this.settle(strategy, entry, null, result),
      (error: Error) => this.settle(strategy, entry, error),
    );
  }

  /** Settles a job exactly once: a late answer after a drain timeout is ignored. */
  private settle(strategy: Strategy, entry: InFlightJob, error: Error | null, result?: JobResult): void {
    if (entry.settled) return;
    entry.settled = true;
    if (entry.timeout) clearTimeout(entry.timeout);
    const jobs = this.inFlight.get(strategy);
    jobs?.delete(entry.job.id);
    const { job, limitMs } = entry;
    // A job that blocked the host's own loop could not be interrupted: its timeout is only seen now.
    const late = !error && strategy.name === 'main-thread' && limitMs > 0 && performance.now() - entry.dispatchedAt > limitMs;
    const wrong = result ? this.verifier.check(job.workload, job.size, result.checksum) : null;
    const retry = error !== null && isUnitDeath(error) && this.config.retry && !job.retried && this.running;
    if (retry) {
      // Retried once, ahead of newer jobs; for the load generator it is still the same outstanding job.
      this.ledger.requeue();
      this.queue.unshift({ ...job, retried: true });
    } else if (error) this.ledger.fail(error.message);
    else if (late) this.ledger.fail(`timed out after ${limitMs} ms on ${strategy.name} (the host thread cannot be interrupted; the job ran to its end)`);
    else if (wrong) this.ledger.fail(wrong);
    else this.ledger.complete(performance.now() - job.submittedAt);
    if (jobs && jobs.size === 0) this.drainWaiters.get(strategy)?.();
    if (!retry) this.load.settled();
    this.pump();
  }

  private buildTick(): Tick {
    const now = performance.now();
    const intervalMs = now - this.lastTickAt;
    this.lastTickAt = now;
    const units = [];
    for (const strategy of this.inFlight.keys()) units.push(...strategy.units());
    return {
      type: 'tick',
      t: this.now(),
      strategy: this.config.strategy,
      workload: this.config.workload,
      host: (this.sampler as HostSampler).sample(),
      units,
      jobs: this.ledger.takeInterval(intervalMs),
      startup: null,
    };
  }

  private async endRun(): Promise<void> {
    this.running = false;
    this.load.stop();
    for (let job = this.queue.shift(); job; job = this.queue.shift()) this.ledger.fail('run stopped before the job started', true);
    if (this.current) this.track(this.drainAndDestroy(this.current));
    while (this.draining.size > 0) await Promise.all([...this.draining]);
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.tickTimer = null;
    if (this.sampler) this.publish(this.buildTick());
    this.emit({ event: 'run-stopped', config: { ...this.config } });
    // The summary is the last message of a run.
    this.publish(this.buildSummary());
    this.current = null;
    this.sampler?.stop();
    this.sampler = null;
  }

  private buildSummary(): Summary {
    const t = this.now();
    const l = this.ledger;
    return {
      type: 'summary',
      t,
      config: { ...this.config },
      jobs: { submitted: l.submitted, completed: l.completed, failed: l.failed, dropped: l.dropped, queued: l.queued, inFlight: l.inFlight, retried: l.retried },
      throughput: t > 0 ? (l.completed * 1000) / t : 0,
      latency: l.runLatencies(),
      hostEld: this.sampler?.overallDelay() ?? { p50: 0, p99: 0, max: 0 },
      unitsStarted: this.stats.unitsStarted,
      unitsExited: this.stats.unitsExited,
      unitsAlive: this.liveUnits(),
      failures: { ...l.failures },
      switches: this.stats.switches,
    };
  }
}
