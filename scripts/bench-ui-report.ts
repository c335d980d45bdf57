/**
 * The figures of `npm run bench:ui` and their table: pure functions of what the page measured, so the summary
 * (percentiles, the frame budget) is tested apart from the browser.
 */

import { percentile } from '../shared/percentiles';
import type { UiPerfSnapshot } from '../shared/ui-perf';

/** What the page's probe hands back for one cell. */
export type PageSample = UiPerfSnapshot;

export interface CellResult {
  /** Which build of the page ('' in a plain run; 'A' / 'B' in an --ab run). */
  page: string;
  load: string;
  units: number;
  /** Live rows in the table when the cell ended. */
  rows: number;
  ticks: number;
  tickToPaintP50: number | null;
  tickToPaintP95: number | null;
  frameP50: number | null;
  frameP95: number | null;
  /** Frames over 50 ms (long-animation-frame), and the longest; null where Chromium does not report them. */
  longFrames: number | null;
  longestFrame: number | null;
  /**
   * CPU time of every Chromium process per second of measuring, ms (1000 = one core): what the page costs, however
   * busy the machine. Per second, not per tick: a starved engine sends fewer ticks, the page still draws its frames.
   */
  cpuMsPerS: number | null;
}

/** One frame at 60 Hz, ms: the budget frame time p95 is held to. */
export const FRAME_BUDGET_MS = 1000 / 60;

export function summarise(page: string, load: string, units: number, rows: number, sample: PageSample, cpuMsPerS: number | null): CellResult {
  return {
    page,
    load,
    units,
    rows,
    ticks: sample.ticks,
    tickToPaintP50: percentile(sample.tickToPaint, 50),
    tickToPaintP95: percentile(sample.tickToPaint, 95),
    frameP50: percentile(sample.frames, 50),
    frameP95: percentile(sample.frames, 95),
    longFrames: sample.loafSupported ? sample.longFrames.length : null,
    longestFrame: sample.loafSupported ? (sample.longFrames.length === 0 ? 0 : Math.max(...sample.longFrames.map((f) => f.duration))) : null,
    cpuMsPerS,
  };
}

const ms = (value: number | null) => (value === null ? '–' : value.toFixed(1));

/** The human table: one line per cell, every figure with its unit in the header. */
export function formatTable(cells: readonly CellResult[]): string {
  const ab = cells.some((c) => c.page !== '');
  const header = ['load', 'units', 'rows', 'ticks', 'tick-to-paint p50 ms', 'p95 ms', 'frame p50 ms', 'frame p95 ms', 'frames > 50 ms', 'longest ms', 'CPU ms/s'];
  const rows = cells.map((c) => [
    ab ? `${c.load} ${c.page}` : c.load,
    String(c.units),
    String(c.rows),
    String(c.ticks),
    ms(c.tickToPaintP50),
    ms(c.tickToPaintP95),
    ms(c.frameP50),
    `${ms(c.frameP95)}${c.frameP95 !== null && c.frameP95 > FRAME_BUDGET_MS ? ' !' : ''}`,
    c.longFrames === null ? 'n/a' : String(c.longFrames),
    ms(c.longestFrame),
    ms(c.cpuMsPerS),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cols: string[]) => cols.map((col, i) => (i < 2 ? col.padEnd(widths[i]) : col.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
