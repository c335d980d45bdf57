/**
 * The advisor's options: `--advise` measures every strategy on the workload the other options set (`--workload`,
 * `--size`, and any other run setting, e.g. a workload file) within `--budget SECONDS`. The advisor sets strategy,
 * pool size, load and duration itself, so options for those are refused rather than silently overridden.
 */
import { ADVISOR_BUDGET } from '../../shared/advisor/plan';
import type { CliSection } from './cli-options';
import { optionalDecimal } from './decimal-option';

/** The advisor's options, for the CLI's table (cli-args.ts): its parser and its help. */
export const ADVISE_SECTION: CliSection = {
  title: 'Advisor (measures every strategy at pool sizes 1, 2 and the core count on your workload, and recommends one):',
  options: [
    {
      name: 'advise',
      type: 'boolean',
      description:
        'with --workload/--size (and any other run setting); prints a table and a recommendation; with --json: one {"type":"advice",...} line; with --record <file>: kept as an "advice" event',
    },
    { name: 'budget', type: 'string', placeholder: '<s>', description: 'seconds the whole measurement may take', allowed: ADVISOR_BUDGET, default: ADVISOR_BUDGET.default },
  ],
};

/** Options the advisor sets itself, cell by cell. */
const SET_BY_ADVISOR = ['strategy', 'pool-size', 'rate', 'concurrency', 'duration', 'plan', 'inject', 'interval', 'fault', 'fault-every', 'threshold'];

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
