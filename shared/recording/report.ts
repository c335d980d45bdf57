/**
 * A run's report, from its recording: the figures a threshold or a comparison can name, and the host's loop per
 * strategy segment. Every figure is computed from the recorded ticks and summary, in one place, so the CLI's
 * report, its thresholds and the app's comparison agree.
 */
import type { ExitCause, Tick } from '../messages';
import { measured, median } from '../percentiles';
import { ATTACHED_FIGURES, attachedFigures, attachedReport, type AttachedReport } from './attached-report';
import type { Recording, RecordingMachine } from './format';

/**
 * The figures of a run, by the name thresholds use, with units in the name's description ({@link FIGURES}).
 * Null when it was not measured in this run (no job completed: no latency; the host's loop never sampled: no
 * delay) or the recording cannot say (no summary: the run was cut short, and no tick had the figure). Never a 0
 * standing in for either.
 */
export type Figures = Record<FigureName, number | null>;

/** Every figure a report has, and what it is. */
export const FIGURES = {
  'duration.s': 'length of the run, s',
  'jobs.submitted': 'jobs submitted',
  'jobs.completed': 'jobs completed',
  'jobs.failed': 'jobs failed',
  'jobs.dropped': 'jobs dropped (queue full)',
  'jobs.cancelled': 'jobs cancelled: still queued when the run stopped, never started (not failures)',
  throughput: 'completed jobs per second over the run',
  'latency.p50': 'job latency p50 over the run, ms',
  'latency.p99': 'job latency p99 over the run, ms',
  'host.eld.p50': "host event-loop delay p50 over the run, ms",
  'host.eld.p99': "host event-loop delay p99 over the run, ms",
  'host.eld.max': "host event-loop delay max over the run, ms",
  'health.timeouts': 'health checks that timed out',
  'units.started': 'threads and processes started',
  'units.crashed': "units that crashed on their own (cause 'crash'; not those ended by an injected fault)",
  'units.injected': "units ended by a fault injected into a job they ran (cause 'injected')",
  'units.external': "processes killed from outside the lab by a signal it did not send (cause 'external')",
  'units.alive': 'units still alive at the end (0 after a clean stop)',
  switches: 'strategy switches',
  ...ATTACHED_FIGURES,
} as const;

/** A figure's name, e.g. `host.eld.p99`. */
export type FigureName = keyof typeof FIGURES;

/** The figures a report of one of the lab's own runs shows: every figure but an attached run's. */
export const RUN_FIGURE_NAMES = (Object.keys(FIGURES) as FigureName[]).filter((name) => !(name in ATTACHED_FIGURES));

/**
 * The figures a report of an attached run shows: its jobs are the app's HTTP requests, which the `http.*` figures
 * say better, and it has no strategy switches, health checks or injected faults of the lab's.
 */
export const ATTACHED_FIGURE_NAMES: readonly FigureName[] = ['duration.s', 'host.eld.p50', 'host.eld.p99', 'host.eld.max', ...(Object.keys(ATTACHED_FIGURES) as FigureName[]), 'units.alive'];

/** The figures a report shows, one run or two side by side: an attached run's when any of them is one. */
export function shownFigures(...reports: readonly RunReport[]): readonly FigureName[] {
  const attached = reports.filter((report) => report.attached !== null).length;
  if (attached === 0) return RUN_FIGURE_NAMES;
  if (attached === reports.length) return ATTACHED_FIGURE_NAMES;
  return [...RUN_FIGURE_NAMES, ...ATTACHED_FIGURE_NAMES.filter((name) => !RUN_FIGURE_NAMES.includes(name))];
}

/** One stretch of the run under one strategy. */
export interface SegmentReport {
  strategy: Tick['strategy'];
  fromS: number;
  toS: number;
  ticks: number;
  /** Mean completed jobs per second over its ticks. */
  throughput: number;
  /**
   * Median of its ticks' values, ms (the max is the largest), so one bad tick does not make the segment. Ticks
   * that did not measure it are skipped; null when none of its ticks did.
   */
  hostEld: { p50: number; p99: number; max: number } | null;
  /** Median of its ticks' job latency p99, ms, skipping ticks that completed no job; null when none did. */
  latencyP99: number | null;
}

/** What a recording says about its run. */
export interface RunReport {
  name: string;
  startedAt: string;
  machine: RecordingMachine;
  experiment: string | null;
  figures: Figures;
  /** True when the recording has no summary (the run was cut short): a null figure may then be one it lacks. */
  cutShort: boolean;
  segments: SegmentReport[];
  failures: Record<string, number>;
  /** Set for an attached run: the command, how the app ended, its responses by status. */
  attached: AttachedReport | null;
  warnings: string[];
}

/** The median of the measured values (nulls skipped); null when there are none. */
function medianOfMeasured(values: ReadonlyArray<number | null>): number | null {
  return median(measured(values));
}

/** The largest of the measured values (nulls skipped); null when there are none. */
function maxOfMeasured(values: ReadonlyArray<number | null>): number | null {
  let max: number | null = null;
  for (const value of values) if (value !== null && (max === null || value > max)) max = value;
  return max;
}

/** The segment's host loop: medians and max over the ticks that sampled it, or null when none did. */
function segmentEld(group: readonly Tick[]): SegmentReport['hostEld'] {
  const sampled = group.flatMap((tick) => (tick.host.eld ? [tick.host.eld] : []));
  if (sampled.length === 0) return null;
  return {
    p50: medianOfMeasured(sampled.map((eld) => eld.p50))!,
    p99: medianOfMeasured(sampled.map((eld) => eld.p99))!,
    max: maxOfMeasured(sampled.map((eld) => eld.max))!,
  };
}

/** Contiguous runs of ticks under the same strategy. */
export function strategySegments(ticks: readonly Tick[]): SegmentReport[] {
  const groups: Tick[][] = [];
  for (const tick of ticks) {
    const current = groups.at(-1);
    if (current && current[0].strategy === tick.strategy) current.push(tick);
    else groups.push([tick]);
  }
  return groups.map((group, i) => ({
    strategy: group[0].strategy,
    // A segment begins where the previous ended (its first tick closes an interval that began then).
    fromS: i === 0 ? 0 : groups[i - 1].at(-1)!.t / 1000,
    toS: group.at(-1)!.t / 1000,
    ticks: group.length,
    throughput: group.reduce((sum, tick) => sum + tick.jobs.throughput, 0) / group.length,
    hostEld: segmentEld(group),
    latencyP99: medianOfMeasured(group.map((tick) => tick.jobs.latency?.p99 ?? null)),
  }));
}

/** The report of one recording. */
export function buildReport(recording: Recording): RunReport {
  const { ticks, events, summary } = recording;
  const last = ticks.at(-1);
  const exitedWith = (cause: ExitCause) => events.filter((e) => e.event === 'unit-exited' && e.cause === cause).length;
  const started = events.filter((e) => e.event === 'unit-started').length;
  const healthTimeouts = ticks.some((tick) => tick.health) ? ticks.reduce((sum, tick) => sum + (tick.health?.timeouts ?? 0), 0) : null;
  const attached = attachedReport(recording);
  const figures: Figures = {
    'duration.s': summary ? summary.t / 1000 : last ? last.t / 1000 : null,
    'jobs.submitted': summary?.jobs.submitted ?? last?.jobs.submitted ?? null,
    'jobs.completed': summary?.jobs.completed ?? last?.jobs.completed ?? null,
    'jobs.failed': summary?.jobs.failed ?? last?.jobs.failed ?? null,
    'jobs.dropped': summary?.jobs.dropped ?? last?.jobs.dropped ?? null,
    'jobs.cancelled': summary?.jobs.cancelled ?? last?.jobs.cancelled ?? null,
    throughput: summary?.throughput ?? (last && last.t > 0 ? (last.jobs.completed * 1000) / last.t : null),
    'latency.p50': summary?.latency?.p50 ?? null,
    'latency.p99': summary?.latency?.p99 ?? null,
    'host.eld.p50': summary?.hostEld?.p50 ?? null,
    'host.eld.p99': summary?.hostEld?.p99 ?? null,
    // Without a summary (a run cut short) the ticks still say the largest delay; a summary that measured none wins.
    'host.eld.max': summary ? (summary.hostEld?.max ?? null) : maxOfMeasured(ticks.map((tick) => tick.host.eld?.max ?? null)),
    'health.timeouts': healthTimeouts,
    'units.started': summary?.unitsStarted ?? started,
    'units.crashed': exitedWith('crash'),
    'units.injected': exitedWith('injected'),
    'units.external': exitedWith('external'),
    'units.alive': summary?.unitsAlive ?? null,
    switches: summary?.switches ?? events.filter((e) => e.event === 'strategy-switched').length,
    ...attachedFigures(recording, attached),
  };
  return {
    name: recording.name,
    startedAt: recording.header.startedAt,
    machine: recording.header.machine,
    experiment: recording.header.experiment?.id ?? null,
    figures,
    cutShort: summary === null,
    segments: strategySegments(ticks),
    failures: summary?.failures ?? {},
    attached,
    warnings: recording.warnings,
  };
}

/** How a figure changed from run `a` to run `b`: the difference and, where `a` is not 0, the change in %. */
export interface FigureChange {
  a: number | null;
  b: number | null;
  delta: number | null;
  percent: number | null;
}

/** Every figure of two reports side by side. */
export function compareReports(a: RunReport, b: RunReport): Record<FigureName, FigureChange> {
  const changes = {} as Record<FigureName, FigureChange>;
  for (const name of Object.keys(FIGURES) as FigureName[]) {
    const before = a.figures[name];
    const after = b.figures[name];
    const delta = before !== null && after !== null ? after - before : null;
    changes[name] = { a: before, b: after, delta, percent: delta !== null && before ? (delta / Math.abs(before)) * 100 : null };
  }
  return changes;
}
