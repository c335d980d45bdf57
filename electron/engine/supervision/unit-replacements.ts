/**
 * Standing in for units that died: a long-lived unit lost to a crash, a kill from outside, a timeout or the
 * user's kill is replaced (by the supervisor when it started it, else by whoever did: piscina replaces its threads
 * itself, and the next thread adopted is named the stand-in), after the restart backoff when it died without the
 * lab asking. A one-shot unit is not replaced, but its crash holds new jobs back for the backoff too.
 */
import type { ExitCause } from '../../../shared/messages';
import { RestartBackoff } from './restart-backoff';
import type { UnitRecord } from './unit-record';

export class UnitReplacements {
  /** Units lost and not replaced yet, for the `replaces` of units something else (piscina) starts. */
  private readonly awaiting: string[] = [];
  private readonly backoff = new RestartBackoff();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Starts a replacement of a lost unit; null when something else (piscina) replaces them. */
  private restart: ((replaces: string) => void) | null = null;
  private cancelled = false;

  /** @param wake told when a replacement is due (there may be room for jobs again). */
  constructor(private readonly wake: () => void) {}

  /** The supervisor starts the units itself, and their replacements with `restart`. */
  startWith(restart: (replaces: string) => void): void {
    this.restart = restart;
  }

  /** Whom a unit adopted now stands in for: the one named, else (long-lived) the oldest lost one not replaced. */
  standsInFor(oneShot: boolean, named: string | undefined): string | undefined {
    return named ?? (oneShot ? undefined : this.awaiting.shift());
  }

  /** `unit` ended with `cause` while the supervisor runs: its replacement, if any, is scheduled. */
  lost(unit: UnitRecord, cause: ExitCause): void {
    if (cause === 'stop' || cause === 'done') return;
    const restart = unit.oneShot ? null : this.restart;
    if (!unit.oneShot && !restart) this.awaiting.push(unit.id);
    // A unit that died (on its own, of an injected fault, or killed from outside) waits for the backoff; one the
    // lab ended does not.
    const delay = cause === 'crash' || cause === 'injected' || cause === 'external' ? this.backoff.crashed() : 0;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.cancelled) return;
      restart?.(unit.id);
      this.wake();
    }, delay);
    this.timers.add(timer);
  }

  /** True while the restart backoff after a crash runs: a strategy takes no new job then. */
  paused(): boolean {
    return this.backoff.paused();
  }

  /** Nothing is replaced any more (the supervisor is shutting down). */
  cancel(): void {
    this.cancelled = true;
    this.timers.forEach(clearTimeout);
    this.timers.clear();
  }
}
