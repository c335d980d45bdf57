/**
 * What went wrong, in words and on the time axis: unit exits the lab did not plan (crash, injected fault, timeout, kill)
 * become markers on the event-loop delay chart and lines of a bounded event log, next to the few other
 * events worth reading later (run start and stop, switches, settings changed, a lost unit replaced). On a run
 * attached to the user's app, every process and thread of it that starts or ends is news: the lab did not plan it.
 * Pure data and small classes, so the words and the bounds are tested without a browser.
 */
import { ATTACHED, type RunStrategy } from '../../../shared/attach';
import { joinCommandLine } from '../attach/argv';
import type { ConfigChangedEvent, ExitCause, ExitFacts, LabEvent, SettingName, Summary, UnitExitedEvent, UnitKind, UnitStartedEvent } from '../../../shared/messages';
import type { RunConfig } from '../../../shared/run-config';
import { fieldLabel } from '../settings/settings-table';
import { RingBuffer } from './ring-buffer';

/** Exits worth a marker: the unit did not end because the lab was done with it. */
export type AbnormalCause = Extract<ExitCause, 'crash' | 'injected' | 'timeout' | 'killed' | 'external'>;

/** True for an exit worth reading: anything but a stop and a one-shot unit done with its job. */
export function isAbnormal(cause: ExitCause): cause is AbnormalCause {
  return cause === 'crash' || cause === 'injected' || cause === 'timeout' || cause === 'killed' || cause === 'external';
}

/** How the unit table, the chart and the log name an abnormal exit. */
export const CAUSE_WORDS: Readonly<Record<AbnormalCause, string>> = {
  crash: 'crashed',
  injected: 'crashed (injected)',
  timeout: 'timed out',
  killed: 'killed',
  external: 'killed from outside',
};

/** A tick on the event-loop delay chart where a unit died. */
export interface ExitMarker {
  /** Seconds since the run started. */
  t: number;
  cause: AbnormalCause;
  unitId: string;
  /** The tooltip: "thread 7 crashed: exited with code 1". */
  text: string;
}

/** `started` and `exited`: a process or thread of an attached app began or ended on its own terms. */
export type LogKind = 'run' | 'switch' | 'config' | 'replaced' | 'started' | 'exited' | AbnormalCause;

/** One line of the event log. */
export interface LogEntry {
  /** Increasing; the React key. */
  id: number;
  /** Seconds since the run started. */
  t: number;
  kind: LogKind;
  /** "thread 7", "pid 4242", or null for run-wide events. */
  unit: string | null;
  text: string;
  strategy: RunStrategy | null;
}

/** The same words as the unit table: a thread by its id, a process by its pid; an app's thread by both (it has many processes). */
export function unitLabel(unit: { kind: UnitKind; pid: number; threadId: number | null; strategy?: RunStrategy }): string {
  if (unit.kind === 'thread' && unit.strategy === ATTACHED) return `pid ${unit.pid} · thread ${unit.threadId ?? '?'}`;
  return unit.kind === 'thread' ? `thread ${unit.threadId ?? '?'}` : `pid ${unit.pid}`;
}

/**
 * What an exit was, in words: the engine's own (`detail`, given for every abnormal exit), else the bare exit
 * (a recording made before the engine gave words for timeouts and kills).
 */
export function exitDetail(exit: Pick<ExitFacts, 'code' | 'signal' | 'detail'>): string {
  if (exit.detail) return exit.detail;
  return exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code ?? '?'}`;
}

/** The chart marker of an exit, or null for a planned one (stop, a one-shot unit done). */
export function exitMarker(event: UnitExitedEvent): ExitMarker | null {
  if (!isAbnormal(event.cause)) return null;
  return {
    t: event.t / 1000,
    cause: event.cause,
    unitId: event.unitId,
    text: `${unitLabel(event)} ${CAUSE_WORDS[event.cause]}: ${exitDetail(event)}`,
  };
}

/** Settings a user changes to watch them act; named in the log when an event says it changed them. */
const LOGGED_SETTINGS: ReadonlySet<SettingName> = new Set<SettingName>(['workload', 'size', 'loadMode', 'rate', 'concurrency', 'fault', 'faultEvery', 'jobTimeoutMs', 'memoryLimitMb', 'retry', 'maxQueue', 'drainMs']);

/**
 * The logged settings an event says it changed (the engine's `changed`, read as is), with their new values in
 * words. An event from before the engine named them (an older recording) names none.
 */
export function loggedChanges(event: { changed?: readonly SettingName[]; config: RunConfig }): Map<SettingName, string> {
  return new Map((event.changed ?? []).filter((key) => LOGGED_SETTINGS.has(key)).map((key) => [key, String(event.config[key])]));
}

function changesText(changes: ReadonlyMap<string, string>): string {
  return [...changes].map(([key, value]) => `${key} ${value}`).join(', ');
}

/** Settings changed within this many seconds of the previous change share its log line. */
export const CONFIG_MERGE_S = 2;

export interface EventLogOptions {
  /** Lines kept; the oldest go first. */
  capacity?: number;
}

/** Most lost units whose labels are kept while their replacements start (the restart backoff delays them). */
const MAX_LOST = 256;

/**
 * The event log of one run, bounded. It names the unit a replacement stands in for (the engine says which, by
 * id, in `replaces`; the log keeps the words of lost units to name it as the unit table did). What it writes
 * comes from the events as they are: an exit's cause and words, the settings a change named.
 */
export class EventLog {
  private readonly lines: RingBuffer<LogEntry>;
  private nextId = 1;
  /** Labels ("thread 7") of units that exited abnormally, by id, until their replacement names them. */
  private readonly lost = new Map<string, string>();
  /** The settings named by the newest config line, while it can still take more. */
  private lastChanges: Map<string, string> | null = null;

  constructor(options: EventLogOptions = {}) {
    this.lines = new RingBuffer(options.capacity ?? 100);
  }

  get size(): number {
    return this.lines.size;
  }

  /** Adds the line an event deserves, if any. Returns true when a line was added. */
  apply(event: LabEvent): boolean {
    const t = event.t / 1000;
    if (event.event === 'run-started') this.clear();
    switch (event.event) {
      case 'run-started':
        if (event.attached) return this.add(t, 'run', null, `attached: ${joinCommandLine(event.attached.command)}`, ATTACHED);
        // Your own workload by its name (its `name` export or file name), not as "custom".
        return this.add(t, 'run', null, `run started: ${event.config.strategy}, ${event.config.workloadModule?.name ?? event.config.workload} ${event.config.size}`, event.config.strategy);
      case 'run-stopped':
        return this.add(t, 'run', null, 'run stopped', event.attached ? 'attached' : event.config.strategy);
      case 'app-exited':
        return this.add(t, 'run', null, `app ${event.detail}`, 'attached');
      case 'strategy-switched': {
        const took = `first job after ${Math.round(event.firstReadyMs)} ms, all ready in ${Math.round(event.readyMs)} ms`;
        const drain = event.from !== null && (event.drained > 0 || event.failedOnDrain > 0) ? `; old jobs drained ${event.drained}, failed ${event.failedOnDrain}` : '';
        const named = (event.changed ?? []).filter((key) => key !== 'strategy');
        const why = named.length > 0 ? named.map((key) => `${key} ${String(event.config[key])}`).join(', ') : 'settings changed';
        const text = event.from === null ? `${event.to} ${took}` : event.from === event.to ? `new ${event.to} units (${why}) ${took}${drain}` : `${event.from} → ${event.to}, ${took}${drain}`;
        return this.add(t, 'switch', null, text, event.to);
      }
      case 'config-changed':
        return this.configChanged(t, event);
      case 'unit-exited': {
        // An app's process or thread that ends is news however it ends (the lab's Stop aside: the run's line says it).
        if (event.strategy === ATTACHED && !isAbnormal(event.cause)) {
          return event.cause === 'stop' ? false : this.add(t, 'exited', unitLabel(event), exitDetail(event), ATTACHED);
        }
        if (!isAbnormal(event.cause)) return false;
        this.remember(event.unitId, unitLabel(event));
        return this.add(t, event.cause, unitLabel(event), exitDetail(event), event.strategy);
      }
      case 'unit-started':
        if (event.strategy === ATTACHED) return this.add(t, 'started', unitLabel(event), `${event.kind} started`, ATTACHED);
        return this.replaced(event, t);
      case 'experiment-started':
        return this.add(t, 'run', null, `experiment ${event.id}: ${event.segments.map((s) => s.label).join(' → ')}, ${(event.endMs / 1000).toFixed(0)} s`, null);
      case 'error':
      // The Advisor panel shows the advisor's progress and answer.
      case 'advisor-progress':
      case 'advice':
        return false;
    }
  }

  /** Newest first: what the panel shows. */
  newestFirst(): LogEntry[] {
    return this.lines.toArray().reverse();
  }

  clear(): void {
    this.lines.clear();
    this.lost.clear();
    this.lastChanges = null;
  }

  /**
   * One line per burst of settings: a user typing several fields in a row (or the app resetting them) reads as
   * "set fault none, jobTimeoutMs 0" rather than a line each; a setting changed twice shows its last value.
   */
  private configChanged(t: number, event: ConfigChangedEvent): boolean {
    if (event.givenBack !== undefined) {
      // Every setting the experiment or advisor had changed, as the fields are labelled: what the next Start runs.
      const given = (event.changed ?? []).filter((key) => typeof event.config[key] !== 'object').map((key) => `${fieldLabel(key)} ${String(event.config[key])}`).join(', ');
      this.lastChanges = null;
      return this.add(t, 'config', null, `settings given back after ${event.givenBack}${given ? `: ${given}` : ' (unchanged)'}`, event.config.strategy);
    }
    const changes = loggedChanges(event);
    if (changes.size === 0) return false;
    const last = this.lines.last();
    if (last && last.kind === 'config' && this.lastChanges && t - last.t <= CONFIG_MERGE_S) {
      for (const [key, value] of changes) {
        this.lastChanges.delete(key);
        this.lastChanges.set(key, value);
      }
      this.lines.replaceLast({ ...last, text: `set ${changesText(this.lastChanges)}`, strategy: event.config.strategy });
      return true;
    }
    this.lastChanges = new Map(changes);
    return this.add(t, 'config', null, `set ${changesText(changes)}`, event.config.strategy);
  }

  /** A replacement after an exit, named by the engine; a unit started for any other reason is not news. */
  private replaced(event: UnitStartedEvent, t: number): boolean {
    if (event.replaces === undefined) return false;
    // The id itself when the lost unit's exit was not seen (connected mid-run): still names it exactly.
    const label = this.lost.get(event.replaces) ?? event.replaces;
    this.lost.delete(event.replaces);
    return this.add(t, 'replaced', unitLabel(event), `replaces ${label}, up in ${Math.round(event.startupMs)} ms`, event.strategy);
  }

  private remember(unitId: string, label: string): void {
    if (this.lost.size >= MAX_LOST) this.lost.delete(this.lost.keys().next().value as string);
    this.lost.set(unitId, label);
  }

  private add(t: number, kind: LogKind, unit: string | null, text: string, strategy: RunStrategy | null): true {
    this.lines.push({ id: this.nextId++, t, kind, unit, text, strategy });
    return true;
  }
}

/** One reason jobs failed, with its count. */
export interface FailureRow {
  reason: string;
  count: number;
}

/**
 * The failure reasons of a summary, most frequent first, at most `max` rows; the rest are folded into one
 * "other reasons" row so a run with many distinct errors still reads in a glance.
 */
export function failureRows(failures: Summary['failures'], max = 5): FailureRow[] {
  const rows = Object.entries(failures)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  if (rows.length <= max) return rows;
  const kept = rows.slice(0, max - 1);
  const rest = rows.slice(max - 1);
  kept.push({ reason: `${rest.length} other reasons`, count: rest.reduce((sum, row) => sum + row.count, 0) });
  return kept;
}
