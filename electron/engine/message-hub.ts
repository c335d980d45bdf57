/** Who hears the engine: every tick, event and summary goes to each listener, and a failing one stops nobody. */
import type { LabEvent, LabMessage } from '../../shared/messages';
import type { EventBody } from './unit-events';

export class MessageHub {
  private readonly listeners = new Set<(message: LabMessage) => void>();

  /** @param now the run's clock (ms since it started) that stamps events. */
  constructor(private readonly now: () => number) {}

  /** Subscribes to ticks, events and summaries; returns the unsubscribe. */
  subscribe(listener: (message: LabMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(message: LabMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch {
        // A failing viewer must not stop the engine or the other viewers.
      }
    }
  }

  /** An event, stamped with the run's clock. */
  emit(body: EventBody): void {
    this.publish({ type: 'event', t: this.now(), ...body } as LabEvent);
  }

  clear(): void {
    this.listeners.clear();
  }
}
