/**
 * The unit table's rows: one per worker thread or process, appearing when a unit starts. How a row leaves
 * follows the exit the engine put on the unit's exited row in a tick (its cause and words), so the table
 * never shows a normal end as news:
 * - a one-shot unit done with its job (or stopped) is not listed exited: it just goes (worker-per-task at
 *   50 jobs/s would otherwise fill the table with greyed rows saying nothing);
 * - a crash, injected fault, timeout or kill stays greyed for a moment with its cause, then goes, even for a
 *   unit the table never showed alive (it died starting);
 * - a unit ended by a stop or a switch stays greyed for a moment, then goes.
 * Greyed rows are bounded too, so a pool crashing on every job cannot grow the table.
 */
import type { ExitCause, UnitExitedEvent, UnitStartedEvent, UnitTick } from '../../../shared/messages';
import { isAbnormal } from './events-log';

/** A row: the tick's identity and state fields as they are, and the measures shaped for display. */
export interface UnitRow extends Pick<UnitTick, 'id' | 'kind' | 'strategy' | 'pid' | 'threadId' | 'state' | 'cpu' | 'elu' | 'done'> {
  eldP99: number | null;
  /** Its garbage collections in the last tick (count, total and longest pause, ms); null where not measured. */
  gc: UnitTick['gc'];
  /** What memory figure fits the unit: a process has its own RSS, a thread only its isolate's heap. */
  memory: { kind: 'rss' | 'heap'; bytes: number } | null;
  /**
   * Does not respond (UnitTick.blocked): busy and silent for over 1.5 intervals (a long or hung job), or idle and
   * silent for over 3 (a frozen process); its delay is a lower bound.
   */
  blocked: boolean;
  /** Recent ELU samples, oldest first, for the sparkline. */
  spark: number[];
  /** Clock time (ms) at which the row was seen exited; null while alive. */
  exitedAt: number | null;
  /** Why it ended, as the tick's exited row said (a crash reads differently from a stop); null while alive. */
  exitCause: ExitCause | null;
  /** What the exit was, in the engine's words ("exited with code 1"), when it gave some. */
  exitDetail: string | null;
}

export interface UnitTrackerOptions {
  /** How long an exited row stays (greyed) before it is dropped, ms. */
  keepExitedMs?: number;
  /** Most exited rows kept at once; the oldest go first. */
  maxExited?: number;
  /** Samples in a row's sparkline. */
  sparkLength?: number;
}

/** Ids of units that left the table, remembered so a late message cannot bring them back; bounded. */
const MAX_GONE = 1_024;

export class UnitTracker {
  private readonly rows = new Map<string, UnitRow>();
  /** Units whose rows were dropped, oldest first: a late tick or event must not bring them back. */
  private readonly gone = new Set<string>();
  private readonly keepExitedMs: number;
  private readonly maxExited: number;
  private readonly sparkLength: number;

  constructor(options: UnitTrackerOptions = {}) {
    this.keepExitedMs = options.keepExitedMs ?? 5_000;
    this.maxExited = options.maxExited ?? 12;
    this.sparkLength = options.sparkLength ?? 40;
  }

  /**
   * Updates rows from a tick, the whole truth about the units at its time: the engine lists every live unit, and
   * once more as exited with how it ended (but not a one-shot unit done with its job or stopped). A row it does not list
   * is gone, without a greyed flash: a one-shot unit after its job, even one that started and finished between
   * two ticks (its row came from its unit-started event; ticks and events arrive in the order they were made).
   */
  applyTick(units: readonly UnitTick[], now: number): void {
    const seen = new Set<string>();
    for (const unit of units) {
      seen.add(unit.id);
      if (this.gone.has(unit.id)) continue;
      const previous = this.rows.get(unit.id);
      // A unit that exited must not come back to life because a late tick still lists it as busy.
      if (previous?.exitedAt != null) continue;
      // A planned end (a stop) of a unit the table never showed is not news.
      if (!previous && unit.state === 'exited' && !(unit.exit && isAbnormal(unit.exit.cause))) continue;
      const spark = previous ? previous.spark : [];
      const nextSpark = unit.elu === null ? spark : [...spark, unit.elu].slice(-this.sparkLength);
      this.rows.set(unit.id, {
        id: unit.id,
        kind: unit.kind,
        strategy: unit.strategy,
        pid: unit.pid,
        threadId: unit.threadId,
        state: unit.state,
        cpu: unit.cpu,
        elu: unit.elu,
        eldP99: unit.eld?.p99 ?? null,
        gc: unit.gc ?? null,
        memory: memoryOf(unit),
        done: unit.done,
        blocked: unit.blocked === true,
        spark: nextSpark,
        exitedAt: unit.state === 'exited' ? now : null,
        exitCause: unit.exit?.cause ?? null,
        exitDetail: unit.exit?.detail ?? null,
      });
    }
    for (const row of [...this.rows.values()]) {
      if (!seen.has(row.id) && row.exitedAt === null) this.drop(row.id);
    }
    this.prune(now);
  }

  /** A unit announced itself before the next tick lists it. */
  applyStarted(event: UnitStartedEvent, now: number): void {
    if (this.rows.has(event.unitId) || this.gone.has(event.unitId)) return;
    this.rows.set(event.unitId, {
      id: event.unitId,
      kind: event.kind,
      strategy: event.strategy,
      pid: event.pid,
      threadId: event.threadId,
      state: 'starting',
      cpu: null,
      elu: null,
      eldP99: null,
      gc: null,
      memory: null,
      done: 0,
      blocked: false,
      spark: [],
      exitedAt: null,
      exitCause: null,
      exitDetail: null,
    });
    this.prune(now);
  }

  /**
   * A unit's exit as its event says it (the same facts the next tick's exited row carries): the row reads exited
   * at once. A unit that ends after the run's last tick (a replacement started during a stop) is listed by no tick
   * again, and without this its row would read alive after the stop. A one-shot unit done with its job just goes.
   */
  applyExited(event: UnitExitedEvent, now: number): void {
    const row = this.rows.get(event.unitId);
    if (!row || row.exitedAt !== null) return;
    if (event.cause === 'done') {
      this.drop(event.unitId);
      return;
    }
    this.rows.set(event.unitId, { ...row, state: 'exited', blocked: false, exitedAt: now, exitCause: event.cause, exitDetail: event.detail ?? null });
  }

  /** Drops exited rows that are old enough, and the oldest exited rows beyond the cap. True when rows changed. */
  prune(now: number): boolean {
    let changed = false;
    const exited: UnitRow[] = [];
    for (const row of this.rows.values()) {
      if (row.exitedAt === null) continue;
      if (now - row.exitedAt >= this.keepExitedMs) {
        this.drop(row.id);
        changed = true;
      } else {
        exited.push(row);
      }
    }
    if (exited.length > this.maxExited) {
      exited.sort((a, b) => (a.exitedAt as number) - (b.exitedAt as number));
      for (const row of exited.slice(0, exited.length - this.maxExited)) this.drop(row.id);
      changed = true;
    }
    return changed;
  }

  /** Rows in the order units were first seen: a row never jumps around while it lives. */
  snapshot(): UnitRow[] {
    return [...this.rows.values()];
  }

  clear(): void {
    this.rows.clear();
    this.gone.clear();
  }

  private drop(id: string): void {
    this.rows.delete(id);
    this.gone.delete(id);
    this.gone.add(id);
    if (this.gone.size > MAX_GONE) this.gone.delete(this.gone.values().next().value as string);
  }
}

function memoryOf(unit: UnitTick): UnitRow['memory'] {
  if (unit.kind === 'process' && unit.rss !== null) return { kind: 'rss', bytes: unit.rss };
  if (unit.heapUsed !== null) return { kind: 'heap', bytes: unit.heapUsed };
  return null;
}
