/**
 * The figures and the verdict of `npm run soak:ui` (scripts/soak-ui.ts), kept pure so the judging is tested
 * without a browser: one sample per minute of the page (its JS heap after a forced GC, its DOM nodes, its frame
 * times), a table of them, and whether the page held steady.
 *
 * What "steady" means here, and why:
 * - Heap and DOM nodes at the end within +10 % of their level after 5 minutes (the first minutes fill JIT
 *   caches, chart series and rings up to their bounds: that is growth, not a leak). Only growth fails: a page
 *   that uses less at the end is not leaking.
 * - "Their level" is read under the same strategy as the end: the page shows 64 unit rows, timeline tracks and
 *   chart series under a pool and none under main-thread, so a node count at main-thread compared with one at
 *   worker-pool says nothing about a leak. The soak switches every minute through the strategies, so the
 *   baseline is the first minute from the 5th on that ran the end's strategy; a run needs 5 minutes plus one
 *   cycle of strategies to have one. Shorter runs are inconclusive (too short), never a pass.
 * - And under the same page: on a loaded machine 64 processes may not all be up a minute after the switch (43
 *   of 64 cluster-pool rows in one run), and each row is some 50 DOM nodes of table and timeline. The baseline is
 *   the first such minute whose live rows are within 10 % of the end's; when none is, the first of the end's
 *   strategy, and the DOM nodes are not judged (the pages differ) while the heap still is.
 * - Frame time p95 "unchanged" on a shared, noisy 2-core machine: the end's p95 at most 25 % above the
 *   baseline's, or at most one 60 Hz frame (16.7 ms) above it, whichever is looser. A single minute's p95 on a
 *   machine others load moves by a frame on its own; more than that, and by more than a quarter, is the page.
 *   Frame times land on whole frames (a p95 reads 33.3, 50.0, 66.7 ms), each give or take a little vsync
 *   jitter, so "one frame more" is one frame plus {@link FRAME_JITTER_MS}: 50.0 -> 66.7 is one frame more,
 *   whatever the decimals, and 50.0 -> 83.3 is two.
 */
import { FRAME_BUDGET_MS } from './bench-ui-report';

/** The page's figures at the end of one minute of the soak. */
export interface MinuteSample {
  /** 1-based: the sample taken at the end of minute `minute`. */
  minute: number;
  /** The strategy that ran during the minute. */
  strategy: string;
  /** Live unit rows in the page's table at the end of the minute. */
  rows: number;
  /** Ticks the page received during the minute. */
  ticks: number;
  /** The page's JS heap used after a forced GC, bytes; null when the DevTools protocol did not answer. */
  heapBytes: number | null;
  /** DOM nodes alive in the page after the GC (Chromium's `Nodes` counter); null when not read. */
  domNodes: number | null;
  /** Event listeners alive in the page after the GC; null when not read. */
  listeners: number | null;
  /** Frame time p50 / p95 over the minute, ms (requestAnimationFrame deltas); null with no frames. */
  frameP50: number | null;
  frameP95: number | null;
  /** Frames over 50 ms in the minute; null where Chromium does not report long animation frames. */
  longFrames: number | null;
  /** CPU of every Chromium process per second of the minute, ms (1000 = one core); null where unread. */
  cpuMsPerS: number | null;
  /** The machine's 1-minute load average at the sample: how busy the shared machine was. */
  loadAvg: number;
}

/** Growth of heap and DOM nodes above this fraction of their baseline fails the soak. */
export const GROWTH_LIMIT = 0.1;
/** The baseline is taken from this minute on: the first minutes fill caches and rings up to their bounds. */
export const BASELINE_MINUTE = 5;
/** Frame p95 may rise by this fraction of the baseline's... */
export const FRAME_RISE_LIMIT = 0.25;
/** How far a frame time may stray from a whole number of 60 Hz frames (vsync jitter, the timer's rounding). */
export const FRAME_JITTER_MS = 1;
/** ...or by this many ms (one 60 Hz frame, give or take its jitter), whichever is more. */
export const FRAME_RISE_SLACK_MS = FRAME_BUDGET_MS + FRAME_JITTER_MS;

export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** One judged figure. */
export interface Check {
  name: 'heap' | 'dom nodes' | 'frame p95';
  verdict: Verdict;
  baseline: number | null;
  end: number | null;
  /** (end - baseline) / baseline; null when either is missing. */
  growth: number | null;
  line: string;
}

export interface SoakUiVerdict {
  verdict: Verdict;
  /** The samples compared (null when the run is too short to have a baseline). */
  baselineMinute: number | null;
  endMinute: number | null;
  checks: Check[];
  /** Human-readable lines, in order. */
  lines: string[];
}

const MIB = 1_048_576;
const percent = (fraction: number) => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)} %`;

/** Live rows this close (a fraction of the end's) count as the same page. */
export const ROWS_MATCH = 0.1;

/** The baseline's rows show the same page as the end's: as many units, within {@link ROWS_MATCH}. */
export function samePage(baseline: MinuteSample, end: MinuteSample): boolean {
  return Math.abs(baseline.rows - end.rows) <= ROWS_MATCH * end.rows;
}

/**
 * The baseline for `end`: the first sample from minute {@link BASELINE_MINUTE} on, before the end, that ran the
 * end's strategy with as many live rows (see {@link samePage}), else the first that ran the end's strategy; null
 * when there is none (the run is too short).
 */
export function baselineFor(samples: readonly MinuteSample[], end: MinuteSample): MinuteSample | null {
  const candidates = samples.filter((s) => s.minute >= BASELINE_MINUTE && s.minute < end.minute && s.strategy === end.strategy);
  return candidates.find((s) => samePage(s, end)) ?? candidates[0] ?? null;
}

function growthCheck(name: 'heap' | 'dom nodes', baseline: number | null, end: number | null, show: (value: number) => string): Check {
  if (baseline === null || end === null || baseline <= 0) {
    return { name, verdict: 'inconclusive', baseline, end, growth: null, line: `${name}: not measured at ${baseline === null || baseline <= 0 ? 'the baseline' : 'the end'}, not judged` };
  }
  const growth = (end - baseline) / baseline;
  const verdict: Verdict = growth > GROWTH_LIMIT ? 'fail' : 'pass';
  return {
    name,
    verdict,
    baseline,
    end,
    growth,
    line: `${name}: ${show(baseline)} -> ${show(end)} (${percent(growth)}, limit +${GROWTH_LIMIT * 100} %)${verdict === 'fail' ? '  FAIL' : ''}`,
  };
}

function frameCheck(baseline: number | null, end: number | null): Check {
  if (baseline === null || end === null) {
    return { name: 'frame p95', verdict: 'inconclusive', baseline, end, growth: null, line: 'frame p95: no frames measured, not judged' };
  }
  const allowed = Math.max(baseline * (1 + FRAME_RISE_LIMIT), baseline + FRAME_RISE_SLACK_MS);
  const verdict: Verdict = end > allowed ? 'fail' : 'pass';
  const growth = baseline > 0 ? (end - baseline) / baseline : null;
  return {
    name: 'frame p95',
    verdict,
    baseline,
    end,
    growth,
    line:
      `frame p95: ${baseline.toFixed(1)} -> ${end.toFixed(1)} ms (at most ${allowed.toFixed(1)} ms: +${FRAME_RISE_LIMIT * 100} % ` +
      `or one 60 Hz frame, ${FRAME_BUDGET_MS.toFixed(1)} ms + ${FRAME_JITTER_MS} ms of jitter, whichever is more)${verdict === 'fail' ? '  FAIL' : ''}`,
  };
}

/** Judges the run: heap and DOM nodes at the end against the baseline, and the frame time. */
export function judgeSoakUi(samples: readonly MinuteSample[], cycleLength: number): SoakUiVerdict {
  const end = samples.at(-1);
  const shortest = BASELINE_MINUTE + cycleLength;
  if (!end) {
    return { verdict: 'inconclusive', baselineMinute: null, endMinute: null, checks: [], lines: ['inconclusive: no minute was measured'] };
  }
  const baseline = baselineFor(samples, end);
  if (!baseline) {
    return {
      verdict: 'inconclusive',
      baselineMinute: null,
      endMinute: end.minute,
      checks: [],
      lines: [
        `inconclusive: too short (${end.minute} min): the end is compared with the same strategy from minute ${BASELINE_MINUTE} on, ` +
          `which takes at least ${shortest} minutes with ${cycleLength} strategies switching every minute`,
      ],
    };
  }
  const nodes: Check = samePage(baseline, end)
    ? growthCheck('dom nodes', baseline.domNodes, end.domNodes, (count) => String(count))
    : {
        name: 'dom nodes',
        verdict: 'inconclusive',
        baseline: baseline.domNodes,
        end: end.domNodes,
        growth: null,
        line: `dom nodes: ${baseline.domNodes ?? '–'} -> ${end.domNodes ?? '–'}, not judged: the page showed ${baseline.rows} unit rows, then ${end.rows} (no minute of ${end.strategy} from minute ${BASELINE_MINUTE} on showed as many as the end)`,
      };
  const checks = [growthCheck('heap', baseline.heapBytes, end.heapBytes, (bytes) => `${(bytes / MIB).toFixed(1)} MiB`), nodes, frameCheck(baseline.frameP95, end.frameP95)];
  const verdict: Verdict = checks.some((c) => c.verdict === 'fail') ? 'fail' : checks.some((c) => c.verdict === 'inconclusive') ? 'inconclusive' : 'pass';
  return {
    verdict,
    baselineMinute: baseline.minute,
    endMinute: end.minute,
    checks,
    lines: [
      `minute ${baseline.minute} (the first from minute ${BASELINE_MINUTE} on under ${end.strategy}${samePage(baseline, end) ? `, ${baseline.rows} unit rows as the end's ${end.rows}` : ''}) against minute ${end.minute}:`, ...checks.map((c) => `  ${c.line}`), `verdict: ${verdict}`],
  };
}

const fixed = (value: number | null, digits = 1) => (value === null ? '–' : value.toFixed(digits));

/** The human table: one line per minute, every figure with its unit in the header. */
export function formatMinuteTable(samples: readonly MinuteSample[]): string {
  const header = ['min', 'strategy', 'rows', 'ticks', 'heap MiB', 'DOM nodes', 'listeners', 'frame p50 ms', 'frame p95 ms', 'frames > 50 ms', 'CPU ms/s', 'load'];
  const rows = samples.map((s) => [
    String(s.minute),
    s.strategy,
    String(s.rows),
    String(s.ticks),
    s.heapBytes === null ? '–' : (s.heapBytes / MIB).toFixed(1),
    s.domNodes === null ? '–' : String(s.domNodes),
    s.listeners === null ? '–' : String(s.listeners),
    fixed(s.frameP50),
    fixed(s.frameP95),
    s.longFrames === null ? 'n/a' : String(s.longFrames),
    fixed(s.cpuMsPerS, 0),
    s.loadAvg.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cols: string[]) => cols.map((col, i) => (i === 1 ? col.padEnd(widths[i]) : col.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
