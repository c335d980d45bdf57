/**
 * Whether the run on screen is attached to the user's app, what it runs and how the app ended, as the messages
 * tell it: a `run-started` with `attached` begins one, the ticks of a run joined late (or of a recording cut
 * before its start) say `attached` as their strategy, `app-exited` gives the app's end, and the summary repeats
 * the command and the end. Also the app's first process as a row of the unit table: the engine sends it as the
 * tick's `host` (it is the host of an attached run), and the table lists processes and threads. Pure.
 */
import { ATTACHED, type AppExit, type AttachSpec } from '../../../shared/attach';
import type { CommandResult } from '../../../shared/lab-api';
import type { LabEvent, Summary, Tick, UnitTick } from '../../../shared/messages';

export interface AttachedRun {
  /** What the lab runs; null when only the ticks said the run is attached (joined late). */
  spec: AttachSpec | null;
  /** How the app ended; null while it runs. */
  exit: AppExit | null;
}

/** The unit-table id of the app's first process (a tick's host on an attached run). */
export const APP_MAIN_ID = 'app-main';

export function attachedAfterEvent(current: AttachedRun | null, event: LabEvent): AttachedRun | null {
  switch (event.event) {
    case 'run-started':
      return event.attached ? { spec: event.attached, exit: null } : null;
    case 'run-stopped':
      return event.attached && !current?.spec ? { spec: event.attached, exit: current?.exit ?? null } : current;
    case 'app-exited': {
      const { code, signal, byLab, detail } = event;
      return { spec: current?.spec ?? null, exit: { code, signal, byLab, detail } };
    }
    default:
      return current;
  }
}

/** A tick of a lab run ends an attached view whose end was missed; an attached tick starts one whose start was. */
export function attachedAfterTick(current: AttachedRun | null, tick: Tick): AttachedRun | null {
  const attached = tick.strategy === ATTACHED;
  if (attached === (current !== null)) return current;
  return attached ? { spec: null, exit: null } : null;
}

export function attachedAfterSummary(current: AttachedRun | null, summary: Summary): AttachedRun | null {
  const app = summary.attached;
  if (!app) return current;
  const { command, cwd } = app;
  return { spec: current?.spec ?? { command, cwd }, exit: current?.exit ?? app.exit };
}

/** A command's answer (getState's included) names the attached run going on: a window opened during it learns the command here. */
export function attachedAfterResult(current: AttachedRun | null, result: CommandResult): AttachedRun | null {
  if (!result.ok || !result.attached) return current;
  if (current?.spec && sameSpec(current.spec, result.attached)) return current;
  return { spec: result.attached, exit: current?.exit ?? null };
}

function sameSpec(a: AttachSpec, b: AttachSpec): boolean {
  return a.cwd === b.cwd && a.command.length === b.command.length && a.command.every((arg, i) => arg === b.command[i]);
}

/**
 * The app's first process as a unit-table row: its main thread's figures are the tick's host sample (its own
 * process's RSS; its worker threads are units of their own). Exited once the tick's app says it has (how, the
 * `app-exited` event says: the run ends with it).
 */
export function appMainUnit(tick: Tick): UnitTick {
  const { host } = tick;
  const root = tick.app?.processes.find((process) => process.root);
  const exited = root?.exit !== undefined;
  return {
    id: APP_MAIN_ID,
    kind: 'process',
    strategy: ATTACHED,
    pid: host.pid,
    threadId: null,
    state: exited ? 'exited' : 'idle',
    eld: host.eld,
    elu: host.elu,
    cpu: host.cpu,
    rss: host.rss,
    heapUsed: host.heapUsed,
    done: 0,
    busy: host.busy,
    gc: host.gc,
  };
}
