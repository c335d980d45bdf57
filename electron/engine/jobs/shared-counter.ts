/**
 * The SharedArrayBuffer counter of `sab-counter` jobs: one per engine, handed to every job so all threads of a
 * run increment the same memory. The jobs record the increments they finished in a second slot with Atomics
 * (see workloads/jobs/sab-counter.ts); what the counter is short of that is what the races lost.
 *
 * Both slots are Int32 and wrap after 2^31: totals are kept here as numbers, from the slots' growth between two
 * reads (exact while one interval adds less than 2^31, i.e. below 10^10 increments a second). A job in flight may
 * have incremented the counter for a chunk it has not recorded yet, so `done - value` can read short by up to a
 * chunk per job in flight; lost updates never come back, so the largest shortfall seen is the count (a lower
 * bound that is exact whenever no job is between chunks, and never above the truth).
 */
import type { SharedCounterTotals } from '../../../shared/messages';
import { COUNTER_SLOTS } from '../../../shared/unit-protocol';

export class SharedCounter {
  /** The view every job gets (a SharedArrayBuffer: posting it to a thread shares it, never copies). */
  readonly view = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  private lastValue = 0;
  private lastDone = 0;
  private totals: SharedCounterTotals = { done: 0, value: 0, lost: 0 };
  private used = false;

  /** Starts counting from now (a new run): earlier increments are not this run's. */
  rebase(): void {
    this.lastValue = Atomics.load(this.view, COUNTER_SLOTS.value);
    this.lastDone = Atomics.load(this.view, COUNTER_SLOTS.done);
    this.totals = { done: 0, value: 0, lost: 0 };
    this.used = false;
  }

  /** The view, for a job; marks the counter as used by this run. */
  forJob(): Int32Array {
    this.used = true;
    return this.view;
  }

  /** The totals since the run started, or null when no job of the run used the counter. */
  read(): SharedCounterTotals | null {
    if (!this.used) return null;
    const value = Atomics.load(this.view, COUNTER_SLOTS.value);
    const done = Atomics.load(this.view, COUNTER_SLOTS.done);
    // `| 0` is the wrapped difference of two Int32 readings.
    this.totals.value += (value - this.lastValue) | 0;
    this.totals.done += (done - this.lastDone) | 0;
    this.lastValue = value;
    this.lastDone = done;
    this.totals.lost = Math.max(this.totals.lost, this.totals.done - this.totals.value);
    return { ...this.totals };
  }
}
