import { describe, expect, it } from 'vitest';
import { clock, initialDeck, moveDeck } from './deck';
import { KEY_HELP, presenterAction } from './key-map';

describe('presenter keys', () => {
  it('moves on with Right, Space and a clicker’s PageDown, back with Left and PageUp', () => {
    for (const key of ['ArrowRight', ' ', 'PageDown']) expect(presenterAction({ key })).toEqual({ kind: 'next' });
    for (const key of ['ArrowLeft', 'PageUp']) expect(presenterAction({ key })).toEqual({ kind: 'previous' });
  });

  it('has one letter per stage action, in either case', () => {
    const letters: Record<string, string> = { r: 'run', p: 'pause', b: 'blank', f: 'fullscreen', t: 'timer', v: 'fallback', s: 'speaker', '?': 'help', '.': 'blank' };
    for (const [key, kind] of Object.entries(letters)) {
      expect(presenterAction({ key })?.kind).toBe(kind);
      expect(presenterAction({ key: key.toUpperCase() })?.kind).toBe(kind);
    }
    expect(presenterAction({ key: 'Escape' })).toEqual({ kind: 'leave' });
    // A clicker's slideshow button: full screen, never a reload that would lose the scene.
    expect(presenterAction({ key: 'F5' })).toEqual({ kind: 'fullscreen' });
  });

  it('switches strategy with 1 to 6, and ignores digits past the last strategy', () => {
    expect(presenterAction({ key: '1' })).toEqual({ kind: 'strategy', strategy: 'main-thread' });
    expect(presenterAction({ key: '3' })).toEqual({ kind: 'strategy', strategy: 'worker-pool' });
    expect(presenterAction({ key: '6' })).toEqual({ kind: 'strategy', strategy: 'cluster-pool' });
    expect(presenterAction({ key: '7' })).toBeNull();
  });

  it('leaves browser shortcuts and other keys alone', () => {
    expect(presenterAction({ key: 'r', ctrlKey: true })).toBeNull();
    expect(presenterAction({ key: 'f', metaKey: true })).toBeNull();
    expect(presenterAction({ key: 'ArrowRight', altKey: true })).toBeNull();
    expect(presenterAction({ key: 'x' })).toBeNull();
    expect(presenterAction({ key: 'Enter' })).toBeNull();
  });

  it('lists every action in the help', () => {
    const text = KEY_HELP.map(([keys, what]) => `${keys} ${what}`).join('\n');
    for (const word of ['next', 'previous', 'run', 'strategy', 'pause', 'recording', 'blank', 'full screen', 'timer', 'speaker', 'Esc']) expect(text).toContain(word);
  });
});

describe('the deck', () => {
  it('steps within the talk, starts the clock on the first move and resets the scene timer', () => {
    let deck = initialDeck(3, 1000);
    deck = moveDeck(deck, 'previous', 2000);
    expect(deck.scene).toBe(0);
    expect(deck.talkStartedAt).toBeNull();
    deck = moveDeck(deck, 'next', 3000);
    expect(deck).toMatchObject({ scene: 1, talkStartedAt: 3000, sceneStartedAt: 3000 });
    deck = moveDeck(moveDeck(deck, 'next', 4000), 'next', 5000);
    expect(deck).toMatchObject({ scene: 2, talkStartedAt: 3000, sceneStartedAt: 4000 });
  });

  it('leaves the recorded fallback and the help when the scene changes', () => {
    let deck = moveDeck(moveDeck(initialDeck(3, 0), 'fallback', 1), 'help', 2);
    expect(deck).toMatchObject({ fallback: true, help: true });
    deck = moveDeck(deck, 'next', 3);
    expect(deck).toMatchObject({ scene: 1, fallback: false, help: false });
  });

  it('lifts a blank screen on the next key without moving on', () => {
    let deck = moveDeck(initialDeck(3, 0), 'blank', 1);
    deck = moveDeck(deck, 'next', 2);
    expect(deck).toMatchObject({ scene: 0, blank: false });
  });

  it('formats the clock in minutes and seconds', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(65_400)).toBe('1:05');
    expect(clock(20 * 60_000)).toBe('20:00');
  });
});
