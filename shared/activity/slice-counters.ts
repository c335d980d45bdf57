/**
 * The storage behind shared/activity/busy-slices.ts: four counters per slice (busy ms, collections, their total
 * and longest pause) for a run of consecutive slices of the grid, in a ring of typed arrays. Every unit bins each
 * job here and the engine places every unit's slices in every tick, so the storage must not allocate as it goes:
 * plain arrays shifted, spliced and re-grown per call were most of what binning cost. The ring grows by doubling
 * (a unit's few dozen slices, the engine's few hundred) and never shrinks; dropping the oldest slices only moves
 * its head. Plain code, no Node imports.
 */

/** Consecutive slices `base` .. `base + length - 1`, each with its counters zeroed when it is added. */
export class SliceCounters {
  /** Grid index of the oldest slice held. */
  base = 0;
  /** How many slices are held. */
  length = 0;
  /** Ring position of slice `base`. */
  private head = 0;
  /** Capacity - 1 (the capacity is a power of two, so a position wraps with one mask). */
  private mask: number;
  busy: Float64Array;
  gcCount: Float64Array;
  gcPause: Float64Array;
  gcMax: Float64Array;

  constructor(initialCapacity = 16) {
    const capacity = powerOfTwoAtLeast(initialCapacity);
    this.mask = capacity - 1;
    this.busy = new Float64Array(capacity);
    this.gcCount = new Float64Array(capacity);
    this.gcPause = new Float64Array(capacity);
    this.gcMax = new Float64Array(capacity);
  }

  /** The ring position of the slice `offset` places after `base` (0 <= offset < length). */
  at(offset: number): number {
    return (this.head + offset) & this.mask;
  }

  /** Holds nothing; the next slice added becomes `base`. */
  clear(base: number): void {
    this.base = base;
    this.length = 0;
    this.head = 0;
  }

  /** Forgets the `count` oldest slices (at most all of them). */
  dropOldest(count: number): void {
    const dropped = Math.min(count, this.length);
    if (dropped <= 0) return;
    this.head = (this.head + dropped) & this.mask;
    this.base += dropped;
    this.length -= dropped;
  }

  /** Adds zeroed slices after the newest until slice `index` is held. */
  extendTo(index: number): void {
    const wanted = index - this.base + 1;
    if (wanted <= this.length) return;
    this.reserve(wanted);
    while (this.length < wanted) this.zero(this.at(this.length++));
  }

  /** Adds `count` zeroed slices before the oldest. */
  prepend(count: number): void {
    this.reserve(this.length + count);
    for (let i = 0; i < count; i++) {
      this.head = (this.head - 1) & this.mask;
      this.zero(this.head);
    }
    this.base -= count;
    this.length += count;
  }

  private zero(position: number): void {
    this.busy[position] = 0;
    this.gcCount[position] = 0;
    this.gcPause[position] = 0;
    this.gcMax[position] = 0;
  }

  /** Room for `slices`, the held ones copied to the front of larger arrays when they do not fit. */
  private reserve(slices: number): void {
    if (slices <= this.mask + 1) return;
    const capacity = powerOfTwoAtLeast(slices);
    const grow = (old: Float64Array) => {
      const next = new Float64Array(capacity);
      for (let i = 0; i < this.length; i++) next[i] = old[this.at(i)];
      return next;
    };
    this.busy = grow(this.busy);
    this.gcCount = grow(this.gcCount);
    this.gcPause = grow(this.gcPause);
    this.gcMax = grow(this.gcMax);
    this.head = 0;
    this.mask = capacity - 1;
  }
}

function powerOfTwoAtLeast(n: number): number {
  let capacity = 1;
  while (capacity < n) capacity *= 2;
  return capacity;
}
