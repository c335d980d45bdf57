import { describe, expect, it } from 'vitest';
import { previewScale, REPLAY_DRIFT_MS, replayCorrection } from './preview-follow';

describe("the speaker view's preview of the stage", () => {
  it('fits the stage, laid out at its own screen size, in its box, keeping its shape', () => {
    expect(previewScale({ width: 960, height: 540 }, { width: 1920, height: 1080 })).toBe(0.5);
    // A box taller than the stage's shape: the width decides; a wider one: the height does.
    expect(previewScale({ width: 480, height: 900 }, { width: 1920, height: 1080 })).toBe(0.25);
    expect(previewScale({ width: 1000, height: 384 }, { width: 1024, height: 768 })).toBe(0.5);
    // Never larger than the stage, and nothing before the box is measured.
    expect(previewScale({ width: 4000, height: 3000 }, { width: 1280, height: 720 })).toBe(1);
    expect(previewScale({ width: 0, height: 0 }, { width: 1920, height: 1080 })).toBe(0);
  });

  it("leaves its own replay alone while it is within a few ticks of the stage's", () => {
    expect(replayCorrection({ positionMs: 5_000, playing: true }, { positionMs: 5_000 + REPLAY_DRIFT_MS, playing: true })).toEqual({ seekTo: null, play: null });
  });

  it("moves its replay to the stage's place when they drift apart or the stage jumps (R replays from the start)", () => {
    expect(replayCorrection({ positionMs: 9_000, playing: true }, { positionMs: 0, playing: true })).toEqual({ seekTo: 0, play: null });
    expect(replayCorrection({ positionMs: 1_000, playing: true }, { positionMs: 7_300, playing: true })).toEqual({ seekTo: 7_300, play: null });
  });

  it('pauses and plays with the stage (P on the fallback), at its place', () => {
    expect(replayCorrection({ positionMs: 4_000, playing: true }, { positionMs: 3_000, playing: false })).toEqual({ seekTo: 3_000, play: 'pause' });
    expect(replayCorrection({ positionMs: 3_000, playing: false }, { positionMs: 3_000, playing: true })).toEqual({ seekTo: null, play: 'play' });
  });
});
