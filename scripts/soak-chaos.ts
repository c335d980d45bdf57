/**
 * The soak's side of `--chaos`: forks the chaos monkey (scripts/chaos-monkey.ts, a separate process, so its
 * signals come from outside the lab), feeds it the live units of every tick, carries out the thread kills it asks
 * for (the engine's `crash` command: no other process can signal one thread of the host) and keeps what the
 * engine said of every unit hit (exits and causes, replacements, rows while frozen) for the verdict of
 * chaos-report.ts. Times are ms on this process's performance clock.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LabMessage, UnitTick } from '../shared/messages';
import type { RunConfig } from '../shared/run-config';
import type { LabEngine } from '../electron/engine/lab-engine';
import { DEFAULT_CHAOS, type ChaosTarget } from './chaos-plan';
import type { FromMonkey, ToMonkey } from './chaos-messages';
import { judgeChaos, type Blow, type ChaosVerdict, type ExitRecord, type FreezeRecord, type GenerationRecord, type StartRecord } from './chaos-report';

/** A strategy whose units run one job each and are not replaced: worker-per-task, child-process spawn/exec. */
export function oneShot(config: Pick<RunConfig, 'strategy' | 'childMode'>): boolean {
  return config.strategy === 'worker-per-task' || (config.strategy === 'child-process' && config.childMode !== 'fork');
}

/** How long the monkey may take to thaw what it froze and leave, ms. */
const MONKEY_END_MS = 5_000;

export class ChaosDriver {
  readonly blows: Blow[] = [];
  private readonly exits: ExitRecord[] = [];
  private readonly starts: StartRecord[] = [];
  private readonly generations: GenerationRecord[] = [];
  private readonly freezes: FreezeRecord[] = [];
  /** The last row of every unit the ticks listed, for what a freeze hit. */
  private readonly lastRow = new Map<string, UnitTick>();
  private run = -1;
  private pendingSwitches = 0;
  private stopping = false;
  private idle = 0;
  private readonly monkey: ChildProcess;
  private readonly gone: Promise<void>;

  private constructor(
    private readonly engine: LabEngine,
    seed: number,
    perMinute: number,
  ) {
    // No --expose-gc and the like for the monkey: it only sends signals.
    this.monkey = fork(join(__dirname, 'chaos-monkey.js'), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.gone = new Promise((resolve) => this.monkey.once('exit', () => resolve()));
    this.monkey.on('message', (message: FromMonkey) => this.heard(message));
    this.send({ type: 'begin', seed, perMinute, freezeMs: DEFAULT_CHAOS.freezeMs, freezeShare: DEFAULT_CHAOS.freezeShare, protectedPids: [process.pid] });
  }

  /** Forks the monkey; it strikes about `perMinute` times a minute from now on. */
  static start(engine: LabEngine, seed: number, perMinute = DEFAULT_CHAOS.perMinute): ChaosDriver {
    return new ChaosDriver(engine, seed, perMinute);
  }

  /** The monkey's pid: a child of the soak that is not a unit. */
  get pid(): number {
    return this.monkey.pid ?? -1;
  }

  /** A run started with `config`. */
  runStarted(config: RunConfig): void {
    this.run++;
    this.stopping = false;
    this.pendingSwitches = 0;
    this.generations.push({ run: this.run, generation: 1, oneShot: oneShot(config), installedAt: performance.now(), supersededAt: null });
  }

  /** A configure asked at `askedAt` put a new strategy in charge (the engine's needsNewUnits held). */
  switched(askedAt: number, config: RunConfig): void {
    const current = this.current();
    if (current) current.supersededAt = askedAt;
    this.pendingSwitches++;
    this.generations.push({ run: this.run, generation: (current?.generation ?? 0) + 1, oneShot: oneShot(config), installedAt: askedAt, supersededAt: null });
  }

  /** The run is asked to stop: its units drain and end; the ticks stop watching them. */
  stopAsked(): void {
    const now = performance.now();
    const current = this.current();
    if (current) current.supersededAt = now;
    this.stopping = true;
    for (const f of this.freezes) if (f.to === null && f.exit === null && f.watchedUntil === null) f.watchedUntil = now;
  }

  /** The run stopped: nothing is alive to hit until the next one. */
  stopped(): void {
    this.stopping = false;
    this.lastRow.clear();
    this.send({ type: 'targets', targets: [] });
  }

  /** A blow now, besides the random ones (at a switch or a stop: a blow during a drain). */
  strikeNow(): void {
    this.send({ type: 'strike-now' });
  }

  /** Every message of the engine passes here. */
  observe(message: LabMessage): void {
    const now = performance.now();
    if (message.type === 'tick') return this.ticked(message.units, now);
    if (message.type !== 'event') return;
    if (message.event === 'strategy-switched' && message.from !== null) this.pendingSwitches = Math.max(0, this.pendingSwitches - 1);
    else if (message.event === 'unit-started') this.starts.push({ at: now, unitId: message.unitId, ...(message.replaces ? { replaces: message.replaces } : {}) });
    else if (message.event === 'unit-exited') {
      const kind = message.kind === 'process' ? 'process' : 'thread';
      this.exits.push({ at: now, unitId: message.unitId, kind, cause: message.cause, run: this.run, generation: message.generation });
      for (const f of this.freezes) if (f.unitId === message.unitId && f.to === null && f.exit === null) f.exit = { at: now, cause: message.cause };
    }
  }

  /** Thaws what is frozen, lets the monkey go, and judges what the engine said of every blow. */
  async end(jobTimeoutMs: number): Promise<ChaosVerdict & { idle: number }> {
    this.send({ type: 'end' });
    const timer = setTimeout(() => this.monkey.kill('SIGKILL'), MONKEY_END_MS);
    await this.gone;
    clearTimeout(timer);
    const endedAt = performance.now();
    const verdict = judgeChaos({ blows: this.blows, exits: this.exits, starts: this.starts, generations: this.generations, freezes: this.freezes, endedAt, jobTimeoutMs });
    return { ...verdict, idle: this.idle };
  }

  private current(): GenerationRecord | undefined {
    return this.generations.at(-1);
  }

  private during(): Blow['during'] {
    if (this.stopping) return 'stop';
    return this.pendingSwitches > 0 ? 'switch' : null;
  }

  private ticked(units: readonly UnitTick[], now: number): void {
    const targets: ChaosTarget[] = [];
    for (const unit of units) {
      this.lastRow.set(unit.id, unit);
      if (unit.state !== 'exited') targets.push({ id: unit.id, kind: unit.kind === 'process' ? 'process' : 'thread', pid: unit.pid });
    }
    this.send({ type: 'targets', targets });
    for (const f of this.freezes) {
      if (f.to !== null || f.exit !== null || f.watchedUntil !== null) continue;
      const row = units.find((u) => u.id === f.unitId);
      if (!row?.blocked) continue;
      f.seenBlockedAt ??= now;
      if (row.state === 'busy' && f.inJobAt === null) f.inJobAt = now;
    }
  }

  private heard(message: FromMonkey): void {
    const now = performance.now();
    if (message.type === 'idle') this.idle++;
    else if (message.type === 'thawed') {
      for (const f of this.freezes) if (f.unitId === message.unitId && f.to === null) f.to = now;
    } else if (message.type === 'struck') {
      const { action } = message;
      const during = this.during();
      if (action.kind === 'thread-kill') {
        // The user's kill: the engine's own command, as the kill button sends it.
        void this.engine.crash({ unitId: action.unitId }).then((result) => this.blows.push({ at: now, action, ok: result.ok, during }));
        return;
      }
      this.blows.push({ at: now, action, ok: message.ok, during });
      if (action.kind === 'freeze' && message.ok) {
        const row = this.lastRow.get(action.unitId);
        const reported = (row?.state === 'idle' || row?.state === 'busy') && row.eld !== null;
        this.freezes.push({ unitId: action.unitId, from: now, to: null, reported, watchedUntil: null, seenBlockedAt: null, inJobAt: null, exit: null });
      }
    }
  }

  private send(message: ToMonkey): void {
    if (this.monkey.connected) this.monkey.send(message);
  }
}
