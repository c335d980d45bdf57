/**
 * CPU time of the calling thread. `process.cpuUsage()` counts every thread of the process, so inside a worker
 * thread it would show the whole process. Node 23.9+ has `process.threadCpuUsage()` (microseconds); on older
 * Node (20 here) Linux tells a thread its own times in /proc/thread-self/stat, read from that thread, in clock
 * ticks of 10 ms. Elsewhere there is no thread clock and callers fall back to event-loop utilisation.
 *
 * The host reads its main thread with this same file (electron/engine/probes/host-sampler.ts): it is Node-only, so it
 * cannot live in shared/, and workloads/ may not import the engine.
 */
import { openSync, readSync } from 'node:fs';

/** A reading of a thread's CPU clock. */
export interface ThreadCpuTime {
  /** User + system time so far, in µs. */
  micros: number;
  /** The clock's step, in µs: any reading may be short of the truth by up to one step. */
  stepMicros: number;
}

type ThreadCpuUsage = () => { user: number; system: number };

/** Linux's USER_HZ: the unit of utime/stime in /proc, 100 on every mainstream kernel. */
const CLOCK_TICKS_PER_SECOND = 100;
const PROC_STEP_MICROS = 1e6 / CLOCK_TICKS_PER_SECOND;

/**
 * A window must span this many clock steps for its CPU share to mean something: each end may be off by a step,
 * so the share is then within ±1/4 of a core. With /proc's 10 ms steps that is 40 ms, under the shortest
 * sampling interval (50 ms); a short-lived thread's last window is shorter and reads null.
 */
export const MIN_CLOCK_STEPS_PER_WINDOW = 4;

/** One line of /proc/.../stat fits; reused, as every unit reads it once per interval. */
const statBuffer = Buffer.alloc(1024);
/**
 * This thread's /proc/thread-self/stat, opened once (module state is per thread: every worker has its own) and
 * re-read from offset 0: one read per sample instead of open, read and close, which on these VMs cost a few
 * hundred µs per sample. It is never closed by hand: a worker's fds opened through `fs` are closed when the
 * worker exits (Worker's `trackUnmanagedFds`, on by default and in piscina), a process's when it exits.
 */
let statFd: number | null | undefined;

function fromProc(): ThreadCpuTime | null {
  try {
    statFd ??= openSync('/proc/thread-self/stat', 'r');
    const stat = statBuffer.toString('latin1', 0, readSync(statFd, statBuffer, 0, statBuffer.length, 0));
    // Field 2 (comm) may contain spaces; the fields after the closing parenthesis are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? { micros: ticks * PROC_STEP_MICROS, stepMicros: PROC_STEP_MICROS } : null;
  } catch {
    // No /proc (a sandbox): stop trying.
    statFd = null;
    return null;
  }
}

const threadCpuUsage = (process as unknown as { threadCpuUsage?: ThreadCpuUsage }).threadCpuUsage;

/** This thread's CPU clock now, or null when the platform has none. */
export function readThreadCpu(): ThreadCpuTime | null {
  if (typeof threadCpuUsage === 'function') {
    const { user, system } = threadCpuUsage.call(process);
    return { micros: user + system, stepMicros: 1 };
  }
  return process.platform === 'linux' && statFd !== null ? fromProc() : null;
}

/**
 * The share of one core a thread used between two readings `elapsedMs` apart: 0..1, because one thread runs
 * on one core at a time (a coarse clock could otherwise read 10 ms of CPU in a 2 ms window as 5 cores); null
 * when the window is too short for the clock's step, as a guess would be worse than nothing.
 */
export function cpuShare(before: ThreadCpuTime, after: ThreadCpuTime, elapsedMs: number): number | null {
  const windowMicros = elapsedMs * 1000;
  const stepMicros = Math.max(before.stepMicros, after.stepMicros);
  if (!(windowMicros >= MIN_CLOCK_STEPS_PER_WINDOW * stepMicros) || windowMicros <= 0) return null;
  return Math.min(1, Math.max(0, (after.micros - before.micros) / windowMicros));
}
