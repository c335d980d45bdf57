/**
 * How the speaker view's preview keeps up with the stage, in numbers: the size it draws the stage at, and when its
 * own replay of the rehearsal recording must be moved to the stage's place. The preview replays its own copy of
 * the file (a replay is local: nothing reaches the engine) rather than receive the stage's frames, so the two
 * players run side by side and only their drift needs correcting.
 */

/** How far the preview's replay may be from the stage's before it is moved there, ms: under a tick's worth is invisible. */
export const REPLAY_DRIFT_MS = 400;

export interface ReplayPlace {
  positionMs: number;
  playing: boolean;
}

/** What to do to the preview's replay so it shows what the stage's does: move it (or not) and play or pause it (or not). */
export interface ReplayCorrection {
  seekTo: number | null;
  play: 'play' | 'pause' | null;
}

export function replayCorrection(own: ReplayPlace, stage: ReplayPlace): ReplayCorrection {
  return {
    seekTo: Math.abs(own.positionMs - stage.positionMs) > REPLAY_DRIFT_MS ? stage.positionMs : null,
    play: own.playing === stage.playing ? null : stage.playing ? 'play' : 'pause',
  };
}

/**
 * The scale that fits the stage (laid out at its own screen's size) in the preview's box, keeping its shape; never
 * larger than the stage itself, and 0 before the box is measured.
 */
export function previewScale(box: { width: number; height: number }, stage: { width: number; height: number }): number {
  if (box.width <= 0 || box.height <= 0 || stage.width <= 0 || stage.height <= 0) return 0;
  return Math.min(1, box.width / stage.width, box.height / stage.height);
}
