/**
 * One thread's slices of busy time, as the timeline keeps them: a ring of typed arrays indexed by the slice's
 * place on the run's grid (slice `k` covers [offset + k·sliceMs, offset + (k+1)·sliceMs)). A number per slice and
 * a byte of flags, never an object: 65 lanes × 3000 slices are redrawn five times a second. The ring starts small
 * and doubles up to its bound, so a thread that lived for one job (worker-per-task) costs a few slots, not a
 * minute's worth. A slice never written reads NaN: not measured, drawn as a gap, never as idle.
 */

/** Flag bits of a slice. */
export const SLICE_BLOCKED = 1;
export const SLICE_STARTING = 2;

const INITIAL_CAPACITY = 64;

export class SliceRing {
  private values: Float32Array;
  private flagBits: Uint8Array;
  /** Grid index of the oldest slice kept (included) and of the one after the newest (excluded). */
  private first = 0;
  private end = 0;

  constructor(readonly maxCapacity: number) {
    const capacity = Math.min(INITIAL_CAPACITY, maxCapacity);
    this.values = new Float32Array(capacity).fill(Number.NaN);
    this.flagBits = new Uint8Array(capacity);
  }

  get capacity(): number {
    return this.values.length;
  }

  /** Grid index of the oldest slice kept. */
  get start(): number {
    return this.first;
  }

  /** Grid index after the newest slice written. */
  get stop(): number {
    return this.end;
  }

  get isEmpty(): boolean {
    return this.end === this.first;
  }

  private slot(index: number): number {
    const capacity = this.values.length;
    return ((index % capacity) + capacity) % capacity;
  }

  private grow(span: number): void {
    let capacity = this.values.length;
    while (capacity < span && capacity < this.maxCapacity) capacity = Math.min(this.maxCapacity, capacity * 2);
    if (capacity === this.values.length) return;
    const values = new Float32Array(capacity).fill(Number.NaN);
    const flags = new Uint8Array(capacity);
    for (let index = this.first; index < this.end; index++) {
      const from = this.slot(index);
      const to = ((index % capacity) + capacity) % capacity;
      values[to] = this.values[from]!;
      flags[to] = this.flagBits[from]!;
    }
    this.values = values;
    this.flagBits = flags;
  }

  /**
   * Writes slice `index`: its busy share (0..1) and flags. Slices skipped between the newest and `index` read as
   * not measured; a slice older than the ring keeps is dropped; an older slice inside it is overwritten.
   */
  set(index: number, value: number, flags = 0): void {
    if (this.isEmpty) {
      this.first = index;
      this.end = index;
    }
    if (index < this.first) {
      // Before the oldest slice: only when the ring has room to reach back (a unit's slices come in order).
      if (this.end - index > this.maxCapacity) return;
      this.grow(this.end - index);
      for (let k = index; k < this.first; k++) {
        this.values[this.slot(k)] = Number.NaN;
        this.flagBits[this.slot(k)] = 0;
      }
      this.first = index;
    }
    if (index >= this.end) {
      this.grow(index + 1 - this.first);
      const capacity = this.values.length;
      // The slots between are cleared: they held slices a full ring older.
      for (let k = Math.max(this.end, index + 1 - capacity); k < index; k++) {
        this.values[this.slot(k)] = Number.NaN;
        this.flagBits[this.slot(k)] = 0;
      }
      this.end = index + 1;
      if (this.end - this.first > capacity) this.first = this.end - capacity;
    }
    const at = this.slot(index);
    this.values[at] = value;
    this.flagBits[at] = flags;
  }

  /** The busy share of slice `index`, NaN when not measured or no longer kept. */
  get(index: number): number {
    if (index < this.first || index >= this.end) return Number.NaN;
    return this.values[this.slot(index)]!;
  }

  /** The flags of slice `index` (0 when not kept). */
  flags(index: number): number {
    if (index < this.first || index >= this.end) return 0;
    return this.flagBits[this.slot(index)]!;
  }
}
