/**
 * How an attached app's process or thread ended, as its unit-exited event and its exited rows say it. The lab
 * knows an exit code for sure only for the app's first process, which it started and reaps itself; any other
 * process is reaped by its own parent, so the lab reads its code only when a scan finds it ended and not yet reaped
 * (proc-scan.ts), and otherwise says it ended without one. A thread's code is its process's to know.
 */
import type { AppExit } from '../../../shared/attach';
import type { ExitFacts } from '../../../shared/messages';
import { raisedBySelf } from '../supervision/exit-verdict';
import type { ProcessEnd } from './app-launch';

/** What the lab says of an end whose code it did not see. */
export const ENDED_UNSEEN = 'ended (its exit code is its parent process\'s to read; the lab sees only the first process\'s)';

/**
 * The facts of an end: `stop` when the lab was ending the app (Stop, or after its first process ended), else
 * `done` for code 0 or an end without a code, `crash` for another code or a signal the process raised itself (a
 * fault), `external` for a signal it was sent: the lab sent none, so another process did (its parent, `kill`, the
 * kernel's OOM killer), as for the lab's own units (supervision/exit-verdict.ts).
 */
export function exitFacts(end: ProcessEnd | null, byLab: boolean): ExitFacts {
  const code = end?.code ?? null;
  const signal = end?.signal ?? null;
  if (byLab) return { cause: 'stop', code, signal };
  if (end === null) return { cause: 'done', code: null, signal: null, detail: ENDED_UNSEEN };
  if (signal !== null && raisedBySelf(signal)) return { cause: 'crash', code: null, signal, detail: `died of ${signal}` };
  if (signal !== null) return { cause: 'external', code: null, signal, detail: `killed by ${signal}, not sent by the lab` };
  if (code === 0) return { cause: 'done', code: 0, signal: null };
  return { cause: 'crash', code, signal: null, detail: `exited with code ${code}` };
}

/** A worker thread that ended while its process lives on. */
export const THREAD_ENDED: ExitFacts = { cause: 'done', code: null, signal: null, detail: 'ended' };

/** How the app ended, in words too: its first process's code or signal, and whether the lab ended it. */
export function appExitOf(end: ProcessEnd, byLab: boolean, graceMs: number): AppExit {
  const { code, signal } = end;
  const detail = !byLab
    ? signal !== null
      ? `killed by ${signal} (not by the lab)`
      : `exited with code ${code}`
    : signal === 'SIGKILL'
      ? `killed by the lab (SIGKILL): it was still running ${graceMs / 1000} s after the lab's SIGTERM`
      : signal !== null
        ? `ended by the lab's Stop (${signal})`
        : `exited with code ${code} after the lab's Stop (SIGTERM)`;
  return { code, signal, byLab, detail };
}
