/**
 * Relays engine messages to the window, batched per tick:
 *   - a tick goes out at once on `lab:tick`, one message per tick;
 *   - events are collected and go out together on `lab:event` as an array (`LabEvent[]`), just before the next
 *     tick, or at the latest `maxEventDelayMs` after the first of them (a switch can start 64 units at once,
 *     and a stopped run has no next tick);
 *   - a summary flushes pending events first, then goes out on `lab:summary`.
 * So the window sees messages in the order the engine made them, with at most one event message per tick.
 * The preload unpacks the event array and calls `onEvent` listeners once per event.
 *
 * Plain logic with injected `send` and timers (no Electron), unit-tested in Node.
 */
import { IPC_CHANNELS } from '../../shared/lab-api';
import type { LabEvent, LabMessage } from '../../shared/messages';

/** Sends one IPC message to the window (`webContents.send`); a no-op once the window is gone. */
export type Send = (channel: string, payload: unknown) => void;

/** Timer functions, injectable for tests. */
export interface RelayTimers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/** Longest time an event waits for the next tick before it is sent on its own, in ms. */
export const MAX_EVENT_DELAY_MS = 50;

/** A relay from the engine to one window. */
export interface MessageRelay {
  /** Takes one engine message. */
  push(message: LabMessage): void;
  /** Sends pending events now. */
  flush(): void;
  /** Drops pending events and stops the timer; later messages are ignored. */
  close(): void;
}

/** Creates a relay that sends through `send`. */
export function createMessageRelay(
  send: Send,
  { maxEventDelayMs = MAX_EVENT_DELAY_MS, timers = { setTimeout, clearTimeout } as RelayTimers } = {},
): MessageRelay {
  let pending: LabEvent[] = [];
  let timer: unknown = null;
  let closed = false;

  function flush(): void {
    if (timer !== null) {
      timers.clearTimeout(timer);
      timer = null;
    }
    if (closed || pending.length === 0) return;
    const batch = pending;
    pending = [];
    send(IPC_CHANNELS.event, batch);
  }

  return {
    push(message) {
      if (closed) return;
      switch (message.type) {
        case 'tick':
          flush();
          send(IPC_CHANNELS.tick, message);
          return;
        case 'event':
          pending.push(message);
          if (timer === null) timer = timers.setTimeout(flush, maxEventDelayMs);
          return;
        case 'summary':
          flush();
          send(IPC_CHANNELS.summary, message);
          return;
      }
    },
    flush,
    close() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      pending = [];
      closed = true;
    },
  };
}
