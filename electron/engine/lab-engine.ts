/**
 * The lab engine: runs real workloads under one strategy at a time, under an open or closed load, samples
 * everything once per interval and switches strategy at runtime without losing or double-counting a job.
 * Plain Node: it never imports electron, so the desktop app, the CLI, the browser mode and the tests share it.
 * Here the commands and the run's life; its parts: the intake (job-intake.ts), jobs in flight (job-runner.ts),
 * strategies built and switched (strategy-wiring.ts, strategy-switcher.ts), measuring (run-sampling.ts).
 */
import { performance } from 'node:perf_hooks';
import { changedSettings, needsNewUnits } from './config-change';
import { crashUnit } from './crash-unit';
import { parseCrashRequest } from '../../shared/command-requests';
import type { CommandResult } from '../../shared/lab-api';
import type { LabMessage } from '../../shared/messages';
import { defaultConfig, type RunConfig } from '../../shared/run-config';
import { JobIntake } from './job-intake';
import { JobLedger } from './jobs/job-ledger';
import { JobRunner } from './job-runner';
import { LoadGenerator } from './jobs/load-generator';
import { PayloadFactory } from './jobs/payloads';
import { ResultVerifier } from './jobs/result-verifier';
import { buildSummary, RunStats } from './run-report';
import { MessageHub } from './message-hub';
import { RunSampling } from './run-sampling';
import { StrategySwitcher } from './strategy-switcher';
import { buildStrategy, type StrategyWiring } from './strategy-wiring';
import type { EventBody } from './unit-events';
import { BackgroundWork } from './background-work';
import { WorkloadGate } from './custom-workload/gate';
import type { EngineOptions } from './engine-options';
import { AGENT_PATH } from './attach/agent-path';
import { checkAttachRequest } from './attach/attach-request';
import type { AttachOptions } from './attach/attached-run';
import { AttachSlot } from './attach/attach-slot';
import { refuseWhileAttached } from './attach/attached-refusal';
import { returnFreedMemory, type MemoryReturned } from './rest-memory';

/** Events a host of the engine may announce on the run's clock (an experiment it drives, a step it could not take). */
export type AnnouncedEvent = Extract<EventBody, { event: 'experiment-started' | 'error' | 'advisor-progress' | 'advice' }>;

export class LabEngine {
  private config: RunConfig = defaultConfig();
  private running = false;
  private memoryReturned: MemoryReturned | null = null;
  private runStartedAt = 0;
  private readonly hub = new MessageHub(() => this.now());
  private ledger = new JobLedger();
  private verifier = new ResultVerifier();
  private stats = new RunStats();
  private readonly payloads = new PayloadFactory();
  private readonly load = new LoadGenerator((arrivedAt) => this.intake.submit(arrivedAt));
  private readonly runner = new JobRunner({
    config: () => this.config,
    ledger: () => this.ledger,
    verifier: () => this.verifier,
    running: () => this.running,
    requeue: (job) => this.intake.requeue(job),
    settled: (final) => {
      if (final) this.load.settled();
      this.intake.pump();
    },
  });
  private readonly intake = new JobIntake({
    running: () => this.running,
    config: () => this.config,
    ledger: () => this.ledger,
    current: () => this.switcher.current,
    runner: this.runner,
  });
  private readonly switcher = new StrategySwitcher({
    config: () => this.config,
    build: () => buildStrategy({ ...this.config }, ++this.generation, this.wiring),
    runner: this.runner,
    switched: (event) => {
      if (event.from !== null) this.stats.switches++;
      this.emit({ event: 'strategy-switched', ...event });
    },
    track: (work) => this.background.track(work),
  });
  /** Background work (drains) a stop waits for. */
  private readonly background = new BackgroundWork((error) => this.emit({ event: 'error', message: error.message, source: 'engine' }));
  private generation = 0;
  /** Commands run one after another, so a switch never interleaves with a stop. */
  private commands: Promise<unknown> = Promise.resolve();
  private readonly sampling: RunSampling;
  private readonly wiring: StrategyWiring;
  /** Merges changes; checks a user's workload module (in a throwaway thread) before it is used. */
  private readonly gate: WorkloadGate;
  /** The attached run going, and the launch waiting for its app (attach/attach-slot.ts). */
  private readonly attached = new AttachSlot({ publish: (message) => this.hub.publish(message), emit: (body) => this.emit(body) });

  constructor(options: EngineOptions = {}) {
    const run = { now: () => this.now(), runStartedAt: () => this.runStartedAt, config: () => this.config, strategies: () => this.runner.strategies(), ended: () => this.runner.takeEnded(), ledger: () => this.ledger, counter: () => this.payloads.counter.read() };
    this.sampling = new RunSampling(options.sampling ?? true, run, (tick) => this.hub.publish(tick));
    this.gate = new WorkloadGate(options.workloadLoadTimeoutMs);
    this.wiring = {
      stats: () => this.stats,
      emit: (body) => this.emit(body),
      runner: this.runner,
      wake: () => this.intake.pump(),
      strategyName: () => this.config.strategy,
      payloads: this.payloads,
      sampling: this.sampling,
    };
  }

  /** Subscribes to ticks, events and summaries; returns the unsubscribe. */
  onMessage(listener: (message: LabMessage) => void): () => void {
    return this.hub.subscribe(listener);
  }

  /** The current settings and whether a run is going. */
  getState(): CommandResult {
    const attached = this.attached.current;
    return { ok: true, config: { ...this.config }, running: this.running || attached !== null, ...(attached ? { attached: attached.spec } : {}) };
  }

  /**
   * Starts a run (after applying `patch`); while running it is the same as configure. During an attached run it
   * is refused, as configure is: the user's app is ended only by an explicit Stop.
   */
  start(patch?: unknown): Promise<CommandResult> {
    return this.serial(async () => {
      if (this.attached.current) return refuseWhileAttached('strategy');
      if (this.running) return this.applyConfig(patch ?? {});
      const merged = await this.gate.merge(this.config, patch ?? {});
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

  /**
   * Sets the settings back to `config` (the user's, from before an experiment or the advisor lent the engine
   * other ones) and tells every viewer in a `config-changed` event naming what lent them (`after`), run or not:
   * the next Start, from any viewer or the CLI, runs the user's settings again.
   */
  giveBack(config: RunConfig, after: string): Promise<CommandResult> {
    return this.serial(async () => {
      const before = this.config;
      // The module's facts are the engine's to find again, not a setting to send.
      const { workloadModule: _module, ...settings } = config;
      const running = this.running;
      const result = await this.applyConfig(settings);
      // Under a run the change itself was announced (a switch or a config-changed); outside one, nothing was.
      if (result.ok && !running) this.emit({ event: 'config-changed', changed: changedSettings(before, this.config), config: { ...this.config }, givenBack: after });
      return result;
    });
  }

  /**
   * Stops the run: queued jobs are cancelled (never started), jobs in flight finish (a drain bounded by drainMs;
   * those still running then fail), every unit ends.
   */
  stop(): Promise<CommandResult> {
    this.attached.abortLaunch();
    return this.serial(async () => {
      await this.endAnyRun();
      return this.getState();
    });
  }

  /**
   * Attaches to the user's app (payload `{ command, cwd? }`, shared/lab-api.ts): checks it (bad input changes
   * nothing), stops any run, starts the command with the agent and resolves once a Node process of it has said
   * hello; or with the error that ended the launch (attach/attached-run.ts). Stop ends the app's whole group.
   */
  attach(payload: unknown, options: AttachOptions = {}): Promise<CommandResult> {
    const agentPath = options.agentPath ?? AGENT_PATH;
    const checked = checkAttachRequest(payload, agentPath);
    if (!checked.ok) return Promise.resolve(checked);
    const launch = this.attached.beginLaunch();
    return this.serial(async () => {
      await this.endAnyRun();
      this.runStartedAt = performance.now();
      const launched = await this.attached.launch(launch, checked.spec, { ...this.config }, this.runStartedAt, { ...options, agentPath });
      if (!launched.ok) return launched;
      return { ...this.getState(), attached: launched.run.spec };
    });
  }

  /** Crash injection: kills a live unit (by id, or the first one) from outside, as a crash. */
  crash(payload?: unknown): Promise<CommandResult> {
    return this.serial(async () => {
      if (this.attached.current) return refuseWhileAttached('command');
      const parsed = parseCrashRequest(payload);
      if (!parsed.ok) return parsed;
      return crashUnit(this.runner.strategies(), this.switcher.current, parsed.value.unitId, this.config.strategy) ?? this.getState();
    });
  }

  /** An event about the run from its host (the experiment driver), on the run's clock like the engine's own; none outside a run. */
  announce(body: AnnouncedEvent): void {
    // The advice comes after its last cell's run has stopped: it concerns every run of the advisor, not one.
    if (this.running || this.attached.current || body.event === 'advice') this.emit(body);
  }

  /** The host's health check every 50 ms whatever the strategy, or not, for the rest of this run (an experiment asks). */
  checkHealthOften(on = true): void {
    this.sampling.checkHealthOften(on);
  }

  /** Stops any run and forgets listeners: what the host calls when it quits. */
  async dispose(): Promise<void> {
    await this.stop();
    this.hub.clear();
  }

  /** What the last stop gave back to the OS of the host's freed native memory (rest-memory.ts); null before one, or where it cannot. */
  memoryReturnedAtLastStop(): MemoryReturned | null {
    return this.memoryReturned;
  }

  /** How many threads and processes of the lab are alive now (every strategy not yet ended). */
  liveUnits(): number {
    return this.runner.strategies().reduce((count, strategy) => count + strategy.liveUnits(), 0);
  }

  private serial<T>(command: () => Promise<T>): Promise<T> {
    const next = this.commands.then(command, command);
    this.commands = next.catch(() => undefined);
    return next;
  }

  private now(): number {
    return Math.round(performance.now() - this.runStartedAt);
  }

  private emit(body: EventBody): void {
    this.hub.emit(body);
  }

  private async applyConfig(patch: unknown): Promise<CommandResult> {
    if (this.attached.current) return refuseWhileAttached('strategy');
    const merged = await this.gate.merge(this.config, patch);
    if (!merged.ok) return merged;
    const before = this.config;
    this.config = merged.value;
    if (!this.running) return this.getState();
    if (needsNewUnits(before, this.config)) {
      this.switcher.install(before);
      if (before.intervalMs !== this.config.intervalMs) this.sampling.intervalChanged(this.config.intervalMs);
    } else this.emit({ event: 'config-changed', changed: changedSettings(before, this.config), config: { ...this.config } });
    this.load.apply(this.config);
    this.intake.trim();
    this.intake.pump();
    return this.getState();
  }

  private beginRun(): void {
    this.running = true;
    this.runStartedAt = performance.now();
    this.ledger = new JobLedger();
    this.verifier = new ResultVerifier();
    this.stats = new RunStats();
    this.intake.newRun();
    this.generation = 0;
    // Strategies a run without ticks (sampling off) ended are not this run's to list.
    this.runner.takeEnded();
    this.payloads.counter.rebase();
    this.emit({ event: 'run-started', config: { ...this.config } });
    this.switcher.install(null);
    this.sampling.beginRun(this.config.intervalMs);
    this.load.start(this.config);
  }

  /** Turns sampling off or on, now (ticks, host probe, health checks, every unit's) and for later runs. */
  setSampling(on: boolean): void {
    this.sampling.set(on, this.config, this.runner.strategies(), this.running);
  }

  /** Ends the run going, the lab's own or an attached one. */
  private async endAnyRun(): Promise<void> {
    if (this.running) await this.endRun();
    await this.attached.stop();
  }

  private async endRun(): Promise<void> {
    this.running = false;
    this.load.stop();
    // Jobs still queued never started: cancelled, their own figure, not failures. Jobs in flight drain below
    // (complete, or fail when drainMs runs out: that is a real failure).
    this.intake.cancelQueued();
    this.switcher.retireCurrent();
    await this.background.settled();
    this.sampling.lastTick();
    this.emit({ event: 'run-stopped', config: { ...this.config } });
    // The summary is the last message of a run.
    this.hub.publish(buildSummary({ t: this.now(), config: this.config, ledger: this.ledger, stats: this.stats, hostEld: this.sampling.hostDelay(), unitsAlive: this.liveUnits() }));
    await this.sampling.endRun();
    // At rest now, its units ended: what they freed goes back to the OS (rest-memory.ts says why, and why not sooner).
    this.memoryReturned = returnFreedMemory();
  }
}
