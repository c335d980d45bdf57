/**
 * The size of every text in the stage's charts (axis ticks, legends, segment labels, lane names), px: at least
 * 20 px on a 768-line projector and 24 px at 1080 lines, read from the back of a room; present.css says the same
 * in CSS (`max(20px, 2.25vh)`) for the SVG charts, and the timeline's canvas takes it from here.
 */
export const STAGE_TEXT = { minPx: 20, perViewportHeight: 0.0225 } as const;

export function stageTextPx(viewportHeight: number): number {
  return Math.max(STAGE_TEXT.minPx, Math.round(viewportHeight * STAGE_TEXT.perViewportHeight));
}
