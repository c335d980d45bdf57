/**
 * Restart backoff after crashes: the first restart waits `first` ms, each crash in a row doubles the wait up to
 * `max`, and a unit that stays up for `stableMs` resets the count. A job that crashes every unit it touches
 * therefore cannot spin the CPU with restarts.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULTS } from '../../../shared/constants';

export class RestartBackoff {
  private streak = 0;
  private lastCrashAt = -Infinity;
  private pausedUntil = 0;

  constructor(
    private readonly first: number = DEFAULTS.restartBackoffMs.first,
    private readonly max: number = DEFAULTS.restartBackoffMs.max,
    private readonly stableMs: number = 10_000,
  ) {}

  /** Records a crash; returns how long to wait before the next restart (or dispatch). */
  crashed(now = performance.now()): number {
    if (now - this.lastCrashAt > this.stableMs) this.streak = 0;
    const delay = Math.min(this.max, this.first * 2 ** this.streak);
    this.streak++;
    this.lastCrashAt = now;
    this.pausedUntil = now + delay;
    return delay;
  }

  /** True while the wait after the last crash is running. */
  paused(now = performance.now()): boolean {
    return now < this.pausedUntil;
  }
}
