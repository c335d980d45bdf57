/**
 * One thread's CPU time, from /proc/<pid>/task/<tid>/schedstat (its run time in ns), for the ticks in which its
 * agent says nothing: the agent reports on a timer of the thread's own loop, and a thread whose loop does not turn
 * runs no timer. Two such threads look alike from the agent's side and opposite on the CPU: one runs a long task
 * (busy), one is parked in `Atomics.wait` (piscina's threads wait for their next task so) and costs nothing. The
 * CPU tells them apart, at the tick's resolution.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** The thread's run time so far in ns, or null when it is gone (or this is not Linux). */
export function readRunTimeNs(pid: number, tid: number): number | null {
  try {
    const first = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'latin1').split(' ')[0]);
    return Number.isFinite(first) ? first : null;
  } catch {
    return null;
  }
}

/** A stretch of a thread's time and how much of it ran on a CPU. */
export interface CpuStretch {
  /** performance.now() at its start and end. */
  from: number;
  to: number;
  /** ms of CPU in it. */
  cpuMs: number;
}

export class TaskCpu {
  private last: { runNs: number; at: number } | null = null;

  constructor(
    readonly pid: number,
    readonly tid: number,
  ) {}

  /** The CPU since the previous reading (null at the first, or when the thread is gone); the next starts at `now`. */
  read(now = performance.now()): CpuStretch | null {
    const runNs = readRunTimeNs(this.pid, this.tid);
    const previous = this.last;
    this.last = runNs === null ? null : { runNs, at: now };
    if (runNs === null || previous === null || now <= previous.at) return null;
    return { from: previous.at, to: now, cpuMs: Math.max(0, (runNs - previous.runNs) / 1e6) };
  }
}
