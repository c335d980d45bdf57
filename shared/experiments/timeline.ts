/**
 * An experiment's timeline: the settings it starts with, the plan that drives it, a shortened copy for quick
 * runs, and where each segment really begins in a run. A segment's switch takes effect only when the new units
 * are ready and the old jobs drained, which the `strategy-switched` event reports (its `t` is when the switch
 * completed); a change that needs no new units reports `config-changed` at once. Measuring from the planned time
 * instead would mix the old strategy's tail and the new one's startup into the segment.
 */
import type { LabEvent } from '../messages';
import type { PlanStep } from '../plan';
import type { ConfigPatch } from '../run-config';
import type { Experiment } from './types';

/** The settings a run of `experiment` starts with: its config, then its first segment's changes. */
export function startConfig(experiment: Experiment): ConfigPatch {
  return { ...experiment.config, ...experiment.segments[0]?.configure };
}

/** The plan that drives a run of `experiment`: each later segment's changes at its time, and the crashes. */
export function experimentPlan(experiment: Experiment): PlanStep[] {
  const steps: PlanStep[] = experiment.segments
    .slice(1)
    .filter((segment) => segment.configure !== undefined)
    .map((segment) => ({ atS: segment.atS, configure: segment.configure as ConfigPatch }));
  steps.push(...(experiment.actions ?? []).map((action) => ({ atS: action.atS, crash: { ...action.crash } })));
  return steps.sort((a, b) => a.atS - b.atS);
}

/**
 * Whether a run of `experiment` needs the host's health check often (every 50 ms, whatever the strategy): it
 * shows the health chart or judges the checks. Elsewhere the check is asked once per tick on the main thread and
 * once a second while threads or processes run the jobs (electron/engine/probes/health-probe.ts, healthCheckEveryMs, says why): too few for
 * a segment's per-tick measure to be steady.
 */
export function readsHealthChecks(experiment: Experiment): boolean {
  const checks = [...experiment.verdict.checks, ...(experiment.verdict.preconditions ?? [])];
  return (
    experiment.watch.some((item) => item.chart === 'health') ||
    checks.some((check) => check.kind !== 'replacement' && check.quantity.kind === 'gauge' && check.quantity.measure.startsWith('health-'))
  );
}

/**
 * A copy of `experiment` with every time (segments, crashes, duration, warm-up) multiplied by `factor`, for a
 * quick run. Sizes and rates stay: the effects keep their size, only with fewer ticks behind each number.
 */
export function scaleExperiment(experiment: Experiment, factor: number): Experiment {
  const at = (s: number) => Math.round(s * factor * 1000) / 1000;
  return {
    ...experiment,
    segments: experiment.segments.map((segment) => ({ ...segment, atS: at(segment.atS) })),
    actions: experiment.actions?.map((action) => ({ ...action, atS: at(action.atS) })),
    durationS: at(experiment.durationS),
    verdict: { ...experiment.verdict, warmupS: at(experiment.verdict.warmupS) },
  };
}

/** Where one segment lies in a run, in ms since the run started. */
export interface SegmentWindow {
  id: string;
  label: string;
  /** When its settings were due (the plan's time). */
  plannedStartMs: number;
  /** When the next segment was due, or the end of the run, whichever is first (the last segment: the run's end). */
  endMs: number;
  /** When its switch completed (from the matching event), or null when no event matched (then plannedStartMs). */
  readyAtMs: number | null;
  /** Where steady-state measures begin: ready, plus the rule's warm-up. */
  steadyStartMs: number;
  /** False when the run ended before the segment began. */
  ran: boolean;
  /** Why steady-state measures cannot be read from it, when they cannot (it never ran, or its switch outlasted it). */
  problem?: string;
}

/** Events that mark a configure taking effect: one per accepted change, in the order the changes were asked. */
function isChangeEvent(event: LabEvent): boolean {
  return (event.event === 'strategy-switched' && event.from !== null) || event.event === 'config-changed';
}

/**
 * The segments of `experiment` as they happened in a run that ended at `runEndMs`: each change event is matched
 * to the first segment still waiting for one, in order, so a switch that completes after the next segment's time
 * still belongs to its own segment.
 */
export function segmentWindows(experiment: Experiment, events: readonly LabEvent[], runEndMs: number): SegmentWindow[] {
  const changes = events.filter(isChangeEvent).sort((a, b) => a.t - b.t);
  const firstStart = events.find((e) => e.event === 'strategy-switched' && e.from === null);
  const warmupMs = experiment.verdict.warmupS * 1000;
  let cursor = 0;
  return experiment.segments.map((segment, index) => {
    const plannedStartMs = segment.atS * 1000;
    const next = experiment.segments[index + 1];
    // The last segment lasts until the run really ended: its stop (drains, units ending) belongs to it.
    const endMs = next ? Math.min(next.atS * 1000, runEndMs) : runEndMs;
    let readyAtMs: number | null = null;
    if (index === 0) readyAtMs = firstStart ? firstStart.t : null;
    else if (segment.configure !== undefined) {
      while (cursor < changes.length && changes[cursor].t < plannedStartMs) cursor++;
      if (cursor < changes.length) readyAtMs = changes[cursor++].t;
    }
    const steadyStartMs = (readyAtMs ?? plannedStartMs) + warmupMs;
    const ran = plannedStartMs < runEndMs;
    const window: SegmentWindow = { id: segment.id, label: segment.label, plannedStartMs, endMs, readyAtMs, steadyStartMs, ran };
    if (!ran) window.problem = `it never ran (the run ended at ${(runEndMs / 1000).toFixed(1)} s)`;
    else if (readyAtMs !== null && readyAtMs >= endMs) window.problem = `its switch completed only at ${(readyAtMs / 1000).toFixed(1)} s, after the segment ended`;
    return window;
  });
}
