/**
 * Thresholds, as k6 has them, for gating CI on a run: `host.eld.p99<20`, `jobs.failed==0`. A threshold names a
 * figure of the run's report (report.ts), a comparison and a decimal number; one naming an unknown figure is a
 * usage error listing the figures, never a silent pass.
 *
 * A figure the run did not measure (no job completed, so no latency; the host's loop never sampled) has no value
 * to hold or break a bound: its threshold is skipped, not failed, and the output says so ("latency.p99: not
 * measured in this run, skipped"). A CI user who needs it measured says so with a threshold on a count, e.g.
 * `jobs.completed>0`. A recording cut short before its summary is different: the figure may have been measured
 * but the recording cannot say, and that fails, as a missing answer should in CI.
 */
import { FIGURES, type FigureName, type Figures } from './report';

const OPERATORS = ['<=', '>=', '==', '!=', '<', '>'] as const;
type Operator = (typeof OPERATORS)[number];

/** A parsed threshold. */
export interface Threshold {
  text: string;
  figure: FigureName;
  operator: Operator;
  value: number;
}

/** A threshold checked against a run. */
export interface ThresholdResult extends Threshold {
  /** The run's figure; null when it was not measured or the recording cannot say (see {@link note}). */
  actual: number | null;
  /** False only when it failed: a skipped threshold does not fail the run. */
  passed: boolean;
  /** True when the figure was not measured in the run, so the threshold was not checked. */
  skipped: boolean;
  /** For a null figure, why, in words: e.g. `not measured in this run, skipped`. */
  note?: string;
}

/** What a skipped threshold says. */
export const NOT_MEASURED_NOTE = 'not measured in this run, skipped';
/** What a threshold on a figure a cut-short recording lacks says. */
export const CUT_SHORT_NOTE = 'not in this recording (the run was cut short before its summary), failed';

const PATTERN = /^\s*([a-z][a-z0-9.]*)\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*$/i;

/** Parses one threshold, or says what is wrong with it. */
export function parseThreshold(text: string): { ok: true; threshold: Threshold } | { ok: false; error: string } {
  const match = PATTERN.exec(text);
  if (!match) {
    return { ok: false, error: `--threshold: "${text}" is not <figure><op><number> with op one of ${OPERATORS.join(' ')}, e.g. "host.eld.p99<20" or "jobs.failed==0"` };
  }
  const [, figure, operator, value] = match;
  if (!(figure in FIGURES)) {
    return { ok: false, error: `--threshold: "${figure}" is not a figure of a run; known: ${Object.keys(FIGURES).join(', ')}` };
  }
  return { ok: true, threshold: { text: text.trim(), figure: figure as FigureName, operator: operator as Operator, value: Number(value) } };
}

function compare(actual: number, operator: Operator, value: number): boolean {
  switch (operator) {
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '==':
      return actual === value;
    case '!=':
      return actual !== value;
  }
}

/**
 * Checks every threshold against a run's figures. `cutShort`: the recording has no summary, so a null figure is
 * one it cannot say (fails) rather than one the run did not measure (skipped).
 */
export function checkThresholds(thresholds: readonly Threshold[], figures: Figures, cutShort = false): ThresholdResult[] {
  return thresholds.map((threshold) => {
    const actual = figures[threshold.figure];
    if (actual !== null) return { ...threshold, actual, passed: compare(actual, threshold.operator, threshold.value), skipped: false };
    return cutShort
      ? { ...threshold, actual, passed: false, skipped: false, note: CUT_SHORT_NOTE }
      : { ...threshold, actual, passed: true, skipped: true, note: NOT_MEASURED_NOTE };
  });
}
