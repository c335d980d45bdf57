/**
 * What a report says of an attached run (shared/attach.ts): the command and how the app ended, its incoming
 * HTTP over the run, and the processes, threads and refused connections seen. From the summary when the
 * recording has one; a run cut short before it still has the counts its ticks add up to (requests, errors,
 * processes and threads seen) but no percentiles over the whole run, which only the summary can say.
 */
import { STATUS_CLASSES, type AppExit, type AttachSpec, type HttpInterval, type StatusClass } from '../attach';
import type { Tick } from '../messages';
import type { Recording } from './format';

/** The figures only an attached run has, by the name thresholds use, and what each is. */
export const ATTACHED_FIGURES = {
  'http.requests': 'HTTP responses the app finished over the run',
  'http.rps': 'HTTP responses per second over the run',
  'http.p50': 'HTTP request-to-response latency p50 over the run, ms',
  'http.p99': 'HTTP request-to-response latency p99 over the run, ms',
  'http.errors': 'HTTP 5xx responses and requests aborted before their response',
  'app.exit.code': "the app's exit code (not measured when a signal ended it)",
  'app.failed': '1 when the app ended on its own with a code other than 0 or by a signal, else 0',
  'app.processes': 'processes of the app seen (its first one included)',
  'app.threads': 'worker threads of the app seen',
  'app.refused': "connections to the lab's port refused: no token, a wrong one, or not the agent's protocol",
} as const;

/** One of {@link ATTACHED_FIGURES}. */
export type AttachedFigureName = keyof typeof ATTACHED_FIGURES;

/** An attached run as its report tells it. */
export interface AttachedReport extends AttachSpec {
  /** How the app ended; null when the recording stops before it did. */
  exit: AppExit | null;
  /** Responses finished over the run by status class, and requests aborted; null when no process served HTTP. */
  http: { finished: Record<StatusClass, number>; aborted: number } | null;
}

/** A command line as a person would type it: arguments with spaces or quotes in single quotes. */
export function commandLine(argv: readonly string[]): string {
  return argv.map((arg) => (arg !== '' && /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** What the run attached to: the summary's, else the run-started event's; null for a run of the lab's own. */
function attachedSpec(recording: Recording): AttachSpec | null {
  const fromSummary = recording.summary?.attached;
  if (fromSummary) return { command: fromSummary.command, cwd: fromSummary.cwd };
  for (const event of recording.events) if (event.event === 'run-started' && event.attached) return event.attached;
  return null;
}

/** How the app ended: the summary's, else its app-exited event's; null when neither is in the recording. */
function appExit(recording: Recording): AppExit | null {
  if (recording.summary?.attached) return recording.summary.attached.exit;
  for (const event of recording.events) {
    if (event.event === 'app-exited') return { code: event.code, signal: event.signal, byLab: event.byLab, detail: event.detail };
  }
  return null;
}

/** The responses finished in one interval, every status class. */
export function responsesIn(http: Pick<HttpInterval, 'finished'>): number {
  return STATUS_CLASSES.reduce((sum, status) => sum + http.finished[status], 0);
}

/** The responses by status class and the aborted requests, added up over the ticks; null when no tick had HTTP. */
function httpOverTicks(ticks: readonly Tick[]): AttachedReport['http'] {
  const served = ticks.flatMap((tick) => (tick.app?.http ? [tick.app.http] : []));
  if (served.length === 0) return null;
  const finished = Object.fromEntries(STATUS_CLASSES.map((status) => [status, served.reduce((sum, http) => sum + http.finished[status], 0)])) as Record<StatusClass, number>;
  return { finished, aborted: served.reduce((sum, http) => sum + http.aborted, 0) };
}

/** The attached part of a report, or null for a run of the lab's own. */
export function attachedReport(recording: Recording): AttachedReport | null {
  const spec = attachedSpec(recording);
  if (!spec) return null;
  const total = recording.summary?.attached?.http;
  const http = recording.summary?.attached ? (total ? { finished: { ...total.finished }, aborted: total.aborted } : null) : httpOverTicks(recording.ticks);
  return { ...spec, exit: appExit(recording), http };
}

/** Processes and worker threads seen over the ticks (for a recording without its summary). */
function seenOverTicks(ticks: readonly Tick[]): { processes: number; threads: number } {
  const processes = new Set<number>();
  const threads = new Set<string>();
  for (const tick of ticks) {
    for (const appProcess of tick.app?.processes ?? []) processes.add(appProcess.pid);
    for (const unit of tick.units) if (unit.threadId !== null) threads.add(`${unit.pid}/${unit.threadId}`);
  }
  return { processes: processes.size, threads: threads.size };
}

/** The attached figures of a recording: all null for a run of the lab's own (not measured there). */
export function attachedFigures(recording: Recording, attached: AttachedReport | null): Record<AttachedFigureName, number | null> {
  const figures: Record<AttachedFigureName, number | null> = {
    'http.requests': null,
    'http.rps': null,
    'http.p50': null,
    'http.p99': null,
    'http.errors': null,
    'app.exit.code': null,
    'app.failed': null,
    'app.processes': null,
    'app.threads': null,
    'app.refused': null,
  };
  if (!attached) return figures;
  const { summary, ticks } = recording;
  const total = summary?.attached;
  const last = ticks.at(-1);
  if (attached.http) {
    const requests = responsesIn(attached.http);
    figures['http.requests'] = requests;
    figures['http.errors'] = attached.http.finished['5xx'] + attached.http.aborted;
    // Percentiles over the whole run only the summary has: a median of the ticks' p99s would not be one.
    figures['http.rps'] = total?.http ? total.http.perSecond : last && last.t > 0 ? (requests * 1000) / last.t : null;
    figures['http.p50'] = total?.http?.latency?.p50 ?? null;
    figures['http.p99'] = total?.http?.latency?.p99 ?? null;
  }
  if (attached.exit) {
    figures['app.exit.code'] = attached.exit.code;
    figures['app.failed'] = !attached.exit.byLab && attached.exit.code !== 0 ? 1 : 0;
  }
  const seen = total ? { processes: total.processesSeen, threads: total.threadsSeen } : seenOverTicks(ticks);
  figures['app.processes'] = seen.processes;
  figures['app.threads'] = seen.threads;
  figures['app.refused'] = total?.refused ?? last?.app?.refused ?? null;
  return figures;
}

/** The responses by status class and the aborted ones, as a report line says them. */
export function httpStatusText(http: NonNullable<AttachedReport['http']>): string {
  return `${STATUS_CLASSES.map((status) => `${status} ${http.finished[status]}`).join(', ')}, aborted ${http.aborted}`;
}
