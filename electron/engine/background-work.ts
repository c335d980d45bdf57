/** Work the engine started and a stop must wait for (an old strategy's drain after a switch); its errors are told, not thrown. */
export class BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  /** @param failed told of a piece of work that failed. */
  constructor(private readonly failed: (error: Error) => void) {}

  track(work: Promise<unknown>): void {
    const tracked = work.then(
      () => undefined,
      (error: Error) => this.failed(error),
    );
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  /** Settles once nothing is pending, work tracked meanwhile included. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
