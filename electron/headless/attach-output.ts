/**
 * What the CLI prints of an attached run (shared/attach.ts) without --json: a line per second with the app's
 * processes, threads and HTTP instead of the lab's jobs, a line when the app exits, and a summary that names the
 * command and how it ended. With --json the ticks, events and the summary go out as NDJSON like any run's.
 */
import type { AppExit } from '../../shared/attach';
import type { AppExitedEvent, Summary, Tick } from '../../shared/messages';
import { commandLine, httpStatusText, responsesIn } from '../../shared/recording/attached-report';

/** A number as the human output prints it; `-` for a figure not measured (null), never a 0 standing in for it. */
const f = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? '-' : n.toFixed(digits));
/** A latency in ms: to 0.1 ms, and finer below it (a fast server answers in a few µs: not "0.0 ms"). */
const latencyMs = (n: number | null | undefined) => (n === null || n === undefined ? '-' : n >= 0.1 ? n.toFixed(1) : n.toPrecision(2));

/** One line per second of an attached run. */
export function attachedTickLine(tick: Tick): string {
  const { host, app } = tick;
  const processes = app ? String(app.processes.filter((p) => !p.exit).length) : '-';
  const threads = tick.units.filter((u) => u.threadId !== null && u.state !== 'exited').length;
  const http = app?.http ?? null;
  const httpText = http
    ? `http ${f(http.perSecond, 0).padStart(5)}/s  p99 ${latencyMs(http.latency?.p99).padStart(7)} ms  in flight ${String(http.inFlight).padStart(3)}  5xx ${http.finished['5xx']}  aborted ${http.aborted}`
    : 'http -';
  const refused = app && app.refused > 0 ? `  refused ${app.refused}` : '';
  return (
    `${f(tick.t / 1000)}s ${tick.strategy.padEnd(9)} host eld p99 ${f(host.eld?.p99).padStart(6)} ms  elu ${f(host.elu, 2)}  ` +
    `processes ${processes.padStart(2)}  threads ${String(threads).padStart(2)}  ${httpText}${refused}`
  );
}

/** How the app ended, in the engine's words (which say whether the lab ended it) and figures. */
export function appExitText(exit: AppExit): string {
  return `${exit.detail} (exit code ${exit.code ?? 'none'}, signal ${exit.signal ?? 'none'})`;
}

/** `1 thing`, or `n things`. */
const counted = (n: number, one: string, more = `${one}s`) => `${n} ${n === 1 ? one : more}`;

/** The line the app's exit prints as it happens. */
export function appExitedLine(event: AppExitedEvent): string {
  return `app (pid ${event.pid}) ended: ${appExitText(event)}`;
}

/** The summary of an attached run: the command, how the app ended, its HTTP, what was seen. */
export function attachedSummaryLines(s: Summary & { attached: NonNullable<Summary['attached']> }): string {
  const a = s.attached;
  const http = a.http;
  const httpText = http
    ? `${responsesIn(http)} HTTP responses in ${(s.t / 1000).toFixed(1)} s (${f(http.perSecond)}/s, ${http.latency ? `latency p50 ${latencyMs(http.latency.p50)} ms p99 ${latencyMs(http.latency.p99)} ms` : 'latency not measured: no response finished'}; ${httpStatusText(http)})`
    : `no HTTP served in ${(s.t / 1000).toFixed(1)} s`;
  return (
    `\nattached: ${commandLine(a.command)} (in ${a.cwd})` +
    `\napp: ${a.exit ? appExitText(a.exit) : 'its end was not seen'}` +
    `\nsummary: ${httpText}` +
    `\n${s.hostEld ? `host event-loop delay p99 ${f(s.hostEld.p99)} ms, max ${f(s.hostEld.max)} ms` : 'host event-loop delay not measured'}; ` +
    `${counted(a.processesSeen, 'process', 'processes')} and ${counted(a.threadsSeen, 'worker thread')} seen, ${s.unitsAlive} alive; ${counted(a.refused, 'connection')} refused`
  );
}
