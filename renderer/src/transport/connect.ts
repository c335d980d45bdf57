/**
 * Wires a transport into the store: every engine message goes to the store's ingest actions, and the store is
 * flushed to React (the only place React learns about new data) on the next animation frame after a message
 * arrives: at most once a frame, and in phase with the ticks. A fixed 100 ms flush timer ran out of phase with the
 * 200 ms ticks and put 47 to 136 ms (p95) between a tick's arrival and its paint.
 */
import type { LabStore } from '../state/store-types';
import type { Transport } from './pick-transport';

/** How the flush is scheduled: the next frame in a page; injectable for tests. */
export interface FlushScheduler {
  nextFrame(run: () => void): void;
  /**
   * A slow fallback: a hidden page gets no frames, and its store must still catch up (at the latest after this
   * many ms), so the view is current the moment it shows again.
   */
  every(ms: number, run: () => void): () => void;
}

/** The fallback's period: only for pages that get no frames (hidden); never the path of a visible tick. */
export const HIDDEN_FLUSH_MS = 1_000;

const browserScheduler: FlushScheduler = {
  nextFrame: (run) => void requestAnimationFrame(() => run()),
  every: (ms, run) => {
    const timer = setInterval(run, ms);
    return () => clearInterval(timer);
  },
};

/** Batches flushes to one per frame: the first message since the last flush asks for the next frame. */
export function frameBatcher(flush: () => void, scheduler: FlushScheduler): { messageArrived(): void; flushNow(): void } {
  let pending = false;
  const flushNow = () => {
    pending = false;
    flush();
  };
  return {
    messageArrived() {
      if (pending) return;
      pending = true;
      scheduler.nextFrame(() => {
        if (pending) flushNow();
      });
    },
    flushNow,
  };
}

export function connectStore(transport: Transport, store: LabStore, scheduler: FlushScheduler = browserScheduler): () => void {
  const state = store.getState;
  const batcher = frameBatcher(() => state().flush(), scheduler);
  const arrived = <T>(ingest: (message: T) => void) => (message: T) => {
    ingest(message);
    batcher.messageArrived();
  };
  const unsubscribers = [
    transport.api.onTick(arrived((tick) => state().ingestTick(tick))),
    transport.api.onEvent(arrived((event) => state().ingestEvent(event))),
    transport.api.onSummary(arrived((summary) => state().ingestSummary(summary))),
    transport.onProtocolError((text) => state().report('connection', text)),
    transport.onConnection((connection) => {
      state().setConnection(connection);
      // After a (re)connect, the engine may have moved on: ask for its settings rather than trust ours.
      if (connection === 'open') void state().refresh();
    }),
  ];
  const stopFallback = scheduler.every(HIDDEN_FLUSH_MS, () => batcher.flushNow());
  return () => {
    stopFallback();
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
