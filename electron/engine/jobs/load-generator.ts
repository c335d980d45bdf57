/**
 * One load model for every strategy, so they compare fairly.
 * - Open loop: jobs arrive at `rate` per second, whatever the system does. Arrivals are computed from elapsed
 *   time, so a host whose loop was blocked catches up on the jobs that arrived meanwhile (a blocked server
 *   does not stop its clients from sending); that is what makes queueing visible.
 * - Closed loop: `concurrency` jobs are outstanding at all times; a new one is sent when one settles.
 */
import { performance } from 'node:perf_hooks';
import type { RunConfig } from '../../../shared/run-config';

/**
 * What the generator asks of the engine: submit one job that arrived at `arrivedAt` (performance.now() time;
 * in the open loop, its scheduled arrival, so a job that arrived while the host was blocked counts that wait
 * in its latency); false when the queue refused it.
 */
export type SubmitJob = (arrivedAt: number) => boolean;

/** How often the open loop looks at the clock. */
const OPEN_LOOP_TICK_MS = 5;

export class LoadGenerator {
  private timer: NodeJS.Timeout | null = null;
  /** The closed loop's next refill, on a later turn of the event loop. */
  private refillSoon: NodeJS.Immediate | null = null;
  private openSince = 0;
  private openSent = 0;
  private outstanding = 0;
  private mode: RunConfig['loadMode'] = 'open';
  private rate = 0;
  private concurrency = 0;
  private running = false;

  constructor(private readonly submit: SubmitJob) {}

  start(config: RunConfig): void {
    // A new run starts from nothing: jobs of the last run that never settled are not outstanding any more.
    this.outstanding = 0;
    this.openSent = 0;
    this.running = true;
    this.apply(config);
  }

  /** Applies new load settings at once. */
  apply(config: RunConfig): void {
    if (!this.running) return;
    const changed = config.loadMode !== this.mode || config.rate !== this.rate || config.concurrency !== this.concurrency;
    this.mode = config.loadMode;
    this.rate = config.rate;
    this.concurrency = config.concurrency;
    if (this.mode === 'open') {
      // Jobs sent in the closed loop stop counting as outstanding; a later closed loop starts afresh.
      this.outstanding = 0;
      if (changed || !this.timer) {
        this.openSince = performance.now();
        this.openSent = 0;
      }
      if (!this.timer) {
        this.timer = setInterval(() => this.onOpenTick(), OPEN_LOOP_TICK_MS);
      }
    } else {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      this.refill();
    }
  }

  private onOpenTick(): void {
    const due = Math.floor(((performance.now() - this.openSince) * this.rate) / 1000);
    while (this.openSent < due) {
      this.openSent++;
      this.submit(this.openSince + (this.openSent * 1000) / this.rate);
    }
  }

  private refill(): void {
    while (this.running && this.mode === 'closed' && this.outstanding < this.concurrency) {
      if (!this.submit(performance.now())) break;
      this.outstanding++;
    }
  }

  /**
   * A job has settled: in the closed loop, another one takes its place, on the next turn of the event loop.
   * Not at once: a job that fails without waiting for anything (a fault the host refuses, a write to a dead
   * IPC channel) settles in a microtask, and an immediate refill would submit the next one in the same chain
   * of microtasks, forever. Timers and I/O would never run again: no tick, no deadline, not even the exit
   * event that would take the dead unit out of service. One refill per turn keeps the host responsive.
   */
  settled(): void {
    if (this.mode !== 'closed') return;
    this.outstanding = Math.max(0, this.outstanding - 1);
    this.refillSoon ??= setImmediate(() => {
      this.refillSoon = null;
      this.refill();
    });
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.refillSoon) clearImmediate(this.refillSoon);
    this.refillSoon = null;
  }
}
