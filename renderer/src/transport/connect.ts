/**
 * Wires a transport into the store: every engine message goes to the store's ingest actions, and a timer
 * flushes the store to React ~10 times a second (the only place React learns about new data).
 */
import type { LabStore } from '../state/store-types';
import type { Transport } from './pick-transport';

/** Flushes per second at most: smooth enough for charts, cheap enough to leave the frame budget to drawing. */
export const FLUSH_INTERVAL_MS = 100;

export function connectStore(transport: Transport, store: LabStore): () => void {
  const state = store.getState;
  const unsubscribers = [
    transport.api.onTick((tick) => state().ingestTick(tick)),
    transport.api.onEvent((event) => state().ingestEvent(event)),
    transport.api.onSummary((summary) => state().ingestSummary(summary)),
    transport.onProtocolError((text) => state().report('connection', text)),
    transport.onConnection((connection) => {
      state().setConnection(connection);
      // After a (re)connect, the engine may have moved on: ask for its settings rather than trust ours.
      if (connection === 'open') void state().refresh();
    }),
  ];
  const timer = setInterval(() => state().flush(), FLUSH_INTERVAL_MS);
  return () => {
    clearInterval(timer);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
