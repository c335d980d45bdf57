/**
 * The advisor's options: `--advise` measures every strategy on the workload the other options set (`--workload`,
 * `--size`, and any other run setting, e.g. a workload file) within `--budget SECONDS`. The advisor sets strategy,
 * pool size, load and duration itself, so options for those are refused rather than silently overridden.
 */
import { ADVISOR_BUDGET } from '../../shared/advisor/plan';
import { optionalDecimal } from './decimal-option';

/** The options, as node:util parseArgs takes them. */
export const ADVISE_OPTIONS = {
  advise: { type: 'boolean' },
  budget: { type: 'string' },
} as const;

/** Options the advisor sets itself, cell by cell. */
const SET_BY_ADVISOR = ['strategy', 'pool-size', 'rate', 'concurrency', 'duration', 'plan', 'inject', 'interval', 'fault', 'fault-every', 'threshold'];

/** The help lines of the advisor's options. */
export const ADVISE_HELP = `
Advisor (measures every strategy at pool sizes 1, 2 and the core count on your workload, and recommends one):
  --advise              with --workload/--size (and any other run setting); prints a table and a recommendation
  --budget <s>          seconds the whole measurement may take, ${ADVISOR_BUDGET.min}..${ADVISOR_BUDGET.max} (default ${ADVISOR_BUDGET.default})
                        with --json: one {"type":"advice",...} line; with --record <file>: kept as an "advice" event
`;

type Values = Record<string, string | boolean | string[] | undefined>;

/**
 * The budget in seconds when `--advise` is given, null when it is not, or why the options do not go together.
 */
export function parseAdviseOptions(values: Values): { budgetS: number } | null | string {
  if (!values.advise) return values.budget === undefined ? null : '--budget: only with --advise';
  const clashing = SET_BY_ADVISOR.filter((option) => values[option] !== undefined && values[option] !== false);
  if (clashing.length > 0) return `--advise: sets strategy, pool size, load and duration itself; drop --${clashing.join(', --')}`;
  const budget = optionalDecimal('--budget', values.budget as string | undefined) ?? ADVISOR_BUDGET.default;
  if (typeof budget === 'string') return budget;
  if (budget < ADVISOR_BUDGET.min || budget > ADVISOR_BUDGET.max) return `--budget: must be a number of seconds between ${ADVISOR_BUDGET.min} and ${ADVISOR_BUDGET.max}`;
  return { budgetS: budget };
}
