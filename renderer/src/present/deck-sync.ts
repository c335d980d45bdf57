/**
 * The stage and the speaker view talk over one BroadcastChannel (same origin: two tabs in browser mode, two
 * windows on app://lab in the desktop app). The stage publishes its deck whenever it changes and when a
 * speaker view says hello; the speaker view sends the actions of its own keys back, so a clicker works with
 * either window in front. Messages are checked on arrival: the channel is same-origin, but a stale tab of an
 * older build may still be listening.
 */
import type { Deck } from './deck';
import type { PresenterAction } from './key-map';

export const DECK_CHANNEL = 'nclab-present';

/** What the speaker view shows besides the deck: the run's state on the stage. */
export interface StageStatus {
  running: boolean;
  /** The strategy of the live run. */
  strategy: string;
  /** The experiment's verdict outcome on stage, if any (`holds`, `measuring…`, ...). */
  verdict: string | null;
}

export type DeckMessage =
  | { type: 'deck'; talk: string; deck: Deck; status: StageStatus }
  | { type: 'hello'; talk: string }
  | { type: 'action'; talk: string; action: PresenterAction };

function isDeckMessage(data: unknown): data is DeckMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { type, talk } = data as { type?: unknown; talk?: unknown };
  return typeof talk === 'string' && (type === 'deck' || type === 'hello' || type === 'action');
}

/** A channel for one talk: messages of another talk (another stage tab) are ignored. */
export interface DeckLink {
  send(message: DeckMessage): void;
  close(): void;
}

export function openDeckLink(talk: string, onMessage: (message: DeckMessage) => void): DeckLink {
  const channel = new BroadcastChannel(DECK_CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (isDeckMessage(event.data) && event.data.talk === talk) onMessage(event.data);
  };
  return {
    send: (message) => channel.postMessage(message),
    close: () => channel.close(),
  };
}
