/**
 * Ends what is left of the app: SIGTERM to its process group (and to any descendant that left the group), a
 * grace to end on its own, then SIGKILL to whatever still runs, and a wait until /proc shows nothing of it and
 * the first process has been reaped. Used by Stop (the whole app), after the first process ended on its own (the
 * rest of it), and when a launch fails (whatever it started).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LaunchedApp } from './app-launch';
import type { ProcScan } from './proc-scan';

/** How often the wait looks again, in ms. */
const POLL_MS = 50;
/** How long the wait after SIGKILL may take, in ms: the kernel ends a killed process at once, unless it is stuck in I/O. */
const AFTER_KILL_MS = 5_000;

/** How the end went. */
export interface GroupEnd {
  /** Whether anything was still running after the grace, and got SIGKILL. */
  killed: boolean;
  /** Pids of the app still alive at the end (an empty list: nothing left). */
  left: number[];
}

/** Sends `signal` to the group and to every process of the app /proc still shows (a descendant in a group of its own). */
function signalAll(app: LaunchedApp, scan: ProcScan, signal: NodeJS.Signals): void {
  if (app.end === null || scan.remaining().length > 0) app.signalGroup(signal);
  for (const pid of scan.remaining()) {
    try {
      process.kill(pid, signal);
    } catch {
      // Gone meanwhile.
    }
  }
}

/** Whether nothing of the app runs: its first process reaped, and no process of it in /proc. */
function over(app: LaunchedApp, scan: ProcScan): boolean {
  return app.end !== null && scan.remaining().length === 0;
}

/** Waits up to `ms` for the app to be over; true when it is. */
async function waitOver(app: LaunchedApp, scan: ProcScan, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!over(app, scan)) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

/** Ends the app: SIGTERM, `graceMs`, SIGKILL, and the wait for it to be gone. */
export async function endGroup(app: LaunchedApp, scan: ProcScan, graceMs: number): Promise<GroupEnd> {
  if (over(app, scan)) return { killed: false, left: [] };
  signalAll(app, scan, 'SIGTERM');
  if (await waitOver(app, scan, graceMs)) return { killed: false, left: [] };
  signalAll(app, scan, 'SIGKILL');
  await waitOver(app, scan, AFTER_KILL_MS);
  return { killed: true, left: scan.remaining() };
}
