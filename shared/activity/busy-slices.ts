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
import { SliceCounters } from './slice-counters';

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
 * Its storage is a ring that does not allocate as it goes (slice-counters.ts): a unit bins every job here.
 */
export class SliceBins {
  /** Slices below this are gone (reported, or put in a tick): anything added there is dropped. */
  private floor = -Infinity;
  private readonly slices = new SliceCounters();
  /** Epoch ms up to which this thread has told its busy time; after it, a window reads what the engine knows. */
  coveredTo = -Infinity;

  constructor(private readonly maxSlices = 512) {}

  /** Grid index of the oldest slice held, or Infinity when none is. */
  heldFrom(): number {
    return this.slices.length > 0 ? this.slices.base : Infinity;
  }

  /** Forgets every slice below `index`. */
  dropBelow(index: number): void {
    this.floor = Math.max(this.floor, index);
    this.slices.dropOldest(this.floor - this.slices.base);
  }

  /** The ring position of slice `index` (made on demand), or -1 when the slice is gone. */
  private slot(index: number): number {
    if (index < this.floor) return -1;
    const slices = this.slices;
    if (slices.length === 0) slices.clear(index);
    if (index < slices.base) {
      // A collection delivered after a later span (the observer is asynchronous): room in front, rarely; none
      // when that would hold more than the bound, which then gives up the slices in front.
      const end = slices.base + slices.length;
      if (end - index > this.maxSlices) {
        this.floor = Math.max(this.floor, end - this.maxSlices);
        return -1;
      }
      slices.prepend(slices.base - index);
    }
    // Far ahead of what is kept: the old slices go first, rather than growing to the gap and then dropping it.
    if (index - slices.base >= this.maxSlices) this.dropBelow(index - this.maxSlices + 1);
    if (slices.length === 0) slices.clear(index);
    slices.extendTo(index);
    return slices.at(index - slices.base);
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
      if (at >= 0) this.slices.busy[at] = Math.min(BUSY_SLICE_MS, this.slices.busy[at] + overlap);
    }
  }

  /**
   * `ms` of busy time fell somewhere between epoch ms `fromMs` and `toMs` (the host's utilisation between two
   * readings, its jobs' exact spans already added): spread over what the stretch's slices have free, in
   * proportion, never filling a slice past full.
   */
  spreadBusy(fromMs: number, toMs: number, ms: number): void {
    if (!(ms > 0) || toMs <= fromMs) return;
    let total = 0;
    // Twice over the stretch: first its free time (making its slices), then the share of it filled.
    for (let pass = 0; pass < 2; pass++) {
      const density = total > 0 ? Math.min(1, ms / total) : 0;
      for (let index = sliceIndex(fromMs); index * BUSY_SLICE_MS < toMs; index++) {
        const overlap = Math.min(toMs, (index + 1) * BUSY_SLICE_MS) - Math.max(fromMs, index * BUSY_SLICE_MS);
        // Slots again by index in the second pass: making one may have moved the others (the bound drops the oldest).
        const at = overlap <= 0 ? -1 : pass === 0 ? this.slot(index) : this.existing(index);
        if (at < 0) continue;
        const room = Math.max(0, Math.min(overlap, BUSY_SLICE_MS - this.slices.busy[at]));
        if (pass === 0) total += room;
        else this.slices.busy[at] = Math.min(BUSY_SLICE_MS, this.slices.busy[at] + density * room);
      }
      if (total === 0) return;
    }
  }

  /** The ring position of slice `index` when it is held, else -1. */
  private existing(index: number): number {
    const offset = index - this.slices.base;
    return index >= this.floor && offset >= 0 && offset < this.slices.length ? this.slices.at(offset) : -1;
  }

  /** A garbage collection began at epoch ms `atMs` and paused the thread `pauseMs`. */
  addGc(atMs: number, pauseMs: number, count = 1, maxMs = pauseMs): void {
    const at = this.slot(sliceIndex(atMs));
    if (at < 0) return;
    const slices = this.slices;
    slices.gcCount[at] += count;
    slices.gcPause[at] += pauseMs;
    slices.gcMax[at] = Math.max(slices.gcMax[at], maxMs);
  }

  /**
   * Adds what a unit reported. Slices between what it told before and this report's first are ones it had to
   * leave out (more than its bins hold): only a unit blocked in a job goes that long without reporting, so they
   * read busy.
   */
  addActivity(activity: UnitActivity): void {
    const from = activity.from * BUSY_SLICE_MS;
    if (Number.isFinite(this.coveredTo) && from > this.coveredTo) this.addBusy(this.coveredTo, from);
    const { busyUs, gc } = activity;
    for (let offset = 0; offset < busyUs.length; offset++) {
      const us = busyUs[offset];
      const at = us > 0 ? this.slot(activity.from + offset) : -1;
      if (at >= 0) this.slices.busy[at] = Math.min(BUSY_SLICE_MS, this.slices.busy[at] + us / 1000);
    }
    for (let i = 0; i + 3 < gc.length; i += 4) this.addGc((activity.from + gc[i]) * BUSY_SLICE_MS, gc[i + 2] / 1000, gc[i + 1], gc[i + 3] / 1000);
    this.coveredTo = Math.max(this.coveredTo, activity.to);
  }

  /**
   * What a unit reports: everything since its previous report, up to epoch ms `nowMs`; then starts afresh from
   * the slice `nowMs` falls in (its rest comes with the next report, and the engine adds the two).
   */
  takeActivity(nowMs: number): UnitActivity {
    const slices = this.slices;
    // From where the last report ended (or the bound cut), idle slices included, so a report that starts later
    // than the last one ended says the bound cut something; the first report starts where its data does.
    const from = Number.isFinite(this.floor) ? this.floor : slices.length > 0 ? slices.base : sliceIndex(nowMs);
    const lead = slices.length > 0 ? slices.base - from : 0;
    const busyUs: number[] = [];
    const gc: number[] = [];
    for (let i = 0; i < lead; i++) busyUs.push(0);
    for (let offset = 0; offset < slices.length; offset++) {
      const at = slices.at(offset);
      busyUs.push(Math.round(slices.busy[at] * 1000));
      if (slices.gcCount[at] > 0) gc.push(lead + offset, slices.gcCount[at], Math.round(slices.gcPause[at] * 1000), Math.round(slices.gcMax[at] * 1000));
    }
    this.floor = sliceIndex(nowMs);
    slices.clear(this.floor);
    return { from, busyUs, gc, to: nowMs };
  }

  /**
   * The window as a tick shows it, then forgets it and everything before. Each slice reads its busy share, 0..1;
   * the part of a slice after {@link coveredTo} (not told yet, and too late to be once the tick is out) reads
   * `untoldShare`: 1 for a unit the engine knows is inside a job, 0 otherwise.
   */
  takeWindow(window: SliceWindow, untoldShare: 0 | 1): WindowActivity {
    const slices = this.slices;
    const busy: number[] = [];
    const gc: GcSample = { count: 0, pauseMs: 0, maxMs: 0 };
    for (let index = window.first; index < window.end; index++) {
      const offset = index - slices.base;
      const at = offset >= 0 && offset < slices.length ? slices.at(offset) : -1;
      const untold = untoldShare === 0 ? 0 : BUSY_SLICE_MS - Math.min(BUSY_SLICE_MS, Math.max(0, this.coveredTo - index * BUSY_SLICE_MS));
      busy.push(share((at >= 0 ? slices.busy[at] : 0) + untold));
      if (at < 0 || slices.gcCount[at] === 0) continue;
      gc.count += slices.gcCount[at];
      gc.pauseMs += slices.gcPause[at];
      gc.maxMs = Math.max(gc.maxMs, slices.gcMax[at]);
    }
    gc.pauseMs = Math.round(gc.pauseMs * 1000) / 1000;
    gc.maxMs = Math.round(gc.maxMs * 1000) / 1000;
    this.dropBelow(window.end);
    return { busy, gc };
  }
}
