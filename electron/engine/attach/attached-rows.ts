/**
 * How a tick shows the attached app: the host (its first process's main thread), a unit row per other process
 * and per worker thread, and a row per process for `Tick.app`. Each thread's busy slices and collections over the
 * tick's window are taken here, as the lab's own units' are (supervision/unit-record.ts): past a thread's last
 * report a slice reads idle, or busy while the thread is blocked.
 * What each row can say depends on where it comes from: a thread with the agent says everything a lab unit says;
 * a process without it (a shell, Python) only its CPU and memory from /proc; a worker seen only by its parent
 * (an eval worker) only its utilisation. The rest is null: not measured.
 */
import { performance } from 'node:perf_hooks';
import type { SliceWindow } from '../../../shared/activity/busy-slices';
import { ATTACHED, type AppProcessTick } from '../../../shared/attach';
import type { HostSample, LoopSample, UnitTick } from '../../../shared/messages';
import type { AppProcess, AppThread } from './app-parts';

/**
 * A thread with an open connection silent this many intervals is blocked: its agent reports on a timer, which a
 * loop held by a long task does not run. Two, not the lab units' 1.5: the agent's timer is unref'd and shares
 * the app's loop, so one late report on a busy machine is no block.
 */
const BLOCKED_AFTER_INTERVALS = 2;

/** Whether the thread's agent is connected and has not reported for {@link BLOCKED_AFTER_INTERVALS} intervals (or at all). */
export function isSilent(thread: AppThread, now: number, intervalMs: number): boolean {
  return thread.connection !== null && (thread.sample === null || now - thread.sampleAt > BLOCKED_AFTER_INTERVALS * intervalMs);
}

/**
 * Takes the thread's CPU over the tick from /proc (when it has an OS thread id) and, while its agent is silent,
 * keeps the share and spreads that CPU time over the tick's slices: the busy of a thread whose loop does not turn.
 */
export function readSilentCpu(thread: AppThread, now: number, intervalMs: number): void {
  const stretch = thread.taskCpu?.read(now) ?? null;
  thread.silentCpu = null;
  if (stretch === null || thread.exit || !isSilent(thread, now, intervalMs)) return;
  thread.silentCpu = Math.min(1, stretch.cpuMs / (stretch.to - stretch.from));
  const from = performance.timeOrigin + stretch.from;
  const to = performance.timeOrigin + stretch.to;
  thread.slices.spreadBusy(Math.max(from, thread.slices.coveredTo), to, stretch.cpuMs);
  thread.slices.coveredTo = Math.max(thread.slices.coveredTo, to);
}

/**
 * A silent thread's loop runs no timer: it is blocked (utilisation 1, delay at least the silence), unless /proc
 * says it is not running either (under half a core over the tick), as a thread parked in `Atomics.wait` is.
 */
function ownFigures(thread: AppThread, now: number, intervalMs: number): { sample: LoopSample | null; blocked: boolean } {
  const s = thread.sample;
  if (s === null || !isSilent(thread, now, intervalMs)) return { sample: s, blocked: false };
  if (thread.silentCpu !== null && thread.silentCpu < 0.5) return { sample: s, blocked: false };
  const silentMs = now - thread.sampleAt;
  const atLeast = Math.round(silentMs - intervalMs);
  return { sample: { ...s, elu: 1, eld: { p50: s.eld?.p50 ?? atLeast, p99: Math.max(s.eld?.p99 ?? 0, atLeast), max: Math.max(s.eld?.max ?? 0, atLeast) } }, blocked: true };
}

/** The thread's slices over the window (taken), or null when it never reported and /proc told nothing of it. */
function activity(thread: AppThread, window: SliceWindow, blocked: boolean) {
  return thread.sample !== null || Number.isFinite(thread.slices.coveredTo) ? thread.slices.takeWindow(window, blocked ? 1 : 0) : null;
}

/** The host: the root's main thread as its agent tells it, and the whole root process from /proc. */
export function hostSample(root: AppProcess, window: SliceWindow, now: number, intervalMs: number): HostSample {
  const { sample: s, blocked } = ownFigures(root.main, now, intervalMs);
  const measured = activity(root.main, window, blocked);
  const proc = root.gone ? null : root.proc;
  return {
    eld: s?.eld ?? null,
    elu: s?.elu ?? null,
    // Without the agent (a shell as the first process) /proc's whole-process CPU is the closest to its thread's.
    cpu: s?.cpu ?? (root.agent ? null : (proc?.cpu ?? null)),
    rss: proc?.rss ?? s?.rss ?? null,
    heapUsed: s?.heapUsed ?? null,
    // Every thread of the process, from /proc; where there is none (not Linux), the main thread's.
    processCpu: proc?.cpu ?? s?.cpu ?? 0,
    pid: root.pid,
    busy: measured?.busy ?? null,
    gc: measured?.gc ?? null,
  };
}

/** A thread's state as a tick shows it: busy when blocked or its loop (else its CPU) was busy over half the time. */
function stateOf(thread: AppThread, busyShare: number | null, blocked: boolean): UnitTick['state'] {
  if (thread.exit) return 'exited';
  if (blocked) return 'busy';
  if (busyShare === null) return 'starting';
  return busyShare >= 0.5 ? 'busy' : 'idle';
}

/** The unit row of a process other than the root: its main thread's figures, else /proc's. */
export function processRow(process: AppProcess, window: SliceWindow, now: number, intervalMs: number): UnitTick {
  const main = process.main;
  const { sample: s, blocked } = ownFigures(main, now, intervalMs);
  const measured = activity(main, window, blocked);
  const proc = process.gone ? null : process.proc;
  // A process whose agent is gone (or never came) is told by /proc alone; a stale loop sample would be a guess.
  const live = main.connection !== null ? s : null;
  const cpu = live?.cpu ?? proc?.cpu ?? null;
  const row: UnitTick = {
    id: main.unitId,
    kind: 'process',
    strategy: ATTACHED,
    pid: process.pid,
    threadId: null,
    // Starting while its agent has connected and not reported yet; a process told by /proc by its CPU.
    state: stateOf(main, live ? (live.elu ?? 0) : main.connection !== null ? null : (cpu ?? 0), blocked),
    eld: live?.eld ?? null,
    elu: live?.elu ?? null,
    cpu,
    rss: proc?.rss ?? live?.rss ?? null,
    heapUsed: live?.heapUsed ?? null,
    done: main.done,
    busy: measured?.busy ?? null,
    gc: measured?.gc ?? null,
  };
  return finish(row, main, blocked);
}

/** The unit row of a worker thread: its agent's figures, else its utilisation as its parent reported it. */
export function threadRow(process: AppProcess, thread: AppThread, window: SliceWindow, now: number, intervalMs: number): UnitTick {
  const { sample: s, blocked } = ownFigures(thread, now, intervalMs);
  const measured = activity(thread, window, blocked);
  const own = s !== null;
  const elu = own ? s.elu : (thread.parentElu ?? null);
  // Silent, its CPU from /proc says whether it works or waits; else its loop's utilisation does.
  const cpu = thread.silentCpu ?? s?.cpu ?? null;
  const busyShare = thread.silentCpu ?? (own || thread.parentElu !== undefined ? (elu ?? 0) : null);
  const row: UnitTick = {
    id: thread.unitId,
    kind: 'thread',
    strategy: ATTACHED,
    pid: process.pid,
    threadId: thread.threadId,
    state: stateOf(thread, busyShare, blocked),
    eld: s?.eld ?? null,
    elu,
    cpu,
    // A worker shares its process's memory: its row has none of its own, as a lab thread's.
    rss: null,
    heapUsed: s?.heapUsed ?? null,
    done: thread.done,
    busy: measured?.busy ?? null,
    gc: measured?.gc ?? null,
  };
  return finish(row, thread, blocked);
}

function finish(row: UnitTick, thread: AppThread, blocked: boolean): UnitTick {
  if (thread.exit) row.exit = { ...thread.exit };
  if (blocked) row.blocked = true;
  return row;
}

/** The process as `Tick.app` lists it, with its HTTP over the tick (taken). */
export function appProcessRow(process: AppProcess, tickSeconds: number): AppProcessTick {
  const row: AppProcessTick = {
    pid: process.pid,
    ppid: process.ppid,
    command: process.command,
    agent: process.agent,
    root: process.root,
    http: process.http.takeTick(tickSeconds),
  };
  if (process.gone) row.exit = { code: process.end?.code ?? null, signal: process.end?.signal ?? null };
  return row;
}
