/**
 * What the Attach panel says, as text: why it cannot attach, the app's processes as table rows, the connections
 * refused, how the app ended. Pure, so the words are tested without a browser. Not measured is a dash, never 0:
 * a process without the agent has no HTTP figures, and one that served nothing in the tick has no latency.
 */
import { STATUS_CLASSES, type AppExit, type AppProcessTick, type AppTick } from '../../../shared/attach';
import { formatCount, formatMs } from '../state/format';

/** A time in the column's unit (ms, the header says it), without repeating it; past 10 s it says "s". */
const bareMs = (ms: number): string => formatMs(ms).replace(/ ms$/, '');

/** The run's label wherever a strategy's name would be (the toolbar, the summary, the event log). */
export const ATTACHED_LABEL = 'your app (attached)';

/** Why the strategy toggles and the job settings are disabled while an attached run goes. */
export const ATTACHED_REASON = 'attached: the app decides how its work runs';

/** Why Start is disabled, by what the host said of attaching (getState's `canAttach`); null when it may. */
export function unavailableReason(canAttach: boolean | null): string | null {
  if (canAttach === true) return null;
  if (canAttach === false) return 'Browser mode runs commands only when started with npm run web -- --allow-attach.';
  return 'This window cannot start a command: it shows a recording, or its lab does not offer attach.';
}

export interface AppProcessRow {
  pid: number;
  ppid: number;
  command: string;
  /** The app's first process, the one the lab started: the run's host. */
  root: boolean;
  agentText: string;
  agentTitle: string;
  rateText: string;
  latencyText: string;
  /** Responses by status class, the ones seen (`HTTP 2xx 24 · 4xx 1`, and aborted), or why there are none. */
  statusText: string;
  /** 5xx or aborted requests in the tick. */
  failing: boolean;
  /** "exited with code 1" once it has ended; null while it runs. */
  exitText: string | null;
}

function statusText(process: AppProcessTick): string {
  const { http } = process;
  if (!process.agent) return 'no agent: CPU and memory only';
  if (!http) return 'serves no HTTP';
  const parts = STATUS_CLASSES.filter((c) => http.finished[c] > 0).map((c) => `${c} ${formatCount(http.finished[c])}`);
  if (http.aborted > 0) parts.push(`aborted ${formatCount(http.aborted)}`);
  return `HTTP ${parts.length > 0 ? parts.join(' · ') : 'no response this tick'}`;
}

function exitText(exit: AppProcessTick['exit']): string | null {
  if (!exit) return null;
  return exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code ?? '?'}`;
}

/** One row per process of the app, the first process first, then by pid (a row does not move as figures change). */
export function appProcessRows(app: AppTick): AppProcessRow[] {
  return [...app.processes]
    .sort((a, b) => Number(b.root) - Number(a.root) || a.pid - b.pid)
    .map((process) => ({
      pid: process.pid,
      ppid: process.ppid,
      command: process.command,
      root: process.root,
      agentText: process.agent ? 'yes' : 'no',
      agentTitle: process.agent
        ? "the lab's agent runs in it: event loop, GC and HTTP figures"
        : 'not a Node process (or started without NODE_OPTIONS): CPU and memory from /proc only, no event-loop figures',
      rateText: process.http ? `${process.http.perSecond.toFixed(process.http.perSecond >= 100 ? 0 : 1)}` : '–',
      latencyText: process.http?.latency ? `${bareMs(process.http.latency.p50)} / ${bareMs(process.http.latency.p99)}` : '–',
      statusText: statusText(process),
      failing: process.http !== null && (process.http.finished['5xx'] > 0 || process.http.aborted > 0),
      exitText: exitText(process.exit),
    }));
}

/** The connections refused so far, in words; null when none was. */
export function refusedText(refused: number): string | null {
  if (refused <= 0) return null;
  return `${formatCount(refused)} connection${refused === 1 ? '' : 's'} to the lab's port refused: not opened with this run's token`;
}

/** How the app ended, in a sentence, in the engine's words ("exited with code 3", "killed by SIGTERM after Stop"). */
export function exitSentence(exit: AppExit): string {
  return `Your app ${exit.detail}.`;
}
