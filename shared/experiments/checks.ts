/**
 * One verdict check against a run: decided (held or not) or undecidable, with the numbers it read and a sentence
 * that says which. Two-segment comparisons of medians also ask whether the run was steady enough to tell: when
 * the margin by which a comparison passes or fails is smaller than the spread of the per-tick values themselves,
 * the answer would flip with the next run, so it is inconclusive rather than a false verdict either way.
 */
import { exitsWithin, quantityKey, quantityLabel, readQuantity, type ReadContext, type Reading } from './quantities';
import type { SegmentWindow } from './timeline';
import { DEFAULT_MIN_TICKS, type Check, type Quantity, type RunRecord, type VerdictRule } from './types';

/** What one check found. */
export interface CheckOutcome {
  holds: boolean | null;
  /** One sentence: the numbers and the comparison, or why it could not be decided. */
  text: string;
  /** The same in a line, numbers first (`transfer 60.1 jobs/s vs clone 47.9 jobs/s = 1.25x ≥ 1.2x`), or why undecided. */
  short: string;
  /** Numbers read, by segment id (`run` for run-wide ones) and quantity key. */
  readings: Array<{ segment: string; key: string; value: number | null }>;
}

/** Where checks read from. */
export interface CheckContext {
  run: RunRecord;
  windows: ReadonlyMap<string, SegmentWindow>;
  rule: VerdictRule;
  intervalMs: number;
}

/** A number as a person reads it: up to 3 significant digits, no exponent. */
export function formatNumber(value: number | null): string {
  if (value === null) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const abs = Math.abs(value);
  if (abs >= 100 || Number.isInteger(value)) return value.toFixed(0);
  return abs >= 10 ? value.toFixed(1) : value.toFixed(abs >= 1 ? 2 : 3);
}

/** [atLeast, atMost] in words. */
function boundsText(atLeast: number | undefined, atMost: number | undefined, unit = ''): string {
  if (atLeast !== undefined && atMost !== undefined) return atLeast === atMost ? `= ${atLeast}${unit}` : `between ${atLeast}${unit} and ${atMost}${unit}`;
  return atLeast !== undefined ? `>= ${atLeast}${unit}` : `<= ${atMost}${unit}`;
}

/**
 * What a ratio compares, in a few words for the one deciding line (`host CPU per job: clone 8.70 ms vs ...`): the
 * numbers alone leave a room guessing which milliseconds, on a stage that shows a delay chart beside them.
 */
function quantityName(quantity: Quantity): string {
  if (quantity.kind === 'host-per-job') return quantity.measure === 'cpu' ? 'host CPU per job' : 'host GC pause per job';
  if (quantity.kind === 'busiest-over-least') return 'busiest / least busy worker';
  return quantityLabel(quantity).replace(/ \(.*$|,.*$/, '');
}

/** The unit a quantity's label gives in brackets (`throughput (jobs/s)`: ` jobs/s`), or nothing. */
function unitOf(quantity: Quantity): string {
  const unit = /\(([^)]+)\)/.exec(quantityLabel(quantity))?.[1];
  return unit && (quantity.kind === 'gauge' || quantity.kind === 'host-per-job') ? ` ${unit}` : '';
}

/** How `x` stands to the bounds, the bound it cleared or missed: `≥ 1.2x`, `< 4x`. */
function comparedText(x: number, atLeast: number | undefined, atMost: number | undefined, unit = ''): string {
  if (atLeast !== undefined && x < atLeast) return `< ${atLeast}${unit}`;
  if (atMost !== undefined && x > atMost) return `> ${atMost}${unit}`;
  if (atLeast !== undefined && atMost !== undefined) return `within ${atLeast}${unit}–${atMost}${unit}`;
  return atLeast !== undefined ? `≥ ${atLeast}${unit}` : `≤ ${atMost}${unit}`;
}

const within = (x: number, atLeast: number | undefined, atMost: number | undefined) => (atLeast === undefined || x >= atLeast) && (atMost === undefined || x <= atMost);

/** Why a reading cannot be used, or null when it can. */
function unusable(reading: Reading, window: SegmentWindow | null, quantity: Quantity, context: CheckContext): string | null {
  // Exits are events, counted from the segment's planned start: a switch still completing does not hide them.
  const eventsOnly = quantity.kind === 'exits';
  if (window?.problem && (!eventsOnly || !window.ran)) return `segment "${window.label}" cannot be measured: ${window.problem}`;
  const minTicks = context.rule.minTicks ?? DEFAULT_MIN_TICKS;
  // Per-tick measures, and costs per job summed over ticks: too few ticks make either a guess.
  if ((quantity.kind === 'gauge' || quantity.kind === 'host-per-job') && reading.ticks !== null && reading.ticks < minTicks) {
    return `segment "${window?.label}" has ${reading.ticks} ticks with a ${quantityLabel(quantity)} after its warm-up (needs ${minTicks})`;
  }
  if (reading.value === null) {
    return quantity.kind === 'run-failures' ? 'failure reasons need the run summary, which is not there yet' : `no ${quantityLabel(quantity)} in segment "${window?.label}"`;
  }
  return null;
}

function read(quantity: Quantity, segment: string | undefined, context: CheckContext): { reading: Reading; window: SegmentWindow | null; problem: string | null } {
  const window = segment === undefined ? null : (context.windows.get(segment) ?? null);
  const readContext: ReadContext = { run: context.run, window, intervalMs: context.intervalMs };
  const reading = readQuantity(quantity, readContext);
  return { reading, window, problem: unusable(reading, window, quantity, context) };
}

/**
 * For `x` against `k` times `y` at each deciding bound `k`: the first whose margin |x - k*y| is smaller than the
 * spread of the ticks behind it (half of x's IQR plus k times half of y's), or null when every margin is clear.
 */
function tightestMargin(x: number, y: number, spreadX: number, spreadY: number, bounds: readonly number[]): { margin: number; noise: number } | null {
  const margins = bounds.map((k) => ({ margin: Math.abs(x - k * y), noise: spreadX / 2 + (k * spreadY) / 2 }));
  return margins.find((m) => m.margin < m.noise) ?? null;
}

function ratioCheck(check: Extract<Check, { kind: 'ratio' }>, context: CheckContext): CheckOutcome {
  const a = read(check.quantity, check.segment, context);
  const b = read(check.quantity, check.other, context);
  const key = quantityKey(check.quantity);
  const readings = [
    { segment: check.segment, key, value: a.reading.value },
    { segment: check.other, key, value: b.reading.value },
  ];
  const label = `${quantityLabel(check.quantity)}: ${a.window?.label ?? check.segment} ${formatNumber(a.reading.value)} vs ${b.window?.label ?? check.other} ${formatNumber(b.reading.value)}`;
  const problem = a.problem ?? b.problem;
  if (problem) return { holds: null, text: `${label}; undecided: ${problem}`, short: `undecided: ${problem}`, readings };
  const x = a.reading.value as number;
  const y = b.reading.value as number;
  const ratio = y === 0 ? (x === 0 ? 1 : Infinity) : x / y;
  const holds = within(ratio, check.atLeast, check.atMost);
  const text = `${label}, ratio ${formatNumber(ratio)} (expected ${boundsText(check.atLeast, check.atMost, 'x')})`;
  const unit = unitOf(check.quantity);
  const short = `${quantityName(check.quantity)}: ${a.window?.label ?? check.segment} ${formatNumber(x)}${unit} vs ${b.window?.label ?? check.other} ${formatNumber(y)}${unit} = ${formatNumber(ratio)}x ${comparedText(ratio, check.atLeast, check.atMost, 'x')}`;
  if (a.reading.spread !== null && b.reading.spread !== null) {
    // The bounds that decide: when it holds, either could flip it; when it fails, the one it missed.
    const deciding = [
      check.atLeast !== undefined && (holds || ratio < check.atLeast) ? check.atLeast : undefined,
      check.atMost !== undefined && (holds || ratio > check.atMost) ? check.atMost : undefined,
    ].filter((k): k is number => k !== undefined);
    const tight = tightestMargin(x, y, a.reading.spread, b.reading.spread, deciding);
    if (tight) return { holds: null, text: `${text}; undecided: too noisy, the margin (${formatNumber(tight.margin)}) is smaller than the spread of the ticks (${formatNumber(tight.noise)})`, short: `${short}, too noisy to tell`, readings };
  }
  return { holds, text: `${text}: ${holds ? 'holds' : 'does not hold'}`, short, readings };
}

function boundCheck(check: Extract<Check, { kind: 'bound' }>, context: CheckContext): CheckOutcome {
  const { reading, window, problem } = read(check.quantity, check.segment, context);
  const readings = [{ segment: check.segment ?? 'run', key: quantityKey(check.quantity), value: reading.value }];
  const label = `${quantityLabel(check.quantity)}${window ? ` in ${window.label}` : ''}: ${formatNumber(reading.value)}`;
  if (problem) return { holds: null, text: `${label}; undecided: ${problem}`, short: `undecided: ${problem}`, readings };
  const value = reading.value as number;
  const holds = within(value, check.atLeast, check.atMost);
  const short = `${label} ${comparedText(value, check.atLeast, check.atMost)}`;
  return { holds, text: `${label} (expected ${boundsText(check.atLeast, check.atMost)}): ${holds ? 'holds' : 'does not hold'}`, short, readings };
}

function replacementCheck(check: Extract<Check, { kind: 'replacement' }>, context: CheckContext): CheckOutcome {
  const window = context.windows.get(check.segment) ?? null;
  const key = `exits.${check.causes.join('+')}`;
  if (!window || !window.ran) {
    const why = `replacements in ${window?.label ?? check.segment}: undecided: ${window?.problem ?? 'no such segment'}`;
    return { holds: null, text: why, short: why, readings: [{ segment: check.segment, key, value: null }] };
  }
  const withinMs = check.withinS * 1000;
  const starts = context.run.events.filter((e) => e.event === 'unit-started' && e.replaces !== undefined);
  const replaced = (unitId: string, t: number) => starts.some((s) => s.event === 'unit-started' && s.replaces === unitId && s.t >= t && s.t - t <= withinMs);
  const exits = exitsWithin(context.run.events, window, check.causes);
  // For `all`, an exit too close to the segment's end to have been replaced in time cannot count either way.
  const judged = check.expect === 'all' ? exits.filter((e) => replaced(e.unitId, e.t) || e.t + withinMs <= window.endMs) : exits;
  const replacedCount = judged.filter((e) => replaced(e.unitId, e.t)).length;
  const readings = [
    { segment: check.segment, key, value: exits.length },
    { segment: check.segment, key: `replaced.${check.causes.join('+')}`, value: replacedCount },
  ];
  const causes = check.causes.join(' or ');
  const label = `units exited (${causes}) in ${window.label}: ${exits.length}, replaced within ${check.withinS} s: ${replacedCount}`;
  if (judged.length < check.atLeast) {
    const why = `${label}; undecided: needs at least ${check.atLeast} such exits that had time to be replaced`;
    return { holds: null, text: why, short: why, readings };
  }
  const holds = check.expect === 'all' ? replacedCount === judged.length : replacedCount === 0;
  return { holds, text: `${label} (expected ${check.expect === 'all' ? 'every one' : 'none'} replaced): ${holds ? 'holds' : 'does not hold'}`, short: label, readings };
}

/** Evaluates one check. */
export function evaluateCheck(check: Check, context: CheckContext): CheckOutcome {
  switch (check.kind) {
    case 'ratio':
      return ratioCheck(check, context);
    case 'bound':
      return boundCheck(check, context);
    case 'replacement':
      return replacementCheck(check, context);
  }
}

/** What a check expects, in words, with segment labels. */
export function describeCheck(check: Check, labelOf: (segment: string) => string): string {
  switch (check.kind) {
    case 'ratio':
      return `${quantityLabel(check.quantity)} in ${labelOf(check.segment)} ${boundsText(check.atLeast, check.atMost, 'x')} that in ${labelOf(check.other)}`;
    case 'bound':
      return `${quantityLabel(check.quantity)}${check.segment ? ` in ${labelOf(check.segment)}` : ''} ${boundsText(check.atLeast, check.atMost)}`;
    case 'replacement':
      return `at least ${check.atLeast} unit${check.atLeast === 1 ? '' : 's'} exiting (${check.causes.join(' or ')}) in ${labelOf(check.segment)}, ${check.expect === 'all' ? 'each' : 'none'} replaced within ${check.withinS} s`;
  }
}
