/**
 * The one verdict evaluator: whether an experiment's claim held on a run, from the run's ticks and events (and
 * its summary, for failure reasons) plus the machine it ran on. Pure, so the CLI, the app (live, or on a
 * recording) and the tests all compute the same verdict from the same data.
 */
import { DEFAULTS } from '../constants';
import type { Tick } from '../messages';
import { describeCheck, evaluateCheck, type CheckContext, type CheckOutcome } from './checks';
import { quantityKey, readQuantity } from './quantities';
import { segmentWindows } from './timeline';
import type { Experiment, MachineFacts, Measured, RunRecord, Verdict } from './types';

/** Rounds for the record: two decimals are plenty for ms, jobs/s and ratios, and keep the JSON line short. */
function rounded(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? value : Math.round(value * 100) / 100;
}

/** When the run ended: its summary, else its last tick or event. */
function runEnd(run: RunRecord): number {
  if (run.summary) return run.summary.t;
  const lastTick: Tick | undefined = run.ticks[run.ticks.length - 1];
  const lastEvent = run.events[run.events.length - 1];
  return Math.max(lastTick?.t ?? 0, lastEvent?.t ?? 0);
}

/**
 * Whether `experiment`'s claim held on `run`, measured on `machine`. Every check must hold; a failed check makes
 * the verdict false, else an undecidable one makes it null. A machine with fewer cores than the rule needs, or a
 * precondition not met, makes it null whatever the checks say (their numbers are still reported).
 */
export function evaluateVerdict(experiment: Experiment, run: RunRecord, machine: MachineFacts): Verdict {
  const rule = experiment.verdict;
  const windows = segmentWindows(experiment, run.events, runEnd(run));
  const byId = new Map(windows.map((w) => [w.id, w]));
  const labelOf = (id: string) => byId.get(id)?.label ?? id;
  const context: CheckContext = { run, windows: byId, rule, intervalMs: experiment.config.intervalMs ?? DEFAULTS.intervalMs };

  const preconditions: CheckOutcome[] = (rule.preconditions ?? []).map((check) => evaluateCheck(check, context));
  const outcomes: CheckOutcome[] = rule.checks.map((check) => evaluateCheck(check, context));
  const measured: Measured = {};
  const note = (segment: string, key: string, value: number | null) => ((measured[segment] ??= {})[key] = rounded(value));
  for (const outcome of [...preconditions, ...outcomes]) for (const r of outcome.readings) note(r.segment, r.key, r.value);
  for (const extra of rule.report ?? []) {
    const window = byId.get(extra.segment) ?? null;
    note(extra.segment, quantityKey(extra.quantity), window && !window.problem ? readQuantity(extra.quantity, { run, window, intervalMs: context.intervalMs }).value : null);
  }

  const tooFewCores = rule.minCores !== undefined && machine.cores < rule.minCores;
  const unmet = preconditions.filter((o) => o.holds !== true);
  const holds = tooFewCores || unmet.length > 0 ? null : outcomes.some((o) => o.holds === false) ? false : outcomes.some((o) => o.holds === null) ? null : true;
  const lead = tooFewCores
    ? `Inconclusive: the claim needs at least ${rule.minCores} cores and this machine has ${machine.cores}. `
    : unmet.length > 0
      ? `Inconclusive: the run did not set up the test (${unmet.map((o) => o.text).join('; ')}). `
      : holds === true
      ? 'Holds. '
      : holds === false
        ? 'Does not hold. '
        : 'Inconclusive. ';
  // The line the card shows first: why it could not be judged, else the check that decided (the first that
  // failed, or was undecided), else the first check (the claim's own numbers).
  const decidingCheck = outcomes.find((o) => o.holds === false) ?? outcomes.find((o) => o.holds === null) ?? outcomes[0];
  const deciding = tooFewCores
    ? `needs ${rule.minCores} cores, this machine has ${machine.cores}`
    : unmet.length > 0
      ? `the run did not set up the test: ${unmet.map((o) => o.short).join('; ')}`
      : (decidingCheck?.short ?? '');
  return {
    experiment: experiment.id,
    holds,
    deciding,
    measured,
    expected: [...(rule.preconditions ?? []).map((check) => `given ${describeCheck(check, labelOf)}`), ...rule.checks.map((check) => describeCheck(check, labelOf))].join('; '),
    why: `${lead}${outcomes.map((o) => o.text).join('. ')}. Thresholds: ${rule.thresholds}`,
    machine: { ...machine },
  };
}
