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

export class StartGate {
  private readonly waiting: Array<() => Promise<unknown>> = [];
  private booting = 0;
  private scheduled = false;
  private closed = false;

  constructor(private readonly limit = defaultStartLimit()) {}

  /** Queues `start`, which must settle once the unit it starts is ready or gone. */
  enqueue(start: () => Promise<unknown>): void {
    if (this.closed) return;
    this.waiting.push(start);
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
    if (this.closed || this.booting >= this.limit) return;
    const start = this.waiting.shift();
    if (!start) return;
    this.booting++;
    const done = () => {
      this.booting--;
      this.schedule();
    };
    start().then(done, done);
    if (this.waiting.length > 0) this.schedule();
  }
}
