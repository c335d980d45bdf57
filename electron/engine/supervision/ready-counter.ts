/** Counts units that became ready, and lets callers wait for a number of them (first job, whole pool). */
export class ReadyCounter {
  private count = 0;
  private waiting: Array<{ count: number; resolve: () => void }> = [];
  private released = false;

  /** Settles once `count` units have become ready, or at {@link releaseAll}. */
  whenReached(count: number): Promise<void> {
    if (this.count >= count || this.released) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ count, resolve }));
  }

  /** One more unit is ready. */
  add(): void {
    this.count++;
    const due = this.waiting.filter((w) => w.count <= this.count);
    this.waiting = this.waiting.filter((w) => w.count > this.count);
    due.forEach((w) => w.resolve());
  }

  /** Nobody waits any more (the strategy is closing). */
  releaseAll(): void {
    this.released = true;
    this.waiting.splice(0).forEach((w) => w.resolve());
  }
}
