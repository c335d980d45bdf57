/**
 * A synthetic run laid out on an experiment's own timeline, for tests: one stretch of ticks per segment with the
 * shape given for it, and a completed switch shortly after each segment that changes settings.
 */
import { FakeRun, type TickShape } from './fake-run';
import type { Experiment, MachineFacts } from './types';

/** A 2-core machine, as the verdicts of tests assume unless they say otherwise. */
export const TEST_MACHINE: MachineFacts = Object.freeze({ cores: 2, cpuModel: 'test cpu', node: 'v20.0.0' });

/** Options of {@link scenario}. */
export interface ScenarioOptions {
  /** How long after its planned time each switch completes, in ms (150). */
  switchDelayMs?: number;
  /** The run stops here instead of at the experiment's end, in ms. */
  stopAtMs?: number;
}

/** A run of `experiment` whose segments show `shapes` (by segment id; a segment left out gets calm defaults). */
export function scenario(experiment: Experiment, shapes: Readonly<Record<string, TickShape>>, options: ScenarioOptions = {}): FakeRun {
  const run = new FakeRun(experiment.config.intervalMs ?? 200);
  const delay = options.switchDelayMs ?? 150;
  const endMs = Math.min(options.stopAtMs ?? Infinity, experiment.durationS * 1000);
  run.switched(100, 'worker-pool', null);
  experiment.segments.forEach((segment, index) => {
    const from = segment.atS * 1000;
    if (from >= endMs) return;
    const next = experiment.segments[index + 1];
    const to = Math.min(next ? next.atS * 1000 : endMs, endMs);
    if (index > 0 && segment.configure) run.switched(from + delay, segment.configure.strategy ?? 'worker-pool');
    run.stretch(from, to, shapes[segment.id] ?? {});
  });
  return run;
}
