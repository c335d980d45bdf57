/**
 * What one unit-table row shows, as text: the row re-renders only when one of these changes. The tracker makes a
 * new row object for every unit on every tick (its raw figures always move a little: ELU 0.0012 then 0.0013), so
 * comparing rows by reference would redraw all 64 rows five times a second; compared by what is on screen, an
 * idle unit's row, or an exited one, is left alone.
 */
import { ATTACHED } from '../../../shared/attach';
import { APP_MAIN_ID } from '../state/attached-run';
import { CAUSE_WORDS, isAbnormal } from '../state/events-log';
import { formatBytes, formatCount, formatMs, formatUnitCpu } from '../state/format';
import type { UnitRow } from '../state/units';

/** Sparkline box, px, and the samples it spans (a young unit's line starts at the right edge). */
export const SPARK = { width: 120, height: 28, capacity: 40 } as const;

export interface UnitRowView {
  id: string;
  kind: UnitRow['kind'];
  strategy: UnitRow['strategy'];
  pid: number;
  threadId: string;
  state: UnitRow['state'];
  exitCause: string;
  blocked: boolean;
  /** Under the kind: the strategy that owns it, or for an attached app's unit what it is ("app main", "no agent"). */
  ownerText: string;
  /** A unit of the user's app: the lab does not kill it, and it runs no jobs of the lab's. */
  app: boolean;
  idText: string;
  stateText: string;
  stateTitle: string | undefined;
  stateClass: string;
  cpuText: string;
  eluText: string;
  eldText: string;
  /** Collections in the last tick and their total pause, e.g. `2 · 3.1 ms`; a dash where not measured. */
  gcText: string;
  gcTitle: string | undefined;
  memoryText: string | null;
  memoryKind: string;
  doneText: string;
  /** The sparkline's polyline points ('' when there is no line yet). */
  sparkPoints: string;
}

/** A stop or a finished one-shot job is the normal end; anything else is worth reading. */
function stateText(unit: UnitRow): string {
  if (unit.state === 'busy' && unit.blocked) return 'blocked';
  if (unit.state === 'idle' && unit.blocked) return 'not responding';
  // An app's thread is not idle or busy with the lab's jobs: it runs, whatever it does.
  if (unit.strategy === ATTACHED && (unit.state === 'idle' || unit.state === 'busy')) return 'running';
  if (unit.state !== 'exited' || unit.exitCause === null || !isAbnormal(unit.exitCause)) return unit.state;
  return CAUSE_WORDS[unit.exitCause];
}

/** The tooltip of an exited row: why, in words. */
function stateTitle(unit: UnitRow): string | undefined {
  if (unit.state === 'busy' && unit.blocked) {
    return 'busy and silent for over 1.5 intervals: its event loop is blocked by a long or hung job (ELU shown as 100%, delay as at least the silence)';
  }
  if (unit.state === 'idle' && unit.blocked) {
    return 'silent for over 3 intervals with no job the lab knows of: the process is frozen (SIGSTOP, a debugger) or held by a job it did not announce (delay shown as at least the silence)';
  }
  const detail = unit.exitDetail ? `: ${unit.exitDetail}` : '';
  switch (unit.exitCause) {
    case 'crash':
      return `crashed${detail}; the lab starts a new one after a backoff`;
    case 'injected':
      return `crashed by the fault injected into its job${detail}; the lab starts a new one after a backoff`;
    case 'timeout':
      return `ended by the lab to cancel a job that ran over the job timeout${detail}; replaced at once`;
    case 'killed':
      return `killed by the user${detail}; replaced at once`;
    case 'external':
      return `killed from outside the lab${detail}; the lab starts a new one after a backoff`;
    case 'stop':
      return 'ended by stop or a strategy switch';
    default:
      return undefined;
  }
}

/** A unit's collections in the last tick: none, or how many and their pause in all; a dash where not measured. */
export function gcText(gc: UnitRow['gc']): string {
  if (gc === null) return '–';
  return gc.count === 0 ? '0' : `${gc.count} · ${gc.pauseMs.toFixed(1)} ms`;
}

/** The polyline of recent values (0..1) in a width x height box spanning `capacity` samples. */
export function sparklinePoints(values: readonly number[], width: number, height: number, capacity: number): string {
  const step = width / Math.max(1, capacity - 1);
  const offset = width - step * (values.length - 1);
  return values
    .map((v, i) => {
      const clamped = Math.min(1, Math.max(0, v));
      return `${(offset + i * step).toFixed(1)},${(height - 1 - clamped * (height - 2)).toFixed(1)}`;
    })
    .join(' ');
}

/** How the table names a unit: a thread by its id, a process by its pid; an app's thread by both, its first process as the run's host. */
function idText(unit: UnitRow): string {
  if (unit.strategy === ATTACHED) {
    if (unit.id === APP_MAIN_ID) return `app main (pid ${unit.pid})`;
    return unit.kind === 'process' ? `pid ${unit.pid}` : `pid ${unit.pid} · thread ${unit.threadId ?? '?'}`;
  }
  return unit.kind === 'process' ? `pid ${unit.pid}` : `thread ${unit.threadId ?? '?'}`;
}

function ownerText(unit: UnitRow, noAgent: boolean): string {
  if (unit.strategy !== ATTACHED) return unit.strategy;
  if (unit.id === APP_MAIN_ID) return 'app main';
  return noAgent ? 'no agent' : 'your app';
}

/** `noAgent`: an attached app's process the agent does not run in (a shell, a Python child): measured from /proc only. */
export function rowView(unit: UnitRow, noAgent = false): UnitRowView {
  return {
    id: unit.id,
    kind: unit.kind,
    strategy: unit.strategy,
    pid: unit.pid,
    threadId: unit.threadId === null ? '' : String(unit.threadId),
    state: unit.state,
    exitCause: unit.exitCause ?? '',
    blocked: unit.blocked,
    ownerText: ownerText(unit, noAgent),
    app: unit.strategy === ATTACHED,
    idText: idText(unit),
    stateText: stateText(unit),
    stateTitle: stateTitle(unit),
    stateClass: `state-badge state-${unit.state}${unit.exitCause ? ` cause-${unit.exitCause}` : ''}${unit.blocked ? ' state-blocked' : ''}`,
    cpuText: formatUnitCpu(unit.cpu, unit.elu !== null),
    eluText: unit.elu === null ? '–' : `${Math.round(unit.elu * 100)}%`,
    eldText: formatMs(unit.eldP99),
    gcText: gcText(unit.gc),
    gcTitle: unit.gc && unit.gc.count > 0 ? `${unit.gc.count} garbage collection(s) in the last tick: ${unit.gc.pauseMs.toFixed(1)} ms paused in all, the longest ${unit.gc.maxMs.toFixed(1)} ms` : undefined,
    memoryText: unit.memory ? formatBytes(unit.memory.bytes) : null,
    memoryKind: unit.memory?.kind ?? '',
    doneText: formatCount(unit.done),
    sparkPoints: unit.spark.length > 1 ? sparklinePoints(unit.spark, SPARK.width, SPARK.height, SPARK.capacity) : '',
  };
}

/** True when the two views show the same thing: every field is a primitive, so a shallow comparison is exact. */
export function sameRowView(a: UnitRowView, b: UnitRowView): boolean {
  if (a === b) return true;
  for (const key of Object.keys(a) as Array<keyof UnitRowView>) {
    if (a[key] !== b[key]) return false;
  }
  return true;
}
