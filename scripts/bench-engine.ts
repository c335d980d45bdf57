/** What the bench's parts share about driving a LabEngine: waiting for its messages and counting its jobs. */
import type { LabEngine } from '../electron/engine/lab-engine';
import type { LabMessage, StrategySwitchedEvent } from '../shared/messages';

/** Completed jobs so far; the engine keeps its ledger private, and sampling off means no ticks to read it from. */
export const completed = (engine: LabEngine) => (engine as unknown as { ledger: { completed: number } }).ledger.completed;

/** Longest the bench waits for units to start: a pool that never gets ready fails the bench, not hangs it. */
const READY_TIMEOUT_MS = 120_000;

/** Resolves with the next message `match` accepts; rejects after READY_TIMEOUT_MS. */
export function nextMessage<T extends LabMessage>(engine: LabEngine, match: (m: LabMessage) => m is T, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${what} within ${READY_TIMEOUT_MS / 1000} s`));
    }, READY_TIMEOUT_MS);
    const off = engine.onMessage((m) => {
      if (!match(m)) return;
      off();
      clearTimeout(timer);
      resolve(m);
    });
  });
}

export const isSwitch = (m: LabMessage): m is StrategySwitchedEvent => m.type === 'event' && m.event === 'strategy-switched';

/** One line of the bench's table: a label column, then the figures. */
export const line = (label: string, text: string) => console.log(`${label.padEnd(36)} ${text}`);

export const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
