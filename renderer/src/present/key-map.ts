/**
 * Presenter keys, as reveal.js and Slidev habits have them: Right / Space / PageDown (what a clicker sends) for
 * the next scene, Left / PageUp for the previous one, and one letter per stage action. Pure, so the map is
 * unit-tested and the help overlay lists exactly what the handler answers.
 */
import { STRATEGIES, type StrategyName } from '../../../shared/constants';

export type PresenterAction =
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'run' }
  | { kind: 'strategy'; strategy: StrategyName }
  | { kind: 'pause' }
  | { kind: 'blank' }
  | { kind: 'fullscreen' }
  | { kind: 'timer' }
  | { kind: 'fallback' }
  | { kind: 'speaker' }
  | { kind: 'help' }
  | { kind: 'leave' };

/** What a keydown carries that the map reads (a KeyboardEvent has all of it). */
export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

const LETTERS: Readonly<Record<string, PresenterAction>> = {
  r: { kind: 'run' },
  p: { kind: 'pause' },
  b: { kind: 'blank' },
  // Clickers' "blank screen" button sends a period (PowerPoint's habit).
  '.': { kind: 'blank' },
  f: { kind: 'fullscreen' },
  t: { kind: 'timer' },
  v: { kind: 'fallback' },
  s: { kind: 'speaker' },
  '?': { kind: 'help' },
};

const NAMED: Readonly<Record<string, PresenterAction>> = {
  ArrowRight: { kind: 'next' },
  ' ': { kind: 'next' },
  PageDown: { kind: 'next' },
  ArrowLeft: { kind: 'previous' },
  PageUp: { kind: 'previous' },
  Escape: { kind: 'leave' },
  // A clicker's "start slideshow" button sends F5, which would reload the page: here it means full screen.
  F5: { kind: 'fullscreen' },
};

/** The action of a key, or null for a key the presenter leaves alone (browser shortcuts with Ctrl / Cmd / Alt). */
export function presenterAction(press: KeyPress): PresenterAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const named = NAMED[press.key];
  if (named) return named;
  if (/^[1-9]$/.test(press.key)) {
    const strategy = STRATEGIES[Number(press.key) - 1];
    return strategy ? { kind: 'strategy', strategy } : null;
  }
  return LETTERS[press.key.toLowerCase()] ?? null;
}

/** The keys as the help overlay lists them, in the order a speaker needs them. */
export const KEY_HELP: ReadonlyArray<readonly [keys: string, what: string]> = [
  ['→  Space  PageDown', 'next scene (a clicker works)'],
  ['←  PageUp', 'previous scene'],
  ['R', 'run the scene, or restart it'],
  [`1 to ${STRATEGIES.length}`, `switch strategy live (${STRATEGIES.join(', ')})`],
  ['P', 'pause or resume the charts'],
  ['V', 'fall back to the rehearsal recording, and back to live'],
  ['B  .', 'blank the screen'],
  ['F  F5', 'full screen'],
  ['T', 'show the timer'],
  ['S', 'open the speaker view'],
  ['?', 'show these keys'],
  ['Esc', 'close this help; otherwise leave presenter mode'],
];
