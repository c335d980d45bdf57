/**
 * CPU time of the calling thread, in microseconds. `process.cpuUsage()` counts every thread of the process,
 * so inside a worker thread it would show the whole process. Node 23.9+ has `process.threadCpuUsage()`; on
 * older Node (20 here) Linux tells a thread its own times in /proc/thread-self/stat, read from that thread.
 * Elsewhere this returns null and callers fall back to event-loop utilisation.
 */
import { readFileSync } from 'node:fs';

type ThreadCpuUsage = () => { user: number; system: number };

/** Linux's USER_HZ: the unit of utime/stime in /proc, 100 on every mainstream kernel. */
const CLOCK_TICKS_PER_SECOND = 100;

function fromProc(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'latin1');
    // Field 2 (comm) may contain spaces; the fields after the closing parenthesis are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime + stime) ? ((utime + stime) * 1e6) / CLOCK_TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}

const threadCpuUsage = (process as unknown as { threadCpuUsage?: ThreadCpuUsage }).threadCpuUsage;

/** This thread's CPU time so far in µs, or null when the platform cannot tell. */
export function threadCpuMicros(): number | null {
  if (typeof threadCpuUsage === 'function') {
    const { user, system } = threadCpuUsage.call(process);
    return user + system;
  }
  return process.platform === 'linux' ? fromProc() : null;
}
