/**
 * Two recordings side by side: each run's throughput and host event-loop delay over its whole length, aligned
 * at its start (seconds since its first message), and every figure of the shared report (buildReport,
 * compareReports) with the change from A to B, so the window and the CLI's `--report A --report B` agree.
 */
import { ATTACHED, type AttachSpec } from '../../../shared/attach';
import type { Recording } from '../../../shared/recording/format';
import { joinCommandLine } from '../attach/argv';
import { ATTACHED_LABEL } from '../attach/attach-view';
import { buildReport, compareReports, FIGURES, type FigureChange, type FigureName } from '../../../shared/recording/report';
import { decimate } from '../state/series';
import { replayTimeline } from './timeline';

/** Points drawn per run: more than a chart's width in pixels is wasted. */
export const MAX_COMPARE_POINTS = 400;

export interface ComparePoint {
  /** Seconds since the run's start. */
  t: number;
  /** Jobs per second. */
  throughput: number;
  /** Host event-loop delay p99, ms; null where the host's loop was not sampled (a gap in the line). */
  eldP99: number | null;
}

export interface ComparedRun {
  /** The file's name. */
  name: string;
  /** What ran, for the charts' legends, the table and the exported pictures: `worker-pool · fib 30`, with the file name where both runs read the same. */
  label: string;
  startedAt: string;
  points: ComparePoint[];
}

export interface FigureRow extends FigureChange {
  figure: FigureName;
  description: string;
}

export interface Comparison {
  a: ComparedRun;
  b: ComparedRun;
  rows: FigureRow[];
}

/**
 * What a recording ran, in a few words: `worker-pool · fib 30` (your own workload by its name); a run that switched,
 * its strategies in order (`main-thread → worker-pool · fib 34`; past three, the first and the last and how many),
 * as an experiment's recording does; for a run attached to the user's app `your app (attached) · node server.js`.
 */
export function runWords(recording: Recording): string {
  const attached = attachedSpecOf(recording);
  if (attached) return `${ATTACHED_LABEL} · ${joinCommandLine(attached.command)}`;
  if (recording.ticks[0]?.strategy === ATTACHED) return ATTACHED_LABEL;
  const { strategy, workload, workloadModule, size } = recording.header.config;
  return `${strategiesInOrder(recording, strategy)} · ${workloadModule?.name ?? workload} ${size}`;
}

/** The strategies the run's ticks went through, each once per stretch: `main-thread → worker-pool`. */
function strategiesInOrder(recording: Recording, first: string): string {
  const order: string[] = [];
  for (const tick of recording.ticks) if (order.at(-1) !== tick.strategy) order.push(tick.strategy);
  // One stretch: the strategy the run was started with (the header's, which its ticks repeat).
  if (order.length <= 1) return first;
  if (order.length <= 3) return order.join(' → ');
  return `${order[0]} → … → ${order.at(-1)} (${order.length} stretches)`;
}

/** The command of an attached run's recording, from its start or its summary; null for a lab run (or one cut before both). */
function attachedSpecOf(recording: Recording): AttachSpec | null {
  for (const event of recording.events) if (event.event === 'run-started' && event.attached) return event.attached;
  return recording.summary?.attached ?? null;
}

/** The two runs' names: what each ran, then its file where both ran the same, then A and B where even those are the same. */
export function compareLabels(a: Recording, b: Recording): [string, string] {
  const [wordsA, wordsB] = [runWords(a), runWords(b)];
  if (wordsA !== wordsB) return [wordsA, wordsB];
  if (a.name !== b.name) return [`${wordsA} (${a.name})`, `${wordsB} (${b.name})`];
  return [`${wordsA} (${a.name}, A)`, `${wordsB} (${b.name}, B)`];
}

function comparedRun(recording: Recording, label: string): ComparedRun {
  const startMs = replayTimeline(recording).startMs;
  const points = recording.ticks.map((tick) => ({ t: (tick.t - startMs) / 1000, throughput: tick.jobs.throughput, eldP99: tick.host.eld?.p99 ?? null }));
  // Thinning keeps each bucket's worst loop delay: a stall must not vanish from a long run's chart.
  return { name: recording.name, label, startedAt: recording.header.startedAt, points: decimate(points, MAX_COMPARE_POINTS, (p) => p.eldP99) };
}

export function compareRecordings(a: Recording, b: Recording): Comparison {
  const changes = compareReports(buildReport(a), buildReport(b));
  const rows = (Object.keys(FIGURES) as FigureName[]).map((figure) => ({ figure, description: FIGURES[figure], ...changes[figure] }));
  const [labelA, labelB] = compareLabels(a, b);
  return { a: comparedRun(a, labelA), b: comparedRun(b, labelB), rows };
}

/** A figure as the table shows it: integers bare, others to 2 significant decimals, n/a for unknown. */
export function figureText(value: number | null): string {
  if (value === null) return 'n/a';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}

/** "+12.5 %" or "" when there is no base to compare with. */
export function percentText(percent: number | null): string {
  if (percent === null) return '';
  return `${percent > 0 ? '+' : ''}${percent.toFixed(1)} %`;
}
