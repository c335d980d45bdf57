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
  /** performance.now() when the last sample arrived. */
  sampleAt: number;
  done: number;
  /** Jobs running on it now, by id. */
  running: Set<number>;
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

/** Exited units kept for the next tick at most; beyond this (no ticks: sampling off) the oldest are forgotten. */
const MAX_EXITED_KEPT = 256;

/** The units of one strategy instance. */
export class UnitTable {
  private readonly records = new Map<string, UnitRecord>();
  /**
   * Jobs whose end was seen before their start notice: results and notices travel on different channels
   * (piscina's task port and the thread's parentPort; an HTTP response and the IPC channel), so their order
   * is not guaranteed. Bounded: a notice that never comes must not grow it forever.
   */
  private readonly endedEarly = new Set<number>();
  private unknownPids = 0;

  /**
   * @param intervalMs how often units report; a busy unit silent for longer than 1.5 intervals is blocked,
   *   and its tick says so instead of repeating its last calm sample.
   */
  constructor(
    private readonly strategy: StrategyName,
    private readonly generation: number,
    private readonly lifecycle: UnitLifecycle,
    private readonly intervalMs: number,
  ) {}

  /** Registers a unit that is starting; `createdAt` defaults to now. */
  add(kind: UnitKind, pid: number | undefined, threadId: number | null, createdAt = performance.now()): UnitRecord {
    // A process that failed to spawn has no pid; it still needs a key of its own.
    const key = kind === 'thread' ? `thread-${threadId}` : pid !== undefined && pid > 0 ? `pid-${pid}` : `unspawned-${++this.unknownPids}`;
    const record: UnitRecord = {
      id: `${this.strategy}#${this.generation}/${key}`,
      kind,
      strategy: this.strategy,
      pid: pid ?? -1,
      threadId,
      state: 'starting',
      createdAt,
      sample: null,
      sampleAt: 0,
      done: 0,
      running: new Set(),
      reportedExit: false,
      expectedExit: null,
    };
    this.records.set(key, record);
    this.pruneExited();
    this.lifecycle.unitCreated(record);
    return record;
  }

  private pruneExited(): void {
    const exited = [...this.records].filter(([, u]) => u.state === 'exited');
    for (const [key] of exited.slice(0, Math.max(0, exited.length - MAX_EXITED_KEPT))) this.records.delete(key);
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
    if (unit.state === 'exited' || this.endedEarly.delete(jobId)) return;
    unit.running.add(jobId);
    if (unit.state !== 'starting') unit.state = 'busy';
  }

  /**
   * A job ended. The unit running it is looked up by the job (its start notice may have named it); `doneBy`
   * is the unit that answered, when the answer says so, and gets the completion counted.
   */
  jobEnded(jobId: number, completed: boolean, doneBy?: UnitRecord): void {
    const runner = this.runningJob(jobId) ?? (doneBy?.running.has(jobId) ? doneBy : undefined);
    if (runner) {
      runner.running.delete(jobId);
      if (runner.state === 'busy' && runner.running.size === 0) runner.state = 'idle';
    } else {
      if (this.endedEarly.size > 1_000) this.endedEarly.clear();
      this.endedEarly.add(jobId);
    }
    const counted = doneBy ?? runner;
    if (completed && counted) counted.done++;
  }

  sample(unit: UnitRecord, sample: LoopSample): void {
    unit.sample = sample;
    unit.sampleAt = performance.now();
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
    for (const unit of this.records.values()) if (unit.state !== 'exited' && unit.running.has(jobId)) return unit;
    return undefined;
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
    const now = performance.now();
    const ticks: UnitTick[] = [];
    for (const [key, u] of this.records) {
      if (u.state === 'exited') {
        if (u.reportedExit) {
          this.records.delete(key);
          continue;
        }
        u.reportedExit = true;
      }
      ticks.push({ id: u.id, kind: u.kind, strategy: u.strategy, pid: u.pid, threadId: u.threadId, state: u.state, done: u.done, ...this.measures(u, now) });
    }
    return ticks;
  }

  /**
   * A unit reports between jobs only, so a unit blocked by a long job (or a hung one) goes silent. Rather
   * than repeat its last calm sample, a busy unit silent for over 1.5 intervals shows what is certain: its
   * loop has not turned (utilisation 1) and its delay is at least the silence beyond one interval.
   */
  private measures(u: UnitRecord, now: number): Pick<UnitTick, 'eld' | 'elu' | 'cpu' | 'rss' | 'heapUsed' | 'blocked'> {
    const s = u.sample;
    const silentMs = now - (u.sampleAt || u.createdAt);
    if (u.state === 'busy' && this.intervalMs > 0 && silentMs > 1.5 * this.intervalMs) {
      const blockedMs = silentMs - this.intervalMs;
      return {
        eld: { p50: s?.eld.p50 ?? blockedMs, p99: Math.max(s?.eld.p99 ?? 0, blockedMs), max: Math.max(s?.eld.max ?? 0, blockedMs) },
        elu: 1,
        cpu: s?.cpu ?? null,
        rss: s?.rss ?? null,
        heapUsed: s?.heapUsed ?? null,
        blocked: true,
      };
    }
    return { eld: s?.eld ?? null, elu: s?.elu ?? null, cpu: s?.cpu ?? null, rss: s?.rss ?? null, heapUsed: s?.heapUsed ?? null };
  }
}
