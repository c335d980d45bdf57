/**
 * The one supervisor of every thread and process a strategy starts (after Erlang/OTP's supervisors: the
 * supervisor, never the child, decides what an exit means and whether to restart). A strategy hands it a
 * started unit as a {@link UnitHandle}; from then on the supervisor owns the unit's life:
 * - readiness (a `ready` message or the handle's own event) and the unit's samples and job notices;
 * - the cause of its exit, decided once (the event and the unit's exited row in a tick carry it): `external` (a
 *   process killed by a signal the lab did not send), `stop` (the lab is closing the strategy), `timeout` and
 *   `killed` (the lab ended it), `done` (a one-shot unit after its job), `injected` (it died of a fault a job it
 *   ran carried), otherwise `crash`;
 * - `unit-started` and `unit-exited`, exactly once per unit, through {@link SupervisorEvents};
 * - the jobs running on a unit that dies, handed back at once (whatever the strategy, none waits for a drain);
 * - grace-then-kill, restart backoff, replacement (`replaces` names the unit stood in for), crash injection.
 * Its parts: the live units (unit-registry.ts), paced starts (unit-starts.ts), the exit's verdict
 * (exit-verdict.ts), replacements (unit-replacements.ts) and what ticks list (tick-view.ts).
 */
import { performance } from 'node:perf_hooks';
import type { SliceWindow } from '../../../shared/activity/busy-slices';
import type { UnitTick } from '../../../shared/messages';
import { isUnitMessage } from '../../../shared/unit-protocol';
import { lostWhy, unitDied } from '../unit-errors';
import { exitFacts } from './exit-verdict';
import { InjectedFaults, type InjectedFault } from './injected-faults';
import { JobNotices } from './job-notices';
import { defaultStartLimit } from './start-gate';
import { stopInBatches, stopWithGrace } from './stop-batches';
import type { SupervisorOptions } from './supervisor-options';
import { TickView } from './tick-view';
import type { UnitExit, UnitHandle } from './unit-handle';
import { newUnitRecord, unitId, type UnitRecord } from './unit-record';
import { UnitRegistry } from './unit-registry';
import { UnitReplacements } from './unit-replacements';
import { UnitStarts } from './unit-starts';

export class UnitSupervisor {
  private readonly units = new UnitRegistry();
  private readonly exits = new Map<UnitRecord, Promise<void>>();
  private readonly view = new TickView();
  private readonly notices = new JobNotices();
  private readonly faults = new InjectedFaults();
  private readonly replacements: UnitReplacements;
  private readonly starts: UnitStarts;
  private serial = 0;
  private closing = false;
  /** The job timeout of the last job that ran past it, in ms, for the words of the exits it causes. */
  private lastTimeoutMs: number | undefined;

  constructor(private readonly options: SupervisorOptions) {
    this.starts = new UnitStarts(options.startLimit, (error) => options.events.startFailed?.(error));
    this.replacements = new UnitReplacements(() => options.events.wake());
  }

  /**
   * Starts `count` long-lived units with `start`, a few at a time; a unit that crashes is started again the same
   * way after the backoff, with `replaces` naming the unit it stands in for.
   */
  launch(count: number, start: (replaces?: string) => UnitHandle): void {
    const startOne = (replaces?: string) => this.launchGroup(1, () => [this.adopt(start(replaces), { replaces })]);
    this.replacements.startWith(startOne);
    for (let i = 0; i < count; i++) startOne();
  }

  /**
   * Starts `size` units through the start gate as one start: `start` creates and adopts them (piscina starts a
   * pool's threads together, in its constructor); see {@link UnitStarts}.
   */
  launchGroup(size: number, start: () => UnitRecord[]): void {
    this.starts.enqueue(size, start);
  }

  /** Settles once `count` units have become ready since this supervisor began (or it is shutting down). */
  whenReady(count: number): Promise<void> {
    return this.starts.whenReady(count);
  }

  /** Takes charge of a started unit. A one-shot unit runs one job and its exit with code 0 is `done`. */
  adopt(handle: UnitHandle, options: { oneShot?: boolean; replaces?: string; createdAt?: number } = {}): UnitRecord {
    const { strategy, generation } = this.options;
    const unit = newUnitRecord(handle, {
      id: unitId(strategy, generation, handle.kind, handle.pid, handle.threadId, ++this.serial),
      strategy,
      generation,
      oneShot: options.oneShot === true,
      replaces: this.replacements.standsInFor(options.oneShot === true, options.replaces),
      createdAt: options.createdAt ?? performance.now(),
    });
    this.units.add(unit);
    this.options.events.unitCreated(unit);
    handle.onMessage?.((message) => this.deliver(unit, message));
    void handle.ready?.then(() => this.ready(unit));
    this.exits.set(unit, handle.exited.then((exit) => this.onExit(unit, exit)));
    if (this.closing) this.stopUnit(unit);
    return unit;
  }

  /** Takes a message `unit` sent: readiness, a sample, a job-start notice; anything else is not ours. */
  deliver(unit: UnitRecord, message: unknown): void {
    if (!isUnitMessage(message)) return;
    if (message.type === 'job-start') return this.jobStarted(unit, message.jobId);
    if (message.sample !== undefined) {
      unit.sample = message.sample;
      unit.sampleAt = performance.now();
    }
    if (message.activity !== undefined) unit.slices.addActivity(message.activity);
    if (message.type === 'ready' && !unit.handle.ready) this.ready(unit);
  }

  /** The unit can take jobs. */
  ready(unit: UnitRecord): void {
    if (unit.state !== 'starting') return;
    unit.state = unit.running.size > 0 ? 'busy' : 'idle';
    const startupMs = performance.now() - unit.createdAt;
    this.view.unitReady(startupMs);
    this.starts.ready(unit);
    this.options.events.unitStarted(unit, startupMs);
    this.options.events.wake();
  }

  /** `unit` runs job `jobId` now. A job that already timed out ends the unit that took it. */
  jobStarted(unit: UnitRecord, jobId: number): void {
    this.faults.runs(jobId, unit.id);
    if (this.notices.claimTimeout(jobId)) return this.end(unit, 'timeout');
    if (unit.state === 'exited' || this.notices.startedAfterEnd(jobId)) return;
    unit.running.add(jobId);
    if (unit.state !== 'starting') unit.state = 'busy';
  }

  /** A job ended; `doneBy`, when the answer names its unit, gets the completion counted. */
  jobEnded(jobId: number, completed: boolean, doneBy?: UnitRecord): void {
    this.faults.ended(jobId, completed);
    const runner = this.runnerOf(jobId) ?? (doneBy?.running.has(jobId) ? doneBy : undefined);
    if (runner) {
      runner.running.delete(jobId);
      if (runner.state === 'busy' && runner.running.size === 0) runner.state = 'idle';
    } else this.notices.endedBeforeStart(jobId);
    const counted = doneBy ?? runner;
    if (completed && counted) counted.done++;
  }

  /** Job `jobId`, about to run, carries an injected fault: the exit of the unit it kills reads `injected`. */
  carriesFault(jobId: number, fault: InjectedFault): void {
    this.faults.carried(jobId, fault);
  }

  /**
   * Job `jobId` ran past its timeout: the unit running it is ended (nothing else stops a running job), and its
   * exit reads `timeout`. When no unit has said it runs the job yet, the first one that does is ended, and an
   * exit meanwhile (piscina ends the thread of an aborted task itself) reads `timeout` too, never `crash`.
   */
  timeOut(jobId: number, limitMs?: number): void {
    if (limitMs !== undefined) this.lastTimeoutMs = limitMs;
    const runner = this.runnerOf(jobId);
    if (runner) return this.end(runner, 'timeout');
    this.notices.timedOutUnclaimed(jobId);
  }

  /** Ends a unit for a reason of the lab's (`timeout`, `killed`): at once, and its exit reads as that reason. */
  end(unit: UnitRecord, cause: 'timeout' | 'killed'): void {
    if (unit.state === 'exited') return;
    unit.expectedExit = cause;
    unit.handle.kill();
  }

  /** The user's kill: ends a live unit (by id, or the first ready one) from outside; its id, or null if none. */
  crash(id?: string): string | null {
    const live = this.live();
    const unit = id ? live.find((u) => u.id === id) : (live.find((u) => u.state !== 'starting' && !u.expectedExit) ?? live[0]);
    if (!unit) return null;
    this.end(unit, 'killed');
    return unit.id;
  }

  private onExit(unit: UnitRecord, exit: UnitExit): void {
    this.exits.delete(unit);
    this.units.remove(unit);
    this.starts.gone(unit);
    if (unit.state === 'exited') return;
    const { closing, faults, notices, lastTimeoutMs } = this;
    const facts = exitFacts(unit, exit, { closing, faults, notices, lastTimeoutMs, memoryLimitMb: this.options.memoryLimitMb });
    unit.state = 'exited';
    unit.exit = facts;
    const lost = [...unit.running];
    unit.running.clear();
    this.view.unitExited(unit, lost.length > 0);
    this.options.events.unitExited(unit, facts);
    if (lost.length > 0) this.options.events.jobsLost(lost, unitDied(unit.id, exit.code, exit.signal, lostWhy(facts)));
    if (!this.closing) this.replacements.lost(unit, facts.cause);
  }

  /**
   * Sampling was turned on or off: the units' silence counts from now, not from their last report before it was
   * off (else every unit would read blocked in the first ticks after it is on again).
   */
  samplingChanged(): void {
    const now = performance.now();
    for (const unit of this.units.live()) unit.sampleAt = now;
  }

  /** True while the restart backoff after a crash runs: a strategy takes no new job then. */
  paused(): boolean {
    return this.replacements.paused();
  }

  /** The unit a thread id or pid names, while it lives. */
  find(kind: UnitHandle['kind'], pidOrThreadId: number): UnitRecord | undefined {
    return this.units.find(kind, pidOrThreadId);
  }

  /** The live unit running job `jobId`, if its start was reported. */
  runnerOf(jobId: number): UnitRecord | undefined {
    return this.units.runnerOf(jobId);
  }

  /** Units not exited yet. */
  live(): UnitRecord[] {
    return this.units.live();
  }

  /** Units that can take a job now: ready, and not being ended by the lab. */
  available(): UnitRecord[] {
    return this.units.available();
  }

  get liveCount(): number {
    return this.units.size;
  }

  /** The units as a tick shows them: the live ones, and the exited ones still to be shown (tick-view.ts). */
  snapshot(window?: SliceWindow): UnitTick[] {
    return this.view.snapshot(this.units.values(), this.options.intervalMs, performance.now(), window);
  }

  /** Startup times (ms) of the units that became ready since the last call. */
  takeStartups(): number[] {
    return this.view.takeStartups();
  }

  /**
   * Ends every unit: each is asked to leave, and killed if it has not after the grace. Resolves once all have
   * exited; units adopted meanwhile are stopped as they come.
   */
  async shutdown(): Promise<void> {
    this.beginShutdown();
    await stopInBatches(this.units.live(), this.options.startLimit ?? defaultStartLimit(), (unit) => {
      this.stopUnit(unit);
      return this.exits.get(unit);
    });
    while (this.exits.size > 0) await Promise.all(this.exits.values());
  }

  /** From now on nothing starts and every exit reads `stop` (a strategy ending its units itself calls this first). */
  beginShutdown(): void {
    this.closing = true;
    this.starts.close();
    this.replacements.cancel();
  }

  private stopUnit(unit: UnitRecord): void {
    stopWithGrace(unit.handle, this.exits.get(unit), this.options.graceMs);
  }
}

export type { SupervisorEvents, SupervisorOptions } from './supervisor-options';
