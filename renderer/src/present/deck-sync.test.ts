import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEWPORT, readStatus } from './deck-sync';

describe("the stage's status as the speaker view reads it", () => {
  it('takes every field the stage sends', () => {
    const sent = {
      running: true,
      strategy: 'worker-pool',
      verdict: 'holds',
      ranHere: true,
      paused: false,
      notice: 'full screen was refused',
      replay: { positionMs: 4200, playing: true },
      viewport: { width: 1024, height: 768 },
    };
    expect(readStatus(sent)).toEqual(sent);
  });

  it("gives a safe default for what an older stage (or a bad sender) left out: no run shown, a 1080p screen", () => {
    expect(readStatus({ running: true, strategy: 'cluster', verdict: null })).toEqual({
      running: true,
      strategy: 'cluster',
      verdict: null,
      ranHere: false,
      paused: false,
      notice: null,
      replay: null,
      viewport: DEFAULT_VIEWPORT,
    });
    const bad = readStatus({ running: 'yes', ranHere: 1, replay: { positionMs: 'x' }, viewport: { width: -5, height: Infinity } });
    expect(bad.running).toBe(false);
    expect(bad.ranHere).toBe(false);
    expect(bad.replay).toBeNull();
    expect(bad.viewport).toEqual(DEFAULT_VIEWPORT);
    expect(readStatus(null).viewport).toEqual(DEFAULT_VIEWPORT);
  });
});
