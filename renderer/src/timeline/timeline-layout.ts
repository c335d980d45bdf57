/**
 * From the timeline's tracks (timeline-model.ts) to the lanes a window shows: one lane per row, the host's main
 * thread first, then the threads of the host's process, then the processes (each with the threads of its own, if
 * a unit is one), every lane keeping the row its tracks were given. Beyond what fits, the busiest lanes are kept
 * and the others added up into one "N more threads (summed)" lane, which says so. Then, per lane, what each
 * column of pixels shows: the mean busy share of the slices under it, and whether the thread lived, was starting
 * or blocked there. Pure: the canvas, the SVG export and the tests all read these.
 */
import { ATTACHED } from '../../../shared/attach';
import { SLICE_BLOCKED, SLICE_STARTING } from './slice-ring';
import { HOST_TRACK, type TimelineModel, type Track, type TrackKind } from './timeline-model';

export interface Lane {
  key: string;
  /** What the gutter says: "main", "t#7" ("4242 t#7": an attached app's), "pid 4242", "12 more threads (summed)". */
  label: string;
  /** Set on a group's first lane: "host pid 4100" ("app main pid 4100" on an attached run), "processes". */
  group: string | null;
  kind: TrackKind | 'summed';
  /** The tracks drawn in it, oldest first (several when a row was reused, or for the summed lane). */
  tracks: Track[];
  /** Mean busy share of its measured slices in the window; NaN when none was measured. */
  busyShare: number;
  /** Rows added up in it (summed lane only; 0 otherwise). */
  summed: number;
}

export interface TimelineLayout {
  fromMs: number;
  toMs: number;
  lanes: Lane[];
  /** Lanes the window has before any is summed. */
  rows: number;
}

/** State bits of a column (laneColumns). */
export const COLUMN_ALIVE = 1;
export const COLUMN_STARTING = 2;
export const COLUMN_BLOCKED = 4;
/** At least one slice under the column was measured. */
export const COLUMN_MEASURED = 8;

export interface LaneColumns {
  /** Mean busy share per column, 0..1; NaN where nothing was measured. */
  busy: Float32Array;
  state: Uint8Array;
}

const endOf = (track: Track): number => track.endMs ?? Number.POSITIVE_INFINITY;
const inWindow = (track: Track, fromMs: number, toMs: number): boolean => track.bornMs <= toMs && endOf(track) >= fromMs;

/** Mean busy share of the tracks' measured slices within [fromMs, toMs); NaN when none. */
export function busyShare(model: TimelineModel, tracks: readonly Track[], fromMs: number, toMs: number): number {
  let sum = 0;
  let count = 0;
  const last = model.sliceAt(toMs);
  for (const track of tracks) {
    const first = Math.max(model.sliceAt(fromMs), track.busy.start);
    const end = Math.min(last, track.busy.stop);
    for (let k = first; k < end; k++) {
      const value = track.busy.get(k);
      if (Number.isNaN(value)) continue;
      sum += value;
      count += 1;
    }
  }
  return count === 0 ? Number.NaN : sum / count;
}

/** Class order: the host, its threads, the processes, then threads of other processes by pid. */
function classRank(rowClass: string, hostPid: number): [number, number] {
  if (rowClass === HOST_TRACK) return [0, 0];
  if (rowClass === `threads:${hostPid}`) return [1, 0];
  if (rowClass === 'processes') return [2, 0];
  return [3, Number(rowClass.slice('threads:'.length))];
}

function laneLabel(newest: Track): string {
  if (newest.kind === 'host') return 'main';
  // An app has threads in several processes: each says whose it is.
  if (newest.kind === 'thread' && newest.strategy === ATTACHED) return `${newest.pid} t#${newest.threadId ?? '?'}`;
  if (newest.kind === 'thread') return `t#${newest.threadId ?? '?'}`;
  return `pid ${newest.pid}`;
}

/** An attached run's host is the app's first process: "app main pid N". */
function groupLabel(rowClass: string, hostPid: number, attached: boolean): string {
  if (rowClass === HOST_TRACK || rowClass === `threads:${hostPid}`) return `${attached ? 'app main' : 'host'} pid ${hostPid}`;
  if (rowClass === 'processes') return 'processes';
  return `pid ${rowClass.slice('threads:'.length)} threads`;
}

/**
 * The lanes of the window [fromMs, toMs], at most `maxLanes` (the summed lane included; 2 at the least). A row
 * is shown while any of its tracks lies in the window.
 */
export function layoutLanes(model: TimelineModel, fromMs: number, toMs: number, maxLanes: number): TimelineLayout {
  const rows = new Map<string, { rowClass: string; row: number; tracks: Track[] }>();
  for (const track of model.tracks.values()) {
    if (!inWindow(track, fromMs, toMs)) continue;
    const key = `${track.rowClass}#${track.row}`;
    const entry = rows.get(key) ?? { rowClass: track.rowClass, row: track.row, tracks: [] };
    entry.tracks.push(track);
    rows.set(key, entry);
  }
  const ordered = [...rows.entries()].sort(([, a], [, b]) => {
    const [ra, pa] = classRank(a.rowClass, model.hostPid);
    const [rb, pb] = classRank(b.rowClass, model.hostPid);
    return ra - rb || pa - pb || a.row - b.row;
  });
  let previousGroup: string | null = null;
  const lanes: Lane[] = ordered.map(([key, { rowClass, tracks }]) => {
    tracks.sort((a, b) => a.bornMs - b.bornMs || a.order - b.order);
    const group = groupLabel(rowClass, model.hostPid, model.attached);
    const lane: Lane = {
      key,
      label: laneLabel(tracks[tracks.length - 1]!),
      group: group === previousGroup ? null : group,
      kind: tracks[0]!.kind,
      tracks,
      busyShare: busyShare(model, tracks, fromMs, toMs),
      summed: 0,
    };
    previousGroup = group;
    return lane;
  });
  const limit = Math.max(2, Math.floor(maxLanes));
  if (lanes.length <= limit) return { fromMs, toMs, lanes, rows: lanes.length };
  return { fromMs, toMs, lanes: summedBeyond(lanes, limit), rows: lanes.length };
}

const busiestFirst = (a: Lane, b: Lane): number => (Number.isNaN(b.busyShare) ? -1 : b.busyShare) - (Number.isNaN(a.busyShare) ? -1 : a.busyShare);

/** The host and the busiest others kept in their order, the rest added up in one lane at the end. */
function summedBeyond(lanes: readonly Lane[], limit: number): Lane[] {
  const host = lanes.filter((lane) => lane.kind === 'host');
  const others = lanes.filter((lane) => lane.kind !== 'host');
  const keep = new Set([...host, ...[...others].sort(busiestFirst).slice(0, Math.max(0, limit - 1 - host.length))]);
  const rest = lanes.filter((lane) => !keep.has(lane));
  const kept = lanes.filter((lane) => keep.has(lane));
  // A group's label moves to its first lane still shown.
  let previousGroup: string | null = null;
  const relabelled = kept.map((lane) => {
    const group = lane.group ?? groupOfLane(lanes, lane);
    const shown = { ...lane, group: group === previousGroup ? null : group };
    previousGroup = group;
    return shown;
  });
  const noun = rest.some((lane) => lane.kind === 'thread') ? (rest.length === 1 ? 'thread' : 'threads') : rest.length === 1 ? 'process' : 'processes';
  const tracks = rest.flatMap((lane) => lane.tracks);
  const shares = rest.map((lane) => lane.busyShare).filter((share) => !Number.isNaN(share));
  relabelled.push({
    key: 'summed',
    label: `${rest.length} more ${noun} (summed)`,
    group: null,
    kind: 'summed',
    tracks,
    busyShare: shares.length === 0 ? Number.NaN : shares.reduce((a, b) => a + b, 0) / shares.length,
    summed: rest.length,
  });
  return relabelled;
}

/** The group a lane belongs to: the label of the nearest lane above it that has one. */
function groupOfLane(lanes: readonly Lane[], lane: Lane): string | null {
  for (let i = lanes.indexOf(lane); i >= 0; i--) if (lanes[i]!.group !== null) return lanes[i]!.group;
  return null;
}

/**
 * What each of `columns` columns across [fromMs, toMs) shows of a lane. A column's busy share is the mean of the
 * measured slices under it; in the summed lane, the sum over its rows divided by their number (the share of them
 * busy). A column is alive where a track lived, starting from its creation until it was ready (or in a tick that
 * said `starting`), blocked where a tick said so.
 */
export function laneColumns(model: TimelineModel, lane: Lane, fromMs: number, toMs: number, columns: number): LaneColumns {
  const busy = new Float32Array(columns).fill(Number.NaN);
  const state = new Uint8Array(columns);
  const width = (toMs - fromMs) / columns;
  if (!(width > 0)) return { busy, state };
  const sums = lane.kind === 'summed' ? new Float32Array(columns) : null;
  for (const track of lane.tracks) {
    // A track still alive is drawn up to the newest time any message told of, never into the window's future
    // (a thread starting now would otherwise show as starting until the window's right edge).
    const lifeEnd = Math.min(endOf(track), toMs, model.newestMs);
    const firstColumn = Math.max(0, Math.floor((track.bornMs - fromMs) / width));
    const lastColumn = Math.min(columns - 1, Math.ceil((lifeEnd - fromMs) / width) - 1);
    const readyMs = track.readyMs ?? (track.state === 'starting' ? Number.POSITIVE_INFINITY : track.bornMs);
    for (let c = firstColumn; c <= lastColumn; c++) {
      const start = Math.max(fromMs + c * width, track.bornMs);
      const end = Math.min(fromMs + (c + 1) * width, lifeEnd);
      if (end <= start && !(c === firstColumn && end === start)) continue;
      let bits = state[c]! | COLUMN_ALIVE;
      if (start < readyMs) bits |= COLUMN_STARTING;
      let sum = 0;
      let count = 0;
      const lastSlice = Math.max(model.sliceAt(start) + 1, Math.ceil((end - (model.offsetMs ?? 0)) / model.sliceMs));
      for (let k = model.sliceAt(start); k < lastSlice; k++) {
        const value = track.busy.get(k);
        if (Number.isNaN(value)) continue;
        sum += value;
        count += 1;
        const flags = track.busy.flags(k);
        if (flags & SLICE_BLOCKED) bits |= COLUMN_BLOCKED;
        if (flags & SLICE_STARTING) bits |= COLUMN_STARTING;
      }
      if (count > 0) {
        bits |= COLUMN_MEASURED;
        const mean = sum / count;
        if (sums) sums[c] = sums[c]! + mean;
        else busy[c] = Number.isNaN(busy[c]!) ? mean : Math.max(busy[c]!, mean);
      }
      state[c] = bits;
    }
  }
  if (sums) {
    for (let c = 0; c < columns; c++) if (state[c]! & COLUMN_MEASURED) busy[c] = Math.min(1, sums[c]! / Math.max(1, lane.summed));
  }
  return { busy, state };
}

/** What the pointer is over, for the tooltip. */
export interface LaneHover {
  lane: Lane;
  track: Track | null;
  state: 'starting' | 'busy' | 'idle' | 'blocked' | 'not measured' | 'exited' | 'not alive';
  /** Busy share of the slice under the pointer; NaN when not measured. */
  busy: number;
  /** The run of busy slices (share > 0) around the pointer: its length, and the busy time in it, ms. */
  runMs: number;
  runBusyMs: number;
}

/** The lane's state at `ms`: the track alive then (the last one to end, if the pointer is past every track). */
export function hoverAt(model: TimelineModel, lane: Lane, ms: number): LaneHover {
  const none: LaneHover = { lane, track: null, state: 'not alive', busy: Number.NaN, runMs: 0, runBusyMs: 0 };
  if (lane.kind === 'summed') {
    const k = model.sliceAt(ms);
    let sum = 0;
    let count = 0;
    for (const track of lane.tracks) {
      const value = track.busy.get(k);
      if (!Number.isNaN(value)) {
        sum += value;
        count += 1;
      }
    }
    return { ...none, state: count === 0 ? 'not measured' : sum > 0 ? 'busy' : 'idle', busy: count === 0 ? Number.NaN : sum };
  }
  const track = lane.tracks.find((t) => t.bornMs <= ms && ms < endOf(t));
  if (!track) {
    const ended = lane.tracks.filter((t) => t.endMs !== null && t.endMs <= ms).pop();
    return ended ? { ...none, track: ended, state: 'exited' } : none;
  }
  const k = model.sliceAt(ms);
  const value = track.busy.get(k);
  const flags = track.busy.flags(k);
  const state: LaneHover['state'] =
    track.readyMs !== null ? (ms < track.readyMs ? 'starting' : slicesState(value, flags)) : track.state === 'starting' || flags & SLICE_STARTING ? 'starting' : slicesState(value, flags);
  let runMs = 0;
  let runBusyMs = 0;
  if (value > 0) {
    let first = k;
    let last = k;
    while (track.busy.get(first - 1) > 0) first -= 1;
    while (track.busy.get(last + 1) > 0) last += 1;
    runMs = (last - first + 1) * model.sliceMs;
    for (let i = first; i <= last; i++) runBusyMs += track.busy.get(i) * model.sliceMs;
  }
  return { lane, track, state, busy: value, runMs, runBusyMs };
}

function slicesState(value: number, flags: number): LaneHover['state'] {
  if (flags & SLICE_BLOCKED) return 'blocked';
  if (Number.isNaN(value)) return 'not measured';
  return value > 0 ? 'busy' : 'idle';
}

/** The host's mean busy share over its newest `spanMs` of measured slices; NaN when it has none. */
export function recentHostBusy(model: TimelineModel, spanMs: number): number {
  const host = model.tracks.get(HOST_TRACK);
  if (!host || host.busy.isEmpty) return Number.NaN;
  const endMs = model.sliceStartMs(host.busy.stop);
  return busyShare(model, [host], endMs - spanMs, endMs);
}
