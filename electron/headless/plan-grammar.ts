/**
 * The grammar of the CLI's timed steps, in one place: `--plan strategy@seconds,...` switches strategy and
 * `--inject crash@seconds,...` crashes a unit from outside. Parsing, formatting (the examples in the help and in
 * errors are formatted steps, so they always parse) and the errors, which name the option, the step and what it
 * may be. Times are decimals (decimal-option.ts) between 0 and a limit: a step after the run's end never runs.
 */
import { STRATEGIES, type StrategyName } from '../../shared/constants';
import type { CrashStep } from '../../shared/plan';
import { parseDecimal } from './decimal-option';

/** The latest time a step may name, and what sets it (in words, for errors): the --duration, or the longest run. */
export interface StepLimit {
  maxS: number;
  bound: string;
}

/** One `--plan` step: run `strategy` from `atS` seconds on. */
export interface StrategyStep {
  strategy: StrategyName;
  atS: number;
}

/** The only fault `--inject` knows. */
const INJECTED = 'crash';

/** `name@seconds` split in two; `at` is undefined unless there is exactly one @. */
function splitStep(part: string): { name: string; at: string | undefined } {
  const pieces = part.trim().split('@');
  return { name: pieces[0], at: pieces.length === 2 ? pieces[1] : undefined };
}

/**
 * The time of one step: a decimal in 0..maxS. The bound also keeps it within setTimeout's range: past 2^31-1 ms
 * Node fires a timer at once.
 */
function stepTime(option: string, part: string, at: string | undefined, limit: StepLimit, example: string): number | string {
  const atS = at === undefined ? Number.NaN : parseDecimal(option, at);
  if (typeof atS === 'number' && atS >= 0 && atS <= limit.maxS) return atS;
  return `${option}: "${part}" needs a decimal time in seconds between 0 and ${limit.maxS} (${limit.bound}) after @, e.g. ${example}`;
}

/** `--plan` text for `steps`, in their order: `main-thread@0,worker-pool@5`. */
export function formatPlan(steps: readonly StrategyStep[]): string {
  return steps.map((step) => `${step.strategy}@${step.atS}`).join(',');
}

/** `--inject` text for `steps`, in their order: `crash@3,crash@6`. */
export function formatInject(steps: readonly Pick<CrashStep, 'atS'>[]): string {
  return steps.map((step) => `${INJECTED}@${step.atS}`).join(',');
}

/** What `--plan` looks like. */
export const PLAN_EXAMPLE = formatPlan([
  { strategy: 'main-thread', atS: 0 },
  { strategy: 'worker-pool', atS: 5 },
  { strategy: 'cluster', atS: 10 },
]);

/** What `--inject` looks like. */
export const INJECT_EXAMPLE = formatInject([{ atS: 3 }, { atS: 6 }]);

/** The steps of a `--plan` text, sorted by time, or an error naming `--plan`, the step and the strategies there are. */
export function parsePlan(text: string, limit: StepLimit): StrategyStep[] | string {
  const steps: StrategyStep[] = [];
  for (const part of text.split(',')) {
    const { name, at } = splitStep(part);
    if (!STRATEGIES.includes(name as StrategyName)) {
      return `--plan: "${name}" is not a strategy; use ${STRATEGIES.join(', ')} as name@seconds, e.g. ${formatPlan([{ strategy: 'main-thread', atS: 0 }, { strategy: 'worker-pool', atS: Math.min(5, limit.maxS) }])}`;
    }
    const atS = stepTime('--plan', part, at, limit, formatPlan([{ strategy: name as StrategyName, atS: Math.min(5, limit.maxS) }]));
    if (typeof atS === 'string') return atS;
    steps.push({ strategy: name as StrategyName, atS });
  }
  return steps.sort((a, b) => a.atS - b.atS);
}

/** The crashes of an `--inject` text, in its order, or an error naming `--inject`, the step and the form it takes. */
export function parseInject(text: string, limit: StepLimit): CrashStep[] | string {
  const steps: CrashStep[] = [];
  for (const part of text.split(',')) {
    const { name, at } = splitStep(part);
    if (name !== INJECTED) return `--inject: "${part}" is not understood; use ${INJECTED}@<seconds>, e.g. ${INJECT_EXAMPLE}`;
    const atS = stepTime('--inject', part, at, limit, formatInject([{ atS: Math.min(3, limit.maxS) }]));
    if (typeof atS === 'string') return atS;
    steps.push({ atS, crash: {} });
  }
  return steps;
}
