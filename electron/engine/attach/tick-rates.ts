/**
 * Requests a second over a tick, from reports that each cover their own thread's window. Each thread reports on
 * its own timer, not on the lab's tick: a report can cover 2 s after its loop was held, and one tick can get two
 * reports of a thread and the next none. Counts divided by the tick's length would then spike tenfold and drop to
 * zero; here each thread's count is divided by the time its reports cover, and a thread with no report in a tick
 * keeps the rate of its last one for that tick only (its next report covers the gap).
 */

interface Rates {
  /** Responses finished a second. */
  finished: number;
  /** Of those, below 500 a second. */
  answered: number;
}

export class TickRates {
  /** This tick's counts by thread, with the ms their reports cover. */
  private current = new Map<string, { finished: number; answered: number; windowMs: number }>();
  /** Each thread's rates of the previous tick in which it reported, kept one tick. */
  private previous = new Map<string, Rates>();

  /** A thread's report: `finished` responses, `answered` of them below 500, over `windowMs`. */
  add(thread: string, finished: number, answered: number, windowMs: number): void {
    const entry = this.current.get(thread) ?? { finished: 0, answered: 0, windowMs: 0 };
    entry.finished += finished;
    entry.answered += answered;
    entry.windowMs += Math.max(1, windowMs);
    this.current.set(thread, entry);
  }

  /** The thread ended: it serves no more, and its last rate is not carried. */
  forget(thread: string): void {
    this.previous.delete(thread);
  }

  /** The tick's rates, summed over the threads. */
  rates(): Rates {
    const sum: Rates = { finished: 0, answered: 0 };
    for (const [thread, rate] of this.perThread()) {
      if (!this.current.has(thread) && !this.previous.has(thread)) continue;
      sum.finished += rate.finished;
      sum.answered += rate.answered;
    }
    return sum;
  }

  /** The next tick begins: this tick's rates are what a silent thread keeps once. */
  roll(): void {
    const next = new Map<string, Rates>();
    for (const [thread, entry] of this.current) next.set(thread, { finished: (entry.finished * 1000) / entry.windowMs, answered: (entry.answered * 1000) / entry.windowMs });
    this.previous = next;
    this.current = new Map();
  }

  private *perThread(): Generator<[string, Rates]> {
    for (const [thread, entry] of this.current) yield [thread, { finished: (entry.finished * 1000) / entry.windowMs, answered: (entry.answered * 1000) / entry.windowMs }];
    for (const [thread, rate] of this.previous) if (!this.current.has(thread)) yield [thread, rate];
  }
}
