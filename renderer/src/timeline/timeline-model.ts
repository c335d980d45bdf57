/**
 * The timeline's data: a track per thread or process of the run (the host's main thread first), each with its
 * slices of busy time (slice-ring.ts), its life (from its creation, startup included, to its exit and why), its
 * garbage collections, and the run's strategy switches. Fed by the store's ingest with every tick and event as
 * they arrive (live, joined late or replayed: the same path), read by the layout (timeline-layout.ts) at each
 * redraw. Nothing here is re-derived from history: the busy shares, the collections, the exits' causes and the
 * startup are what the engine sent.
 *
 * Tracks are given a row when they appear: a row of their class (threads of one process; processes) whose last
 * track has ended. A worker-per-task thread per job then reuses the row of one already gone, so the rows stay as
 * many as the threads alive at once, and a row never moves while its tracks live.
 */
import type { StrategyName } from '../../../shared/constants';
import { ATTACHED, type RunStrategy } from '../../../shared/attach';
import type { ExitCause, LabEvent, Tick, UnitKind, UnitState, UnitTick } from '../../../shared/messages';
import { SLICE_BLOCKED, SLICE_STARTING, SliceRing } from './slice-ring';
import { settingChangeLabel, switchRequestedMs } from './switch-label';

/** The slice length when no tick has said it yet (BUSY_SLICE_MS of shared/activity/busy-slices.ts). */
export const DEFAULT_SLICE_MS = 20;
/** How long a track's slices and marks are kept after they happened: the chart window and half again (a paused view keeps its picture). */
export const KEEP_MS = 90_000;
/** The id of the host's main thread's track. */
export const HOST_TRACK = 'host';

export type TrackKind = 'host' | UnitKind;

/** A garbage collection (or several) in one tick's slices: placed at the middle of them. */
export interface GcMark {
  ms: number;
  count: number;
  pauseMs: number;
  maxMs: number;
}

export interface Track {
  readonly id: string;
  readonly kind: TrackKind;
  pid: number;
  threadId: number | null;
  strategy: RunStrategy | null;
  /** When it began to exist, ms since the run started: its creation (ready time less its startup). */
  bornMs: number;
  /** When it was ready for jobs (its unit-started event); null while starting or unknown. */
  readyMs: number | null;
  /** When it ended; null while alive. */
  endMs: number | null;
  exitCause: ExitCause | null;
  /** The state its newest tick gave. */
  state: UnitState;
  /** Jobs it completed, as its newest tick said; null for the host (its jobs are the run's). */
  done: number | null;
  readonly busy: SliceRing;
  gc: GcMark[];
  /** Row class and row within it (see the header). */
  readonly rowClass: string;
  row: number;
  /** Order of appearance, to break ties. */
  readonly order: number;
  /** A tick has listed it: only then can its absence from a later tick mean it ended. */
  listed: boolean;
}

export interface SwitchMark {
  ms: number;
  from: StrategyName | null;
  to: StrategyName;
  /** A switch that kept the strategy, named by its setting (switch-label.ts); null: named by its strategy. */
  label: string | null;
  /** When it was asked for (ms since the run started): the stretch up to `ms` is shaded. Null when not said. */
  fromMs: number | null;
}

/** The row class of a unit: threads are grouped by their process, processes together. */
export function rowClassOf(kind: TrackKind, pid: number): string {
  return kind === 'host' ? HOST_TRACK : kind === 'thread' ? `threads:${pid}` : 'processes';
}

export class TimelineModel {
  /** Slice length and where the grid lies (ms of slice 0), from the first tick that has slices. */
  sliceMs = DEFAULT_SLICE_MS;
  offsetMs: number | null = null;
  /** The host's process id, from the ticks (0 until one came). */
  hostPid = 0;
  /** The run is attached to the user's app: its host is the app's first process (labelled so), not the lab. */
  attached = false;
  /** The newest time any message told of, ms since the run started. */
  newestMs = 0;
  readonly tracks = new Map<string, Track>();
  switches: SwitchMark[] = [];
  /** End of the last track in each row, per class (Infinity while it lives). */
  private readonly rowEnds = new Map<string, number[]>();
  private order = 0;
  /** Grows on every change: a cheap "did anything change" for the view. */
  version = 0;

  constructor(private readonly keepMs = KEEP_MS) {}

  /** Slices kept per track. */
  get sliceCapacity(): number {
    return Math.ceil(this.keepMs / this.sliceMs) + 1;
  }

  clear(): void {
    this.tracks.clear();
    this.rowEnds.clear();
    this.switches = [];
    this.offsetMs = null;
    this.sliceMs = DEFAULT_SLICE_MS;
    this.hostPid = 0;
    this.attached = false;
    this.newestMs = 0;
    this.order = 0;
    this.version += 1;
  }

  /** Grid index of the slice that holds `ms`. */
  sliceAt(ms: number): number {
    return Math.floor((ms - (this.offsetMs ?? 0)) / this.sliceMs);
  }

  /** Start of slice `index`, ms since the run started. */
  sliceStartMs(index: number): number {
    return (this.offsetMs ?? 0) + index * this.sliceMs;
  }

  ingestTick(tick: Tick): void {
    this.newestMs = Math.max(this.newestMs, tick.t);
    this.hostPid = tick.host.pid;
    this.attached = tick.strategy === ATTACHED;
    // Recordings made before the ticks had slices have none: tracks and marks still show, their slices are gaps.
    const hasSlices = typeof tick.sliceMs === 'number' && tick.sliceMs > 0 && typeof tick.sliceStart === 'number';
    if (hasSlices && this.offsetMs === null) {
      this.sliceMs = tick.sliceMs;
      this.offsetMs = ((tick.sliceStart % tick.sliceMs) + tick.sliceMs) % tick.sliceMs;
    }
    const firstSlice = hasSlices ? Math.round((tick.sliceStart - (this.offsetMs ?? 0)) / this.sliceMs) : 0;
    const windowStart = hasSlices ? tick.sliceStart : tick.t;

    const host = this.track(HOST_TRACK, 'host', tick.host.pid, null, null, 0);
    host.state = 'busy';
    host.strategy = this.attached ? ATTACHED : null;
    if (hasSlices) this.placeSlices(host, firstSlice, tick.host.busy ?? null, 0);
    this.placeGc(host, tick.host.gc ?? null, tick, hasSlices);

    const listed = new Set<string>();
    for (const unit of tick.units) {
      listed.add(unit.id);
      const known = this.tracks.get(unit.id);
      if (known?.endMs != null) {
        // The engine lists an exited unit until its last slices are placed (they lag its exit by a report
        // period, and the exit event comes first): a one-shot thread's job reaches its lane only this way.
        if (hasSlices) this.placeSlices(known, firstSlice, unit.busy ?? null, 0);
        this.placeGc(known, unit.gc ?? null, tick, hasSlices);
        continue;
      }
      // First seen in a tick: it began before this tick's slices at the latest.
      const track = known ?? this.track(unit.id, unit.kind, unit.pid, unit.threadId, unit.strategy, Math.min(windowStart, tick.t));
      this.applyUnit(track, unit, tick);
      if (hasSlices) this.placeSlices(track, firstSlice, unit.busy ?? null, flagsOf(unit));
      this.placeGc(track, unit.gc ?? null, tick, hasSlices);
    }
    // A unit the engine stopped listing without an exit event has ended by then.
    for (const track of this.tracks.values()) {
      if (track.kind !== 'host' && track.endMs === null && track.listed && !listed.has(track.id)) this.end(track, tick.t, null);
    }
    this.prune();
    this.version += 1;
  }

  ingestEvent(event: LabEvent): void {
    this.newestMs = Math.max(this.newestMs, event.t);
    switch (event.event) {
      case 'run-started':
        this.clear();
        return;
      case 'strategy-switched':
        this.switches.push({ ms: event.t, from: event.from, to: event.to, label: settingChangeLabel(event), fromMs: switchRequestedMs(event) });
        break;
      case 'unit-started': {
        const born = event.t - Math.max(0, event.startupMs);
        const track = this.tracks.get(event.unitId) ?? this.track(event.unitId, event.kind, event.pid, event.threadId, event.strategy, born);
        track.bornMs = Math.min(track.bornMs, born);
        track.readyMs = event.t;
        if (track.state === 'starting') track.state = 'idle';
        break;
      }
      case 'unit-exited': {
        const track = this.tracks.get(event.unitId) ?? this.track(event.unitId, event.kind, event.pid, event.threadId, event.strategy, event.t);
        this.end(track, event.t, event.cause);
        break;
      }
      default:
        return;
    }
    this.version += 1;
  }

  /** Forgets what ended before the kept span. */
  prune(): void {
    const before = this.newestMs - this.keepMs;
    for (const [id, track] of this.tracks) {
      if (track.endMs !== null && track.endMs < before) this.tracks.delete(id);
      else if (track.gc.length > 0 && track.gc[0]!.ms < before) track.gc = track.gc.filter((mark) => mark.ms >= before);
    }
    if (this.switches.length > 0 && this.switches[0]!.ms < before) this.switches = this.switches.filter((mark) => mark.ms >= before);
    // A class whose rows all ended before the kept span holds no track any more: threads of a process that is
    // gone (cluster-pool's, an attached app's) would otherwise leave their class here for the rest of the run,
    // one per process ever started, on a page left open all day.
    for (const [rowClass, ends] of this.rowEnds) {
      if (ends.every((end) => end < before)) this.rowEnds.delete(rowClass);
    }
  }

  /** Row classes kept (see the header): the bound's test reads it. */
  get rowClassCount(): number {
    return this.rowEnds.size;
  }

  private track(id: string, kind: TrackKind, pid: number, threadId: number | null, strategy: RunStrategy | null, bornMs: number): Track {
    const known = this.tracks.get(id);
    if (known) return known;
    const rowClass = rowClassOf(kind, pid);
    const track: Track = {
      id,
      kind,
      pid,
      threadId,
      strategy,
      bornMs,
      readyMs: null,
      endMs: null,
      exitCause: null,
      state: kind === 'host' ? 'busy' : 'starting',
      done: kind === 'host' ? null : 0,
      busy: new SliceRing(this.sliceCapacity),
      gc: [],
      rowClass,
      row: this.takeRow(rowClass, bornMs),
      order: this.order++,
      listed: false,
    };
    this.tracks.set(id, track);
    return track;
  }

  /** The first row of the class free since `bornMs` (its last track ended by then), else a new one. */
  private takeRow(rowClass: string, bornMs: number): number {
    const ends = this.rowEnds.get(rowClass) ?? [];
    this.rowEnds.set(rowClass, ends);
    let row = ends.findIndex((end) => end <= bornMs);
    if (row < 0) row = ends.length;
    ends[row] = Number.POSITIVE_INFINITY;
    return row;
  }

  private end(track: Track, ms: number, cause: ExitCause | null): void {
    if (track.endMs === null) track.endMs = ms;
    track.exitCause ??= cause;
    track.state = 'exited';
    const ends = this.rowEnds.get(track.rowClass);
    if (ends && ends[track.row] === Number.POSITIVE_INFINITY) ends[track.row] = track.endMs;
  }

  private applyUnit(track: Track, unit: UnitTick, tick: Tick): void {
    track.listed = true;
    track.state = unit.state;
    track.done = unit.done;
    track.strategy = unit.strategy;
    if (unit.state === 'exited') this.end(track, tick.t, null);
  }

  private placeSlices(track: Track, first: number, busy: readonly number[] | null, flags: number): void {
    // Not measured yet (a unit before its first report): the slices stay gaps.
    if (!busy) return;
    for (let i = 0; i < busy.length; i++) {
      const value = busy[i]!;
      track.busy.set(first + i, Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : Number.NaN, flags);
    }
  }

  private placeGc(track: Track, gc: Tick['host']['gc'] | null, tick: Tick, hasSlices: boolean): void {
    if (!gc || gc.count <= 0) return;
    const slices = hasSlices ? (tick.host.busy?.length ?? 0) : 0;
    const ms = hasSlices ? tick.sliceStart + (slices * tick.sliceMs) / 2 : tick.t;
    track.gc.push({ ms, count: gc.count, pauseMs: gc.pauseMs, maxMs: gc.maxMs });
  }
}

function flagsOf(unit: UnitTick): number {
  return (unit.blocked === true ? SLICE_BLOCKED : 0) | (unit.state === 'starting' ? SLICE_STARTING : 0);
}
