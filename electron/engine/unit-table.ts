/**
 * The threads and processes of one strategy instance: their state, latest sample and job count, and the
 * unit-started / unit-exited events. Every strategy keeps its units here, so they all report the same way.
 */
import { performance } from 'node:perf_hooks';
import type { StrategyName } from '../../shared/constants';
import type { ExitCause, LoopSample, UnitKind, UnitTick } from '../../shared/messages';

/** One thread or process. */
export interface UnitRecord {
  id: string;
  kind: UnitKind;
  strategy: StrategyName;
  pid: number;
  threadId: number | null;
  state: UnitTick['state'];
  createdAt: number;
  sample: LoopSample | null;
  done: number;
  /** Jobs running on it now, by id. */
  running: Set<number>;
  /**
   * Jobs whose result arrived before their start notice: results and notices travel on different channels
   * (piscina's task port, the thread's parentPort), so their order is not guaranteed.
   */
  endedEarly: Set<number>;
  /** Exit already reported in a tick; the record is dropped at the next snapshot. */
  reportedExit: boolean;
  /** Set when the lab is about to end this unit itself (timeout, injected crash), so its exit reads as such. */
  expectedExit: ExitCause | null;
}

/** Receives a table's lifecycle events. */
export interface UnitLifecycle {
  /** A unit was created (it may die before it is ready). */
  unitCreated(unit: UnitRecord): void;
  unitStarted(unit: UnitRecord, startupMs: number): void;
  unitExited(unit: UnitRecord, code: number | null, signal: string | null, cause: ExitCause, detail?: string): void;
}

/** The units of one strategy instance. */
export class UnitTable {
  private readonly records = new Map<string, UnitRecord>();

  constructor(
    private readonly strategy: StrategyName,
    private readonly generation: number,
    private readonly lifecycle: UnitLifecycle,
  ) {}

  /** Registers a unit that is starting; `createdAt` defaults to now. */
  add(kind: UnitKind, pid: number, threadId: number | null, createdAt = performance.now()): UnitRecord {
    const key = kind === 'thread' ? `thread-${threadId}` : `pid-${pid}`;
    const record: UnitRecord = {
      id: `${this.strategy}#${this.generation}/${key}`,
      kind,
      strategy: this.strategy,
      pid,
      threadId,
      state: 'starting',
      createdAt,
      sample: null,
      done: 0,
      running: new Set(),
      endedEarly: new Set(),
      reportedExit: false,
      expectedExit: null,
    };
    this.records.set(key, record);
    this.lifecycle.unitCreated(record);
    return record;
  }

  /** Finds a live unit by thread id (threads) or pid (processes). */
  find(kind: UnitKind, pidOrThreadId: number): UnitRecord | undefined {
    return this.records.get(kind === 'thread' ? `thread-${pidOrThreadId}` : `pid-${pidOrThreadId}`);
  }

  /** The unit answered for the first time: it is ready for jobs. */
  ready(unit: UnitRecord): void {
    if (unit.state !== 'starting') return;
    unit.state = unit.running.size > 0 ? 'busy' : 'idle';
    this.lifecycle.unitStarted(unit, performance.now() - unit.createdAt);
  }

  jobStarted(unit: UnitRecord, jobId: number): void {
    if (unit.state === 'exited' || unit.endedEarly.delete(jobId)) return;
    unit.running.add(jobId);
    if (unit.state !== 'starting') unit.state = 'busy';
  }

  jobEnded(unit: UnitRecord, jobId: number, completed: boolean): void {
    if (!unit.running.delete(jobId)) {
      // Bounded: a start notice that never comes (sampling off) must not grow this set forever.
      if (unit.endedEarly.size > 1_000) unit.endedEarly.clear();
      unit.endedEarly.add(jobId);
    }
    if (completed) unit.done++;
    if (unit.state === 'busy' && unit.running.size === 0) unit.state = 'idle';
  }

  sample(unit: UnitRecord, sample: LoopSample): void {
    unit.sample = sample;
  }

  /**
   * The unit ended. `cause` is what the strategy knows (stop, done, or crash); a cause the lab announced with
   * {@link expectExit} (timeout, injected) wins over a crash, because the lab did it. Returns the final cause.
   */
  exited(unit: UnitRecord, code: number | null, signal: string | null, cause: ExitCause, detail?: string): ExitCause {
    if (unit.state === 'exited') return cause;
    const final = cause === 'crash' && unit.expectedExit ? unit.expectedExit : cause;
    unit.state = 'exited';
    unit.running.clear();
    this.lifecycle.unitExited(unit, code, signal, final, final === 'crash' ? detail : undefined);
    return final;
  }

  /** The lab is about to end this unit itself, for this reason. */
  expectExit(unit: UnitRecord, cause: ExitCause): void {
    unit.expectedExit = cause;
  }

  /**
   * Crash injection: kills a live unit (by id, or the first one) with `kill`, which returns false when it has
   * no handle for it. The exit that follows reads as `injected`, not as a crash.
   */
  crash(unitId: string | undefined, kill: (unit: UnitRecord) => boolean): string | null {
    const unit = this.pick(unitId);
    if (!unit || !kill(unit)) return null;
    // Set after the kill call: the exit event can only arrive on a later turn of the loop.
    this.expectExit(unit, 'injected');
    return unit.id;
  }

  /** The live unit running job `jobId`, if its start was reported. */
  runningJob(jobId: number): UnitRecord | undefined {
    return this.live().find((u) => u.running.has(jobId));
  }

  /** A live unit by its id, or the first live one (not starting) when no id is given. */
  pick(unitId?: string): UnitRecord | undefined {
    const live = this.live();
    return unitId ? live.find((u) => u.id === unitId) : (live.find((u) => u.state !== 'starting') ?? live[0]);
  }

  /** Units not exited yet. */
  live(): UnitRecord[] {
    return [...this.records.values()].filter((u) => u.state !== 'exited');
  }

  /** The units as a tick shows them; an exited unit appears in one tick, then is forgotten. */
  snapshot(): UnitTick[] {
    const ticks: UnitTick[] = [];
    for (const [key, u] of this.records) {
      if (u.state === 'exited') {
        if (u.reportedExit) {
          this.records.delete(key);
          continue;
        }
        u.reportedExit = true;
      }
      const s = u.sample;
      ticks.push({
        id: u.id,
        kind: u.kind,
        strategy: u.strategy,
        pid: u.pid,
        threadId: u.threadId,
        state: u.state,
        eld: s?.eld ?? null,
        elu: s?.elu ?? null,
        cpu: s?.cpu ?? null,
        rss: s?.rss ?? null,
        heapUsed: s?.heapUsed ?? null,
        done: u.done,
      });
    }
    return ticks;
  }
}
