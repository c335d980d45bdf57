/**
 * Thresholds, as k6 has them, for gating CI on a run: `host.eld.p99<20`, `jobs.failed==0`. A threshold names a
 * figure of the run's report (report.ts), a comparison and a decimal number; one naming an unknown figure is a
 * usage error listing the figures, never a silent pass.
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
  /** The run's figure; null when the recording cannot say, which fails the threshold. */
  actual: number | null;
  passed: boolean;
}

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

/** Checks every threshold against a run's figures. */
export function checkThresholds(thresholds: readonly Threshold[], figures: Figures): ThresholdResult[] {
  return thresholds.map((threshold) => {
    const actual = figures[threshold.figure];
    return { ...threshold, actual, passed: actual !== null && compare(actual, threshold.operator, threshold.value) };
  });
}
