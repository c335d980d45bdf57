/**
 * The slices of busy time and the garbage collections a tick carries for the host and every unit (the data of
 * the timeline, DESIGN.md "The timeline"). Every thread and process bins its own busy time on one grid of the
 * epoch clock (`performance.timeOrigin + performance.now()`, which threads and processes share), slice `k`
 * covering epoch ms [k·{@link BUSY_SLICE_MS}, (k+1)·{@link BUSY_SLICE_MS}). Binning, not a list of spans: a
 * unit's report then holds one number per slice whatever the job rate (1000 jobs/s would make 200 spans a
 * report), and the engine adds reports to the same grid without re-cutting anything.
 * Plain code, no Node imports: the units, the engine and any reader of the ticks share it.
 */
import type { GcSample } from '../unit-samples';

/** Length of one slice of busy time, in ms. */
export const BUSY_SLICE_MS = 20;

/**
 * What a unit sends with each report besides its loop sample: its busy time and its garbage collections since
 * its previous report, binned on the epoch grid. Integers in µs, so the structured clone stores small varints.
 */
export interface UnitActivity {
  /** Grid index of the slice `busyUs[0]` is about: `floor(epochMs / BUSY_SLICE_MS)`. */
  from: number;
  /** Busy µs in each slice from `from` on (the first and last slices are partial: reports fall inside slices). */
  busyUs: number[];
  /**
   * The garbage collections that began in those slices, as flat groups of four: slice offset from `from`,
   * count, total pause µs, longest pause µs (only slices with a collection).
   */
  gc: number[];
  /** Epoch ms at which the report was taken: what comes after is not told yet. */
  to: number;
}

/** A stretch of the grid: slices `first` (included) to `end` (excluded). */
export interface SliceWindow {
  first: number;
  end: number;
}

/** What a tick says of one thread over a {@link SliceWindow}. */
export interface WindowActivity {
  busy: number[];
  gc: GcSample;
}

/** The grid index of the slice that holds epoch time `ms`. */
export function sliceIndex(ms: number): number {
  return Math.floor(ms / BUSY_SLICE_MS);
}

/** Rounded to 3 decimals: a tick's fractions are written as JSON many times a second, in every recording. */
const share = (ms: number) => Math.round(Math.min(1, Math.max(0, ms / BUSY_SLICE_MS)) * 1000) / 1000;

/**
 * Busy ms and collections per slice of the grid, for one thread, from a floor on. Used both by a unit (what it
 * has not reported yet) and by the engine (what it has not put in a tick yet). `maxSlices` bounds it: the
 * oldest slices give way, as nobody can place them any more (a unit blocked for a minute reports its last few).
 */
export class SliceBins {
  /** Slices below this are gone (reported, or put in a tick): anything added there is dropped. */
  private floor = -Infinity;
  /** Grid index of `busy[0]`. */
  private base = 0;
  private busy: number[] = [];
  private gcCount: number[] = [];
  private gcPause: number[] = [];
  private gcMax: number[] = [];
  /** Epoch ms up to which this thread has told its busy time; after it, a window reads what the engine knows. */
  coveredTo = -Infinity;

  constructor(private readonly maxSlices = 512) {}

  /** Forgets every slice below `index`. */
  dropBelow(index: number): void {
    this.floor = Math.max(this.floor, index);
    const drop = Math.min(this.busy.length, this.floor - this.base);
    if (drop <= 0) return;
    for (const bins of [this.busy, this.gcCount, this.gcPause, this.gcMax]) bins.splice(0, drop);
    this.base += drop;
  }

  /** The slot of slice `index` (made on demand), or -1 when the slice is gone. */
  private slot(index: number): number {
    if (index < this.floor) return -1;
    if (this.busy.length === 0) this.base = index;
    if (index < this.base) {
      // A collection delivered after a later span (the observer is asynchronous): room in front, rarely.
      const room = this.base - index;
      for (const bins of [this.busy, this.gcCount, this.gcPause, this.gcMax]) bins.unshift(...new Array<number>(room).fill(0));
      this.base = index;
    }
    // Far ahead of what is kept: the old slices go first, rather than growing to the gap and then dropping it.
    if (index - this.base >= this.maxSlices) this.dropBelow(index - this.maxSlices + 1);
    if (this.busy.length === 0) this.base = index;
    while (index >= this.base + this.busy.length) {
      this.busy.push(0);
      this.gcCount.push(0);
      this.gcPause.push(0);
      this.gcMax.push(0);
    }
    if (this.busy.length > this.maxSlices) this.dropBelow(this.base + this.busy.length - this.maxSlices);
    return index - this.base;
  }

  /** The thread was busy from epoch ms `fromMs` to `toMs`, all of it. */
  addBusy(fromMs: number, toMs: number): void {
    // Beyond the bound nothing is kept: a long span is clipped before it is cut, not cut and then dropped.
    const last = Math.ceil(toMs / BUSY_SLICE_MS) - 1;
    const keptFrom = (last - this.maxSlices + 1) * BUSY_SLICE_MS;
    // What the bound cuts off is gone, and the floor says so (a report then starts later than the last ended).
    if (fromMs < keptFrom) this.dropBelow(sliceIndex(keptFrom));
    const start = Math.max(fromMs, keptFrom, this.floor * BUSY_SLICE_MS);
    for (let index = sliceIndex(start); index * BUSY_SLICE_MS < toMs; index++) {
      const overlap = Math.min(toMs, (index + 1) * BUSY_SLICE_MS) - Math.max(start, index * BUSY_SLICE_MS);
      const at = overlap > 0 ? this.slot(index) : -1;
      if (at >= 0) this.busy[at] = Math.min(BUSY_SLICE_MS, this.busy[at] + overlap);
    }
  }

  /**
   * `ms` of busy time fell somewhere between epoch ms `fromMs` and `toMs` (the host's utilisation between two
   * readings, its jobs' exact spans already added): spread over what the stretch's slices have free, in
   * proportion, never filling a slice past full.
   */
  spreadBusy(fromMs: number, toMs: number, ms: number): void {
    if (!(ms > 0) || toMs <= fromMs) return;
    const free: Array<[number, number]> = [];
    let total = 0;
    for (let index = sliceIndex(fromMs); index * BUSY_SLICE_MS < toMs; index++) {
      const overlap = Math.min(toMs, (index + 1) * BUSY_SLICE_MS) - Math.max(fromMs, index * BUSY_SLICE_MS);
      const at = overlap > 0 ? this.slot(index) : -1;
      if (at < 0) continue;
      const room = Math.max(0, Math.min(overlap, BUSY_SLICE_MS - this.busy[at]));
      free.push([index, room]);
      total += room;
    }
    const density = total > 0 ? Math.min(1, ms / total) : 0;
    // Slots again by index: making one may have moved the others (the bound drops the oldest).
    for (const [index, room] of free) {
      const at = this.slot(index);
      if (at >= 0) this.busy[at] = Math.min(BUSY_SLICE_MS, this.busy[at] + density * room);
    }
  }

  /** A garbage collection began at epoch ms `atMs` and paused the thread `pauseMs`. */
  addGc(atMs: number, pauseMs: number, count = 1, maxMs = pauseMs): void {
    const at = this.slot(sliceIndex(atMs));
    if (at < 0) return;
    this.gcCount[at] += count;
    this.gcPause[at] += pauseMs;
    this.gcMax[at] = Math.max(this.gcMax[at], maxMs);
  }

  /**
   * Adds what a unit reported. Slices between what it told before and this report's first are ones it had to
   * leave out (more than its bins hold): only a unit blocked in a job goes that long without reporting, so they
   * read busy.
   */
  addActivity(activity: UnitActivity): void {
    const from = activity.from * BUSY_SLICE_MS;
    if (Number.isFinite(this.coveredTo) && from > this.coveredTo) this.addBusy(this.coveredTo, from);
    activity.busyUs.forEach((us, offset) => {
      const at = us > 0 ? this.slot(activity.from + offset) : -1;
      if (at >= 0) this.busy[at] = Math.min(BUSY_SLICE_MS, this.busy[at] + us / 1000);
    });
    for (let i = 0; i + 3 < activity.gc.length; i += 4) {
      const [offset, count, pauseUs, maxUs] = activity.gc.slice(i, i + 4);
      this.addGc((activity.from + offset) * BUSY_SLICE_MS, pauseUs / 1000, count, maxUs / 1000);
    }
    this.coveredTo = Math.max(this.coveredTo, activity.to);
  }

  /**
   * What a unit reports: everything since its previous report, up to epoch ms `nowMs`; then starts afresh from
   * the slice `nowMs` falls in (its rest comes with the next report, and the engine adds the two).
   */
  takeActivity(nowMs: number): UnitActivity {
    // From where the last report ended (or the bound cut), idle slices included, so a report that starts later
    // than the last one ended says the bound cut something; the first report starts where its data does.
    const from = Number.isFinite(this.floor) ? this.floor : this.busy.length > 0 ? this.base : sliceIndex(nowMs);
    const lead = this.busy.length > 0 ? this.base - from : 0;
    const gc: number[] = [];
    this.gcCount.forEach((count, offset) => {
      if (count > 0) gc.push(lead + offset, count, Math.round(this.gcPause[offset] * 1000), Math.round(this.gcMax[offset] * 1000));
    });
    const busyUs = [...new Array<number>(lead).fill(0), ...this.busy.map((ms) => Math.round(ms * 1000))];
    const activity = { from, busyUs, gc, to: nowMs };
    this.busy = [];
    this.gcCount = [];
    this.gcPause = [];
    this.gcMax = [];
    this.floor = sliceIndex(nowMs);
    this.base = this.floor;
    return activity;
  }

  /**
   * The window as a tick shows it, then forgets it and everything before. Each slice reads its busy share, 0..1;
   * the part of a slice after {@link coveredTo} (not told yet, and too late to be once the tick is out) reads
   * `untoldShare`: 1 for a unit the engine knows is inside a job, 0 otherwise.
   */
  takeWindow(window: SliceWindow, untoldShare: 0 | 1): WindowActivity {
    const busy: number[] = [];
    const gc: GcSample = { count: 0, pauseMs: 0, maxMs: 0 };
    for (let index = window.first; index < window.end; index++) {
      const at = index - this.base;
      const inside = at >= 0 && at < this.busy.length;
      const untold = BUSY_SLICE_MS - Math.min(BUSY_SLICE_MS, Math.max(0, this.coveredTo - index * BUSY_SLICE_MS));
      busy.push(share((inside ? this.busy[at] : 0) + untoldShare * untold));
      if (!inside || this.gcCount[at] === 0) continue;
      gc.count += this.gcCount[at];
      gc.pauseMs += this.gcPause[at];
      gc.maxMs = Math.max(gc.maxMs, this.gcMax[at]);
    }
    gc.pauseMs = Math.round(gc.pauseMs * 1000) / 1000;
    gc.maxMs = Math.round(gc.maxMs * 1000) / 1000;
    this.dropBelow(window.end);
    return { busy, gc };
  }
}
