/**
 * Starts units a few at a time, each on its own turn of the host's loop. Starting a thread or a process costs
 * the host a synchronous slice (fork, isolate setup) and the machine a burst of CPU while the unit boots; 64 at
 * once starved the host for seconds (2 ticks in 6 s between two 64-process pools). With at most `limit` units
 * booting at once, the host keeps ticking and the first units are ready early.
 */
import { availableParallelism } from 'node:os';

/** How many units may boot at once: the cores, and at least two. */
export function defaultStartLimit(): number {
  return Math.max(2, availableParallelism());
}

/** A start waiting its turn, and how many units it boots at once. */
interface WaitingStart {
  start: () => Promise<unknown>;
  units: number;
}

export class StartGate {
  private readonly waiting: WaitingStart[] = [];
  private booting = 0;
  private scheduled = false;
  private closed = false;

  constructor(private readonly limit = defaultStartLimit()) {}

  /**
   * Queues `start`, which must settle once the units it starts (one, or `units` started together, as piscina
   * starts a pool's threads) are ready or gone. A group larger than the limit still starts, alone.
   */
  enqueue(start: () => Promise<unknown>, units = 1): void {
    if (this.closed) return;
    this.waiting.push({ start, units });
    this.schedule();
  }

  /** Forgets the starts not begun yet (the strategy is closing). */
  close(): void {
    this.closed = true;
    this.waiting.length = 0;
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    // One start per turn: timers, I/O and the tick get their turn between two synchronous spawns.
    setImmediate(() => {
      this.scheduled = false;
      this.startOne();
    });
  }

  private startOne(): void {
    const next = this.waiting[0];
    if (this.closed || !next || (this.booting > 0 && this.booting + next.units > this.limit)) return;
    this.waiting.shift();
    this.booting += next.units;
    const done = () => {
      this.booting -= next.units;
      this.schedule();
    };
    next.start().then(done, done);
    if (this.waiting.length > 0) this.schedule();
  }
}
