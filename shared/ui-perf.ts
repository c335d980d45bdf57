/**
 * What the page's own speedometer (renderer/src/perf/ui-perf.ts, installed with `?perf=1`) hands to
 * `npm run bench:ui` (scripts/bench-ui.ts) through `window.__uiPerf`: the one shape both sides agree on.
 */
export interface UiPerfSnapshot {
  /** ms from a tick's arrival to the paint after its commit, one value per painted tick. */
  tickToPaint: number[];
  /** ms between consecutive animation frames. */
  frames: number[];
  /** Long animation frames (over 50 ms): duration, and the part spent in script, ms. */
  longFrames: Array<{ duration: number; script: number }>;
  /** Ticks that arrived while measuring, and commits that published ticks. */
  ticks: number;
  commits: number;
  /** Whether this Chromium reports long-animation-frame entries. */
  loafSupported: boolean;
}
