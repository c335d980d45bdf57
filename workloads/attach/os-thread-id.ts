/**
 * The calling thread's id in the OS, for the lab to read the thread's CPU time in /proc (shared/attach.ts, the
 * hello's `tid`). Linux names it in the target of /proc/thread-self (`<pid>/task/<tid>`); elsewhere, or if that
 * cannot be read, there is none (undefined) and the lab goes without.
 */
import { readlinkSync } from 'node:fs';

export function osThreadId(): number | undefined {
  try {
    const match = /\/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
