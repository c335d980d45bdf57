/**
 * Test doubles for the renderer's unit tests ONLY: a LabApi that answers like the engine (validating with
 * the shared schema) and builders of ticks and events. The app and the e2e tests always use the real engine.
 */
import type { AttachSpec } from '../../../shared/attach';
import { parseAttachRequest } from '../../../shared/command-requests';
import type { StrategyName } from '../../../shared/constants';
import type { CommandResult, LabApi } from '../../../shared/lab-api';
import type { ExitCause, ExitFacts, LabEvent, LabMessage, Summary, Tick, UnitExitedEvent, UnitStartedEvent, UnitTick } from '../../../shared/messages';
import { defaultConfig, mergeConfig, type RunConfig } from '../../../shared/run-config';

export class FakeLab implements LabApi {
  config: RunConfig = defaultConfig();
  running = false;
  readonly calls: Array<{ command: string; payload?: unknown }> = [];
  /** An experiment's run so far, as the engine hands it to a viewer that joins late (getState's `run`). */
  run: LabMessage[] | null = null;
  /** What getState says of attaching: the desktop app always may; browser mode only with `--allow-attach`. */
  canAttach = true;
  /** The attached run going on, as getState names it. */
  attached: AttachSpec | null = null;
  /** The host's own refusal of the next valid `attach` (a command not found, a folder that does not exist). */
  attachRefusal: CommandResult | null = null;
  private readonly ticks = new Set<(tick: Tick) => void>();
  private readonly events = new Set<(event: LabEvent) => void>();
  private readonly summaries = new Set<(summary: Summary) => void>();

  private apply(patch: unknown): CommandResult {
    const merged = mergeConfig(this.config, patch ?? {});
    if (!merged.ok) return merged;
    this.config = merged.value;
    return { ok: true, config: this.config, running: this.running };
  }

  async start(patch?: unknown): Promise<CommandResult> {
    this.calls.push({ command: 'start', payload: patch });
    const result = this.apply(patch);
    if (result.ok) this.running = true;
    return result.ok ? { ...result, running: true } : result;
  }
  async stop(): Promise<CommandResult> {
    this.calls.push({ command: 'stop' });
    this.running = false;
    this.attached = null;
    return { ok: true, config: this.config, running: false };
  }
  async configure(patch: unknown): Promise<CommandResult> {
    this.calls.push({ command: 'configure', payload: patch });
    return this.apply(patch);
  }
  async getState(): Promise<CommandResult> {
    this.calls.push({ command: 'getState' });
    return {
      ok: true,
      config: this.config,
      running: this.running,
      canAttach: this.canAttach,
      ...(this.attached ? { attached: this.attached } : {}),
      ...(this.run ? { run: this.run } : {}),
    };
  }
  async crash(payload?: unknown): Promise<CommandResult> {
    this.calls.push({ command: 'crash', payload });
    return { ok: true, config: this.config, running: this.running };
  }
  async machine(): Promise<CommandResult> {
    this.calls.push({ command: 'machine' });
    const machine = { cores: 2, cpuModel: 'Fake CPU', node: 'v20.18.0', memoryBytes: 2 ** 33, os: 'linux', kernel: '6.1', arch: 'x64', v8: '11.3', electron: null, host: 'browser' as const };
    return { ok: true, config: this.config, running: this.running, machine };
  }
  async experiment(payload: unknown): Promise<CommandResult> {
    this.calls.push({ command: 'experiment', payload });
    this.running = true;
    return { ok: true, config: this.config, running: true };
  }
  async advise(payload?: unknown): Promise<CommandResult> {
    this.calls.push({ command: 'advise', payload });
    this.running = true;
    return { ok: true, config: this.config, running: true };
  }
  async attach(payload: unknown): Promise<CommandResult> {
    this.calls.push({ command: 'attach', payload });
    if (!this.canAttach) return { ok: false, errors: [{ field: 'attach', message: 'browser mode runs commands only when started with npm run web -- --allow-attach' }] };
    const parsed = parseAttachRequest(payload);
    if (!parsed.ok) return parsed;
    if (this.attachRefusal) return this.attachRefusal;
    this.running = true;
    this.attached = { command: parsed.value.command, cwd: parsed.value.cwd ?? '/home/lab' };
    return { ok: true, config: this.config, running: true, canAttach: true, attached: this.attached };
  }
  onTick(listener: (tick: Tick) => void) {
    this.ticks.add(listener);
    return () => void this.ticks.delete(listener);
  }
  onEvent(listener: (event: LabEvent) => void) {
    this.events.add(listener);
    return () => void this.events.delete(listener);
  }
  onSummary(listener: (summary: Summary) => void) {
    this.summaries.add(listener);
    return () => void this.summaries.delete(listener);
  }
  emitTick(tick: Tick): void {
    for (const l of this.ticks) l(tick);
  }
  emitEvent(event: LabEvent): void {
    for (const l of this.events) l(event);
  }
  emitSummary(summary: Summary): void {
    for (const l of this.summaries) l(summary);
  }
}

/** A manual clock for the store (ms). */
export function fakeClock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

export function makeUnit(overrides: Partial<UnitTick> & Pick<UnitTick, 'id'>): UnitTick {
  return {
    kind: 'thread',
    strategy: 'worker-pool',
    pid: 100,
    threadId: 1,
    state: 'idle',
    eld: { p50: 1, p99: 2, max: 3 },
    elu: 0.5,
    cpu: 0.4,
    rss: null,
    heapUsed: 4_000_000,
    done: 0,
    busy: null,
    gc: null,
    ...overrides,
  };
}

export function makeTick(
  t: number,
  overrides: { strategy?: StrategyName; units?: UnitTick[]; eldP99?: number; throughput?: number; queued?: number; startup?: Tick['startup'] } = {},
): Tick {
  return {
    type: 'tick',
    t,
    strategy: overrides.strategy ?? 'worker-pool',
    workload: 'fib',
    host: { eld: { p50: 1, p99: overrides.eldP99 ?? 2, max: (overrides.eldP99 ?? 2) + 1 }, elu: 0.1, cpu: 0.1, processCpu: 0.2, rss: 80_000_000, heapUsed: 20_000_000, pid: 42, busy: null, gc: null },
    units: overrides.units ?? [],
    sliceMs: 20,
    sliceStart: t - 200,
    jobs: {
      submitted: 10,
      completed: 8,
      failed: 0,
      dropped: 0,
      cancelled: 0,
      queued: overrides.queued ?? 1,
      inFlight: 1,
      retried: 0,
      throughput: overrides.throughput ?? 50,
      latency: { p50: 20, p99: 40 },
    },
    startup: overrides.startup ?? null,
    health: null,
  };
}

export function switched(t: number, from: StrategyName | null, to: StrategyName, config: RunConfig = { ...defaultConfig(), strategy: to }): LabEvent {
  return { type: 'event', t, event: 'strategy-switched', from, to, firstReadyMs: 8, readyMs: 12, drained: 0, failedOnDrain: 0, config } as LabEvent;
}

/** How a thread of a worker pool ends with `cause`, in the engine's words (its event and its tick row agree). */
export function exitFacts(cause: ExitCause): ExitFacts {
  switch (cause) {
    case 'crash':
      return { cause, code: 1, signal: null, detail: 'exited with code 1' };
    case 'injected':
      return { cause, code: 1, signal: null, detail: 'exited with code 1 (injected fault: exit)', fault: 'exit' };
    case 'timeout':
      return { cause, code: 1, signal: null, detail: 'ended to cancel a job that ran past the job timeout' };
    case 'killed':
      return { cause, code: 1, signal: null, detail: 'killed by the user (exited with code 1)' };
    case 'external':
      return { cause, code: null, signal: 'SIGKILL', detail: 'killed from outside the lab by SIGKILL' };
    default:
      return { cause, code: 0, signal: null };
  }
}

/** A unit-exited event of a worker-pool thread (generation 1) unless overridden. */
export function unitExited(t: number, unitId: string, cause: ExitCause, overrides: Partial<UnitExitedEvent> = {}): UnitExitedEvent {
  return {
    type: 'event',
    t,
    event: 'unit-exited',
    unitId,
    kind: 'thread',
    strategy: 'worker-pool',
    pid: 100,
    threadId: Number(unitId.split('-').pop()) || 1,
    generation: 1,
    voluntary: cause === 'stop' || cause === 'done',
    ...exitFacts(cause),
    ...overrides,
  };
}

/** A unit-started event, same defaults as {@link unitExited}. */
export function unitStarted(t: number, unitId: string, overrides: Partial<UnitStartedEvent> = {}): UnitStartedEvent {
  return {
    type: 'event',
    t,
    event: 'unit-started',
    unitId,
    kind: 'thread',
    strategy: 'worker-pool',
    pid: 100,
    threadId: Number(unitId.split('-').pop()) || 1,
    generation: 1,
    startupMs: 25,
    ...overrides,
  };
}

/** The summary of a short run. */
export function makeSummary(overrides: Partial<Summary> = {}): Summary {
  return {
    type: 'summary',
    t: 12_300,
    config: defaultConfig(),
    jobs: { submitted: 600, completed: 560, failed: 26, dropped: 10, cancelled: 4, queued: 0, inFlight: 0, retried: 4 },
    throughput: 45.5,
    latency: { p50: 12, p99: 40, max: 90 },
    hostEld: { p50: 0.2, p99: 3.1, max: 8 },
    unitsStarted: 8,
    unitsExited: 8,
    unitsAlive: 0,
    failures: { 'thread N exited with code 1 during the job': 26 },
    switches: 0,
    ...overrides,
  };
}
