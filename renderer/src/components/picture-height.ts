/**
 * The height of the delay chart at the top of the main view: 270 px in a window of 720 lines, taller in a taller
 * one (on a 1080-line screen the picture took under a third of the height, the numbers and lesser charts the
 * rest). The timeline beside it stretches to the same row (timeline.css), so both grow together.
 */
import { useViewportSize } from '../present/use-viewport';

/** The chart's own height, and the most it grows to: past it the numbers under the picture leave the first screen. */
const LEAST_PX = 270;
const MOST_PX = 460;
/** The share of the window's height it takes between those. */
const SHARE = 0.38;

export function pictureChartHeight(windowHeight: number): number {
  return Math.round(Math.min(MOST_PX, Math.max(LEAST_PX, windowHeight * SHARE)));
}

/** pictureChartHeight for this window, followed as the window is resized. */
export function usePictureChartHeight(): number {
  return pictureChartHeight(useViewportSize().height);
}
