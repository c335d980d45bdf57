/**
 * Unit starts, paced through the {@link StartGate} (a few units booting at once), and who waits for them: the
 * gate until each unit of a start is ready or gone, the strategy until so many are ready (first job, whole pool).
 */
import { ReadyCounter } from './ready-counter';
import { StartGate } from './start-gate';
import type { UnitRecord } from './unit-record';

export class UnitStarts {
  private readonly gate: StartGate;
  /** Who waits for a unit to be ready or gone (the gate). */
  private readonly settling = new Map<UnitRecord, () => void>();
  private readonly readyUnits = new ReadyCounter();
  private closed = false;

  /** @param failed told when a start threw (a spawn failed outright). */
  constructor(
    startLimit: number | undefined,
    private readonly failed: (error: Error) => void,
  ) {
    this.gate = new StartGate(startLimit);
  }

  /**
   * Starts `size` units through the gate as one start: `start` creates and adopts them (piscina starts a pool's
   * threads together, in its constructor), and the gate counts them booting until each is ready or gone.
   */
  enqueue(size: number, start: () => UnitRecord[]): void {
    this.gate.enqueue(() => {
      if (this.closed) return Promise.resolve();
      try {
        return Promise.all(start().map((unit) => this.settled(unit)));
      } catch (error) {
        this.failed(error as Error);
        return Promise.resolve();
      }
    }, size);
  }

  /** `unit` is ready: its start is over, and it counts towards {@link whenReady}. */
  ready(unit: UnitRecord): void {
    this.release(unit);
    this.readyUnits.add();
  }

  /** `unit` is gone: its start is over, whether it got ready or not. */
  gone(unit: UnitRecord): void {
    this.release(unit);
  }

  /** Settles once `count` units have become ready since the supervisor began (or it is shutting down). */
  whenReady(count: number): Promise<void> {
    return this.readyUnits.whenReached(count);
  }

  /** Nothing starts any more and nobody waits (the supervisor is shutting down). */
  close(): void {
    this.closed = true;
    this.gate.close();
    this.readyUnits.releaseAll();
  }

  /** Settles once `unit` is ready or gone. */
  private settled(unit: UnitRecord): Promise<void> {
    if (unit.state !== 'starting') return Promise.resolve();
    return new Promise<void>((resolve) => this.settling.set(unit, resolve));
  }

  private release(unit: UnitRecord): void {
    this.settling.get(unit)?.();
    this.settling.delete(unit);
  }
}
