/**
 * One supervised thread or process as the supervisor keeps it, and how a tick shows it. A unit reports its own
 * sample between jobs only, so what a tick says of a unit blocked in a job is worked out here.
 */
import { SliceBins, type SliceWindow } from '../../../shared/activity/busy-slices';
import type { StrategyName } from '../../../shared/constants';
import type { ExitFacts, LoopSample, UnitKind, UnitState, UnitTick } from '../../../shared/messages';
import type { UnitHandle } from './unit-handle';

/** One thread or process of a strategy instance. */
export interface UnitRecord {
  readonly id: string;
  readonly kind: UnitKind;
  readonly strategy: StrategyName;
  readonly generation: number;
  readonly pid: number;
  readonly threadId: number | null;
  readonly handle: UnitHandle;
  /** Runs one job, then ends: its exit with code 0 is `done`, and a crash is not replaced. */
  readonly oneShot: boolean;
  /** The unit this one replaces after it exited. */
  readonly replaces?: string;
  /** performance.now() when it was started. */
  readonly createdAt: number;
  state: UnitState;
  sample: LoopSample | null;
  /** performance.now() when the last sample arrived. */
  sampleAt: number;
  /** Its reported busy time and collections not put in a tick yet. */
  readonly slices: SliceBins;
  done: number;
  /** Jobs running on it now, by id. */
  readonly running: Set<number>;
  /** Set when the lab is about to end this unit itself, so its exit reads as such and not as a crash. */
  expectedExit: 'timeout' | 'killed' | null;
  /** How it ended, once it has: the supervisor's one decision, which its event and its exited row carry. */
  exit: ExitFacts | null;
}

/** A unit just adopted: starting, with no sample, no job done and none running. */
export function newUnitRecord(
  handle: UnitHandle,
  known: Pick<UnitRecord, 'id' | 'strategy' | 'generation' | 'oneShot' | 'replaces' | 'createdAt'>,
): UnitRecord {
  return {
    ...known,
    kind: handle.kind,
    pid: handle.pid ?? -1,
    threadId: handle.threadId,
    handle,
    state: 'starting',
    sample: null,
    sampleAt: 0,
    slices: new SliceBins(),
    done: 0,
    running: new Set(),
    expectedExit: null,
    exit: null,
  };
}

/**
 * The unit's id: stable within a run and unique across switches, e.g. `worker-pool#2/thread-7`. A process that
 * failed to spawn has no pid; `serial` keeps its id unique.
 */
export function unitId(strategy: StrategyName, generation: number, kind: UnitKind, pid: number | undefined, threadId: number | null, serial: number): string {
  const key = kind === 'thread' ? `thread-${threadId}` : pid !== undefined && pid > 0 ? `pid-${pid}` : `unspawned-${serial}`;
  return `${strategy}#${generation}/${key}`;
}

/**
 * The state a tick shows. A unit is busy while a job it announced (or the engine gave it) runs; units do not
 * announce jobs of a kind they just ran in a tenth of a report (workloads/job-announcer.ts), so one streaming
 * such jobs would read idle at every tick: a unit whose last report found its loop busy over half the time
 * reads busy too. Only announced jobs make a silent unit read blocked (the check below uses the real state).
 */
function shownState(u: UnitRecord): UnitTick['state'] {
  return u.state === 'idle' && u.sample !== null && u.sample.elu !== null && u.sample.elu >= 0.5 ? 'busy' : u.state;
}

/**
 * Its busy slices and collections over the tick's window (taken: the next tick starts after it). Past its last
 * report, a unit inside a job the engine knows of reads busy (blocked, or a report still on its way), else idle.
 * Without a window (a caller that only lists the units) or before its first report: not measured.
 */
function activityOf(u: UnitRecord, window: SliceWindow | undefined): Pick<UnitTick, 'busy' | 'gc'> {
  if (!window || u.sample === null) return { busy: null, gc: null };
  return u.slices.takeWindow(window, u.state === 'busy' ? 1 : 0);
}

/**
 * The unit as a tick shows it. A busy unit silent for over 1.5 intervals is blocked in a job: rather than repeat
 * its last calm sample, the tick says what is certain: its loop has not turned (utilisation 1) and its delay is
 * at least the silence beyond one interval.
 */
export function unitTick(u: UnitRecord, now: number, intervalMs: number, window?: SliceWindow): UnitTick {
  const base = { id: u.id, kind: u.kind, strategy: u.strategy, pid: u.pid, threadId: u.threadId, state: shownState(u), done: u.done, ...activityOf(u, window), ...(u.exit ? { exit: { ...u.exit } } : {}) };
  const s = u.sample;
  const silentMs = now - (u.sampleAt || u.createdAt);
  if (u.state === 'busy' && intervalMs > 0 && silentMs > 1.5 * intervalMs) {
    const blockedMs = silentMs - intervalMs;
    return {
      ...base,
      eld: { p50: s?.eld?.p50 ?? blockedMs, p99: Math.max(s?.eld?.p99 ?? 0, blockedMs), max: Math.max(s?.eld?.max ?? 0, blockedMs) },
      elu: 1,
      cpu: s?.cpu ?? null,
      rss: s?.rss ?? null,
      heapUsed: s?.heapUsed ?? null,
      blocked: true,
    };
  }
  return { ...base, eld: s?.eld ?? null, elu: s?.elu ?? null, cpu: s?.cpu ?? null, rss: s?.rss ?? null, heapUsed: s?.heapUsed ?? null };
}

/** Exited units shown in the next tick; beyond this (no ticks: sampling off) the oldest are forgotten. */
const MAX_EXITED_SHOWN = 256;
/** Startup times kept until the next tick takes them. */
const MAX_STARTUPS_KEPT = 4_096;

/**
 * What the next tick shows beyond the live units: each unit that exited since the last tick, once, with its
 * exit's facts, and the startup times of the units that became ready. A one-shot unit is listed only when its
 * end is news (a crash, an injected fault, a timeout, a kill): done with its job or stopped, it just leaves (at
 * 50 jobs/s its rows would say nothing; the summary keeps the counts).
 */
export class TickView {
  private readonly exited: UnitRecord[] = [];
  private readonly startups: number[] = [];

  unitReady(startupMs: number): void {
    if (this.startups.length < MAX_STARTUPS_KEPT) this.startups.push(startupMs);
  }

  unitExited(unit: UnitRecord): void {
    if (unit.oneShot && (unit.exit?.cause === 'done' || unit.exit?.cause === 'stop')) return;
    this.exited.push(unit);
    if (this.exited.length > MAX_EXITED_SHOWN) this.exited.shift();
  }

  /**
   * The live units and the exited ones not shown yet, as a tick lists them; with a `window`, their busy slices
   * and collections over it (taken).
   */
  snapshot(live: Iterable<UnitRecord>, intervalMs: number, now: number, window?: SliceWindow): UnitTick[] {
    return [...live, ...this.exited.splice(0)].map((u) => unitTick(u, now, intervalMs, window));
  }

  takeStartups(): number[] {
    return this.startups.splice(0);
  }
}
