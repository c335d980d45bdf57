/** FIFO of jobs waiting for a free unit: O(1) at both ends (Array#shift is O(n), and queues here reach 10^6). */
import type { QueuedJob } from '../strategies/index';

export class JobQueue {
  private items: (QueuedJob | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(job: QueuedJob): void {
    this.items.push(job);
  }

  /** Puts a job back at the head (a retry goes before newer jobs). */
  unshift(job: QueuedJob): void {
    if (this.head > 0) this.items[--this.head] = job;
    else this.items.unshift(job);
  }

  peek(): QueuedJob | undefined {
    return this.items[this.head];
  }

  shift(): QueuedJob | undefined {
    const job = this.items[this.head];
    this.items[this.head++] = undefined;
    // Compact once the consumed prefix dominates, so memory follows the live length.
    if (this.head > 1_024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return job;
  }

  /** Removes the newest job (the one a full queue refuses). */
  pop(): QueuedJob | undefined {
    return this.length > 0 ? this.items.pop() : undefined;
  }
}
