/**
 * Where the timeline's parts lie in its drawing, CSS pixels: the lanes' gutter (their names), the strip above the
 * lanes where strategy switches are named, the time axis below, and the lanes between them. Pure, and shared by
 * the painter (timeline-paint.ts), the pointer (Timeline.tsx) and the tests, so all three agree on every box.
 */
import type { TimelineLayout } from './timeline-layout';

export interface TimelineGeometry {
  /** Left of the lanes: their names, right-aligned. */
  gutter: number;
  right: number;
  /** The strip above the lanes where switches are named: never over a lane or its name. */
  top: number;
  /** The time axis under the lanes. */
  axis: number;
  /** Lanes shrink to this, then the busiest are kept and the rest summed. */
  minLane: number;
  /** Lanes grow to this, then the drawing shrinks to fit them (fittedHeight). */
  maxLane: number;
  /** Text sizes before any stage scale (the painter scales them). */
  switchText: number;
  axisText: number;
}

/** The lab's geometry: text at its own size. */
export const TIMELINE_GEOMETRY: TimelineGeometry = {
  gutter: 70,
  right: 10,
  top: 18,
  axis: 18,
  minLane: 7,
  maxLane: 30,
  switchText: 10,
  axisText: 11,
};

/**
 * The geometry for text drawn `textScale` times larger (the stage): the gutter, the switch strip and the axis grow
 * with the text they hold, so a larger name never runs into a lane; lanes keep their sizes.
 */
export function timelineGeometry(textScale = 1): TimelineGeometry {
  if (textScale <= 1) return TIMELINE_GEOMETRY;
  const grow = (value: number) => Math.round(value * textScale);
  return { ...TIMELINE_GEOMETRY, gutter: grow(TIMELINE_GEOMETRY.gutter), top: grow(TIMELINE_GEOMETRY.top), axis: grow(TIMELINE_GEOMETRY.axis) };
}

/** How many lanes fit a drawing `height` px high. */
export function lanesThatFit(height: number, geometry: TimelineGeometry = TIMELINE_GEOMETRY): number {
  const { top, axis, minLane } = geometry;
  return Math.max(2, Math.floor((height - top - axis) / minLane));
}

/** Room kept for the "start a run" line while there are no lanes. */
const EMPTY_LANES = 2;

/**
 * The height of a drawing that shows `lanes` lanes in at most `height` px: lanes at their largest, and no taller
 * than they need, so a run of a few lanes leaves no empty band under them (many lanes shrink to share `height`).
 */
export function fittedHeight(lanes: number, height: number, geometry: TimelineGeometry = TIMELINE_GEOMETRY): number {
  const { top, axis, maxLane } = geometry;
  return Math.min(height, top + axis + (lanes > 0 ? lanes : EMPTY_LANES) * maxLane);
}

export interface LaneBox {
  top: number;
  height: number;
}

/** Where each lane lies: lanes share the plot's height up to their largest size. */
export function laneBoxes(layout: TimelineLayout, height: number, geometry: TimelineGeometry = TIMELINE_GEOMETRY): LaneBox[] {
  const { top, axis, minLane, maxLane } = geometry;
  const plot = height - top - axis;
  // A drawing kept taller than its lanes need (the stage's, which must leave no empty band) lets a few lanes grow
  // past the lab's 30 px to share its plot, up to half of it each (one lane alone would be a wall, not a lane).
  const largest = Math.max(maxLane, plot / 2);
  const size = Math.max(minLane, Math.min(largest, layout.lanes.length > 0 ? plot / layout.lanes.length : largest));
  return layout.lanes.map((_, i) => ({ top: top + i * size, height: size }));
}

/** Grid steps of the time axis, ms: whole seconds a reader counts in. */
const GRID_STEPS_MS = [1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];

/**
 * The time axis's step for a window `spanMs` long: the smallest that draws at most 7 lines, so a 12 s scene is
 * marked every 2 s and the 60 s window every 10 s, as the charts beside it are; fewer where the drawing is too
 * narrow for 7 labels (`plotWidth` px, labels `axisText` px high) to stand apart: on a 1024-wide stage the
 * timeline's half of the screen read "10 s12 s".
 */
export function timeGridStep(spanMs: number, plotWidth = Infinity, axisText = 0): number {
  // A label is at most "600 s": room for it and as much again between two.
  const fits = Math.max(2, Math.floor(plotWidth / (2 * textWidth('600 s', axisText))));
  const most = Math.min(7, fits);
  return GRID_STEPS_MS.find((step) => spanMs / step <= most) ?? GRID_STEPS_MS[GRID_STEPS_MS.length - 1]!;
}

/** A switch's name in the strip: where its text starts or ends, and which. */
export interface PlacedLabel {
  /** Index into the marks given. */
  index: number;
  x: number;
  align: 'left' | 'right';
}

/**
 * Width of a line of bold text, px, without a canvas to measure it: generous (0.62 em a character), so labels
 * placed apart by it never touch.
 */
export const textWidth = (text: string, size: number): number => text.length * size * 0.62;

/** What an empty timeline says, longest first. */
const EMPTY_HINTS = ['Start a run: every thread and process gets a lane here.', 'Start a run: a lane per thread', 'No run yet'];

/**
 * The longest hint that fits a plot `plotWidth` px wide at `size` px: a narrow card (a side panel open at 1280 px)
 * cut the whole sentence at "a lane he".
 */
export function emptyHint(plotWidth: number, size: number): string {
  return EMPTY_HINTS.find((text) => textWidth(text, size) <= plotWidth - 8) ?? EMPTY_HINTS[EMPTY_HINTS.length - 1]!;
}

/** Space kept between two names in the strip, px. */
const LABEL_GAP = 8;

/**
 * Where the switches' names go in the strip above the lanes: after their line, or before it when that would run
 * past the drawing's right edge; the newest first, and an older one left out where it would touch a newer one's
 * (its line still drawn; the tooltip and the charts' labels name it). `marks` in time order, x in px.
 */
export function placeSwitchLabels(marks: ReadonlyArray<{ x: number; text: string }>, width: number, size: number, geometry: TimelineGeometry = TIMELINE_GEOMETRY): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  let limit = width - geometry.right;
  for (let index = marks.length - 1; index >= 0; index--) {
    const { x, text } = marks[index]!;
    const w = textWidth(text, size);
    const after = { left: x + 3, right: x + 3 + w, x: x + 3, align: 'left' as const };
    const before = { left: x - 3 - w, right: x - 3, x: x - 3, align: 'right' as const };
    const spot = [after, before].find((s) => s.right <= limit && s.left >= 0);
    if (!spot) continue;
    placed.push({ index, x: spot.x, align: spot.align });
    limit = spot.left - LABEL_GAP;
  }
  return placed.reverse();
}
