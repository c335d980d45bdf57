/**
 * The verdict line of a scene's rehearsal recording, on the presenter's fallback. The recording holds the verdict
 * the rehearsal reached (its last line), so the line says it at once, with the numbers it rests on: nothing is
 * being measured during a replay, and "measuring…" there read as if the rehearsal had not decided. A recording
 * without a verdict (a run stopped before its end, an older file) says so in words instead of staying blank.
 */
import { findExperiment } from '../../../shared/experiments/catalog';
import { formatNumber } from '../../../shared/experiments/checks';
import { quantityKey, quantityLabel } from '../../../shared/experiments/quantities';
import type { Verdict } from '../../../shared/experiments/types';
import { OUTCOME_WORDS, type Outcome } from '../experiments/experiment-run';

/** What the stage shows of a recorded verdict. */
export interface RecordedVerdictLine {
  outcome: Exclude<Outcome, 'pending'>;
  /**
   * The numbers of the rule's first check, per segment in the plan's order, with what they are, e.g.
   * `main thread 48.5 vs worker pool 1.48: host event-loop delay p99 (ms), median of ticks`; null when the
   * verdict measured none of them (a run too short to measure).
   */
  numbers: string | null;
  /** The verdict's own explanation (every check with its numbers), for a tooltip. */
  why: string;
}

/** Said on stage when the recording has no verdict line. */
export const NO_RECORDED_VERDICT = 'none in this recording (the rehearsal run ended before its verdict)';

export function outcomeOfVerdict(verdict: Verdict): RecordedVerdictLine['outcome'] {
  return verdict.holds === true ? 'holds' : verdict.holds === false ? 'does-not-hold' : 'inconclusive';
}

/** A unit in a quantity's words, e.g. ` (ms)` in `latency p99 (ms), median of ticks`. */
const UNIT = / \((ms|s|jobs\/s|cores)\)/;

/** The numbers the verdict rests on: the first check's quantity in every segment that measured it. */
function keyNumbers(verdict: Verdict): string | null {
  const experiment = findExperiment(verdict.experiment);
  if (!experiment) return null;
  const check = experiment.verdict.checks.find((c) => c.kind !== 'replacement');
  if (!check || !('quantity' in check)) return null;
  const key = quantityKey(check.quantity);
  // The unit goes beside each number: the stage clamps the line to one, and the label's end may be cut.
  const label = quantityLabel(check.quantity);
  const unit = UNIT.exec(label)?.[1];
  const values = [...experiment.segments.map((s) => ({ id: s.id, label: s.label })), { id: 'run', label: 'whole run' }]
    .map(({ id, label: segment }) => ({ segment, value: verdict.measured[id]?.[key] }))
    .filter((entry): entry is { segment: string; value: number | null } => entry.value !== undefined)
    .map(({ segment, value }) => `${segment} ${formatNumber(value)}${unit && value !== null ? ` ${unit}` : ''}`);
  return values.length > 0 ? `${values.join(' vs ')}: ${unit ? label.replace(UNIT, '') : label}` : null;
}

/** The line for `verdict`, or null when the recording has none. */
export function recordedVerdictLine(verdict: Verdict | null): RecordedVerdictLine | null {
  if (!verdict) return null;
  return { outcome: outcomeOfVerdict(verdict), numbers: keyNumbers(verdict), why: verdict.why };
}

/** The recorded outcome in the words the speaker view shows. */
export function recordedVerdictWords(verdict: Verdict | null): string {
  return verdict ? `${OUTCOME_WORDS[outcomeOfVerdict(verdict)]} (rehearsal)` : 'none recorded';
}
