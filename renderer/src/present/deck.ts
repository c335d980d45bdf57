/**
 * Where the speaker is in the talk and what the stage shows besides the scene (blank, help, timer, the
 * recorded fallback). A pure reducer: the stage owns the one deck, the speaker view only mirrors it (over
 * BroadcastChannel, deck-sync.ts), so the two can never disagree about the scene. Times are wall-clock ms
 * (Date.now()) because they cross between windows.
 */
export interface Deck {
  /** 0-based scene shown. */
  scene: number;
  sceneCount: number;
  blank: boolean;
  help: boolean;
  timer: boolean;
  /** The scene shows its rehearsal recording instead of the live run. */
  fallback: boolean;
  /** When the talk began (the first scene change or run), null before. */
  talkStartedAt: number | null;
  /** When the current scene came up. */
  sceneStartedAt: number;
}

export type DeckMove = 'next' | 'previous' | 'blank' | 'help' | 'timer' | 'fallback' | 'close-help' | 'start-clock' | { goto: number };

export function initialDeck(sceneCount: number, now: number, scene = 0): Deck {
  return { scene: clamp(scene, sceneCount), sceneCount, blank: false, help: false, timer: false, fallback: false, talkStartedAt: null, sceneStartedAt: now };
}

function clamp(scene: number, count: number): number {
  return Math.min(Math.max(0, Math.trunc(scene)), Math.max(0, count - 1));
}

/** The deck after one move at `now`. Changing scene leaves the fallback, the blank screen and the help. */
export function moveDeck(deck: Deck, move: DeckMove, now: number): Deck {
  if (typeof move === 'object' || move === 'next' || move === 'previous') {
    const target = typeof move === 'object' ? move.goto : deck.scene + (move === 'next' ? 1 : -1);
    const scene = clamp(target, deck.sceneCount);
    // A blank screen is lifted by the next key, as in slide software, without moving on.
    if (deck.blank) return { ...deck, blank: false };
    if (scene === deck.scene) return deck;
    return { ...deck, scene, fallback: false, help: false, sceneStartedAt: now, talkStartedAt: deck.talkStartedAt ?? now };
  }
  switch (move) {
    case 'blank':
      return { ...deck, blank: !deck.blank };
    case 'help':
      return { ...deck, help: !deck.help };
    case 'close-help':
      return { ...deck, help: false };
    case 'timer':
      return { ...deck, timer: !deck.timer };
    case 'fallback':
      return { ...deck, fallback: !deck.fallback };
    case 'start-clock':
      return deck.talkStartedAt === null ? { ...deck, talkStartedAt: now } : deck;
  }
}

/** "4:05" for ms; "0:00" for nothing yet. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  return `${minutes}:${String(total % 60).padStart(2, '0')}`;
}
