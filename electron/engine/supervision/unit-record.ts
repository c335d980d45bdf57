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
 * Report periods an idle unit may be silent before it reads blocked: more than a busy one's 1.5, since the
 * engine knows of no job that would explain it, and a report merely late (a busy host) must not read as frozen.
 */
export const IDLE_SILENT_PERIODS = 3;

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
 * The unit as a tick shows it, with its busy slices and collections over the tick's `window` (taken: the next
 * tick starts after it). Past its last report, a unit inside a job the engine knows of reads busy (blocked, or a
 * report still on its way), else idle; without a window (a caller that only lists the units) or before its
 * first report they read not measured.
 * A busy unit silent for over 1.5 intervals is blocked in a job: rather than repeat its last calm sample, the
 * tick says what is certain: its loop has not turned (utilisation 1) and its delay is at least the silence
 * beyond one interval. An idle unit that has reported before and is silent for {@link IDLE_SILENT_PERIODS}
 * intervals does not respond either (a frozen process: SIGSTOP): its delay is the silence too, its utilisation
 * not measured. Built field by field, once per unit per tick: no spreads of intermediate objects.
 */
export function unitTick(u: UnitRecord, now: number, intervalMs: number, window?: SliceWindow): UnitTick {
  const s = u.sample;
  const activity = window && s !== null ? u.slices.takeWindow(window, u.state === 'busy' ? 1 : 0) : null;
  const silentMs = now - (u.sampleAt || u.createdAt);
  const inJob = u.state === 'busy' && silentMs > 1.5 * intervalMs;
  const frozen = u.state === 'idle' && s !== null && silentMs > IDLE_SILENT_PERIODS * intervalMs;
  const blocked = intervalMs > 0 && (inJob || frozen);
  const blockedMs = silentMs - intervalMs;
  const tick: UnitTick = {
    id: u.id,
    kind: u.kind,
    strategy: u.strategy,
    pid: u.pid,
    threadId: u.threadId,
    state: shownState(u),
    done: u.done,
    busy: activity ? activity.busy : null,
    gc: activity ? activity.gc : null,
    eld: blocked ? { p50: s?.eld?.p50 ?? blockedMs, p99: Math.max(s?.eld?.p99 ?? 0, blockedMs), max: Math.max(s?.eld?.max ?? 0, blockedMs) } : (s?.eld ?? null),
    elu: blocked ? (inJob ? 1 : null) : (s?.elu ?? null),
    cpu: s?.cpu ?? null,
    rss: s?.rss ?? null,
    heapUsed: s?.heapUsed ?? null,
  };
  if (u.exit) tick.exit = { ...u.exit };
  if (blocked) tick.blocked = true;
  return tick;
}
