/**
 * The stage and the speaker view talk over one BroadcastChannel (same origin: two tabs in browser mode, two
 * windows on app://lab in the desktop app). The stage publishes its deck whenever it changes and when a
 * speaker view says hello; the speaker view sends the actions of its own keys back, so a clicker works with
 * either window in front. Messages are checked on arrival: the channel is same-origin, but a stale tab of an
 * older build may still be listening, so a deck's status is read field by field with a default for each.
 */
import type { Deck } from './deck';
import type { PresenterAction } from './key-map';

export const DECK_CHANNEL = 'nclab-present';

/**
 * What the speaker view shows besides the deck: the run's state on the stage, and what its preview needs to show
 * the stage as the room sees it (the run shown or not, paused, the notice, the replay's place, the screen's size).
 */
export interface StageStatus {
  running: boolean;
  /** The strategy of the live run. */
  strategy: string;
  /** The experiment's verdict outcome on stage, if any (`holds`, `measuring…`, ...). */
  verdict: string | null;
  /** R was pressed on this scene: the stage shows the live run's charts, not what to watch. */
  ranHere: boolean;
  /** The stage's view is paused (P): its charts hold still. */
  paused: boolean;
  /** The sentence the stage shows when an action could not be done, or null. */
  notice: string | null;
  /** Where the stage's replay of the rehearsal recording is (fallback only). */
  replay: { positionMs: number; playing: boolean } | null;
  /** The stage's window, CSS px: the preview lays the stage out at this size and scales it down. */
  viewport: { width: number; height: number };
}

/** The size a preview assumes when a stage did not say its own: a 1080p projector. */
export const DEFAULT_VIEWPORT = { width: 1920, height: 1080 } as const;

export type DeckMessage =
  | { type: 'deck'; talk: string; deck: Deck; status: StageStatus }
  | { type: 'hello'; talk: string }
  | { type: 'action'; talk: string; action: PresenterAction };

function isDeckMessage(data: unknown): data is DeckMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { type, talk } = data as { type?: unknown; talk?: unknown };
  if (typeof talk !== 'string') return false;
  if (type === 'deck') {
    const { deck } = data as { deck?: unknown };
    return typeof deck === 'object' && deck !== null && typeof (deck as { scene?: unknown }).scene === 'number';
  }
  return type === 'hello' || type === 'action';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const positive = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** A status as sent, with a safe default for every field an older stage (or a bad sender) left out. */
export function readStatus(raw: unknown): StageStatus {
  const s = isRecord(raw) ? raw : {};
  const replay = isRecord(s.replay) && typeof s.replay.positionMs === 'number' && Number.isFinite(s.replay.positionMs) ? { positionMs: s.replay.positionMs, playing: s.replay.playing === true } : null;
  const viewport = isRecord(s.viewport) && positive(s.viewport.width) && positive(s.viewport.height) ? { width: s.viewport.width, height: s.viewport.height } : { ...DEFAULT_VIEWPORT };
  return {
    running: s.running === true,
    strategy: typeof s.strategy === 'string' ? s.strategy : '',
    verdict: typeof s.verdict === 'string' ? s.verdict : null,
    ranHere: s.ranHere === true,
    paused: s.paused === true,
    notice: typeof s.notice === 'string' ? s.notice : null,
    replay,
    viewport,
  };
}

/** A channel for one talk: messages of another talk (another stage tab) are ignored. */
export interface DeckLink {
  send(message: DeckMessage): void;
  close(): void;
}

export function openDeckLink(talk: string, onMessage: (message: DeckMessage) => void): DeckLink {
  const channel = new BroadcastChannel(DECK_CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (!isDeckMessage(event.data) || event.data.talk !== talk) return;
    onMessage(event.data.type === 'deck' ? { ...event.data, status: readStatus(event.data.status) } : event.data);
  };
  return {
    send: (message) => channel.postMessage(message),
    close: () => channel.close(),
  };
}
