/**
 * The experiment the current run is (from the engine's `experiment-started` event), where its segments lie, which
 * one runs now, and its verdict card. The verdict itself is the shared evaluator's (evaluateVerdict) on the run's
 * own ticks and events, the same function the CLI and the tests use: the app never writes a verdict in. Pure, so
 * the card's states are tested without a browser.
 */
import { findExperiment } from '../../../shared/experiments/catalog';
import { formatNumber } from '../../../shared/experiments/checks';
import { quantityKey, quantityLabel } from '../../../shared/experiments/quantities';
import type { Experiment, Quantity, RunRecord, Verdict } from '../../../shared/experiments/types';
import { evaluateVerdict } from '../../../shared/experiments/verdict';
import type { ExperimentSegmentTimes, ExperimentStartedEvent } from '../../../shared/messages';

/** The experiment of the current run, as the engine announced it. */
export interface ActiveExperiment {
  id: string;
  experiment: Experiment;
  segments: ExperimentSegmentTimes[];
  /** When the experiment stops the run, ms since the run started. */
  endMs: number;
  machine: ExperimentStartedEvent['machine'];
}

/** The active experiment of an `experiment-started` event, or null for an id this build's catalog lacks. */
export function activeExperimentOf(event: ExperimentStartedEvent): ActiveExperiment | null {
  const experiment = findExperiment(event.id);
  return experiment ? { id: event.id, experiment, segments: event.segments, endMs: event.endMs, machine: event.machine } : null;
}

/** The segment running at `tMs` (ms since the run started): its index, or null before the first and after the end. */
export function segmentAt(segments: readonly ExperimentSegmentTimes[], tMs: number): number | null {
  const index = segments.findIndex((s) => tMs >= s.startMs && tMs < s.endMs);
  return index >= 0 ? index : null;
}

export type SegmentState = 'done' | 'running' | 'pending';

/** Where each segment stands at `tMs`; every segment is done once the run ended. */
export function segmentStates(segments: readonly ExperimentSegmentTimes[], tMs: number, ended: boolean): SegmentState[] {
  return segments.map((s) => (ended || tMs >= s.endMs ? 'done' : tMs >= s.startMs ? 'running' : 'pending'));
}

/** What the card shows as the outcome: `pending` until the run ended (segments still to come). */
export type Outcome = 'holds' | 'does-not-hold' | 'inconclusive' | 'pending';

export const OUTCOME_WORDS: Readonly<Record<Outcome, string>> = {
  holds: 'holds',
  'does-not-hold': 'does not hold',
  inconclusive: 'inconclusive',
  pending: 'measuring…',
};

/** One number of the card: what was measured in a segment, in words with its unit. */
export interface MeasuredRow {
  segment: string;
  /** What it is, e.g. `host event-loop delay p99 (ms), median of ticks`. */
  label: string;
  /** The value as a person reads it, or `…` for a segment not over yet. */
  value: string;
}

/** The verdict card of an experiment run. */
export interface VerdictCard {
  id: string;
  title: string;
  outcome: Outcome;
  segments: Array<ExperimentSegmentTimes & { state: SegmentState }>;
  /** The verdict on what the run emitted so far; null before the first segment ended. */
  verdict: Verdict | null;
  measured: MeasuredRow[];
}

/** Every quantity the rule reads, by key: to name the verdict's numbers in words. */
function quantityLabels(experiment: Experiment): Map<string, string> {
  const labels = new Map<string, string>();
  const add = (q: Quantity) => labels.set(quantityKey(q), quantityLabel(q));
  for (const check of [...experiment.verdict.checks, ...(experiment.verdict.preconditions ?? [])]) if (check.kind !== 'replacement') add(check.quantity);
  for (const extra of experiment.verdict.report ?? []) add(extra.quantity);
  return labels;
}

function outcomeOf(verdict: Verdict | null, ended: boolean): Outcome {
  if (!ended || !verdict) return 'pending';
  return verdict.holds === true ? 'holds' : verdict.holds === false ? 'does-not-hold' : 'inconclusive';
}

/** The numbers of a verdict beside their segment; a segment not over yet reads `…`, not a half-measured value. */
export function measuredRows(active: ActiveExperiment, verdict: Verdict | null, states: readonly SegmentState[]): MeasuredRow[] {
  if (!verdict) return [];
  const labels = quantityLabels(active.experiment);
  const stateOf = new Map(active.segments.map((s, i) => [s.id, states[i]]));
  const labelOf = new Map(active.segments.map((s) => [s.id, s.label]));
  return Object.entries(verdict.measured).flatMap(([segment, values]) =>
    Object.entries(values).map(([key, value]) => ({
      segment: labelOf.get(segment) ?? segment,
      label: labels.get(key) ?? key,
      value: segment !== 'run' && stateOf.get(segment) !== 'done' ? '…' : formatNumber(value),
    })),
  );
}

/**
 * The card at run time `tMs`: segment states, and the verdict on the run so far (final once `ended`, i.e. the run
 * stopped and its summary, which failure-reason checks need, is in `run`; read only when the verdict is made). `previous` is reused while no segment
 * ended since it was made, so the evaluator runs once per segment end, not once per frame.
 */
export function verdictCard(active: ActiveExperiment, run: () => RunRecord, tMs: number, ended: boolean, previous: VerdictCard | null = null): VerdictCard {
  const states = segmentStates(active.segments, tMs, ended);
  const done = states.filter((s) => s === 'done').length;
  const previousDone = previous?.segments.filter((s) => s.state === 'done').length ?? -1;
  const reuse = previous !== null && previous.id === active.id && previousDone === done && (previous.outcome !== 'pending') === ended;
  const verdict = reuse ? previous.verdict : done === 0 ? null : evaluateVerdict(active.experiment, run(), active.machine);
  return {
    id: active.id,
    title: active.experiment.title,
    outcome: outcomeOf(verdict, ended),
    segments: active.segments.map((s, i) => ({ ...s, state: states[i] as SegmentState })),
    verdict,
    measured: reuse && previous ? previous.measured : measuredRows(active, verdict, states),
  };
}

/** "1, 2" → "claims 1 and 2". */
export function claimsText(claims: readonly number[]): string {
  if (claims.length === 1) return `claim ${claims[0]}`;
  return `claims ${claims.slice(0, -1).join(', ')} and ${claims[claims.length - 1]}`;
}

/** A segment drawn on a time chart, in seconds since the run started, clipped to the chart's window. */
export interface SegmentBand {
  id: string;
  label: string;
  from: number;
  to: number;
  /** Its place in the experiment: bands alternate their tint by it. */
  index: number;
}

/**
 * The experiment's segments as bands on a chart showing `domain` (s). The whole plan is drawn, segments still to
 * come included, so the timeline ahead is visible while the run fills it in.
 */
export function segmentBands(segments: readonly ExperimentSegmentTimes[], domain: readonly [number, number]): SegmentBand[] {
  return segments
    .map((s, index) => ({ id: s.id, label: s.label, from: Math.max(domain[0], s.startMs / 1000), to: Math.min(domain[1], s.endMs / 1000), index }))
    .filter((band) => band.to > band.from);
}
