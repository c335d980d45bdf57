/**
 * The supervisor's one decision on how a unit ended, which its `unit-exited` event and its exited row in a tick
 * both carry: `external` (a process killed by a signal the lab did not send), `stop` (the lab is closing the
 * strategy), `timeout` and `killed` (the lab ended it), `done` (a one-shot unit after its job), `injected` (it
 * died of a fault a job it ran carried), otherwise `crash`.
 */
import type { ExitCause, ExitFacts } from '../../../shared/messages';
import { crashDetail, describeExit } from '../unit-errors';
import type { InjectedFaults } from './injected-faults';
import type { JobNotices } from './job-notices';
import type { UnitExit } from './unit-handle';
import type { UnitRecord } from './unit-record';

/** What the decision needs beyond the unit and its exit. */
export interface ExitWitnesses {
  /** The supervisor is shutting down: every exit now is a stop. */
  closing: boolean;
  faults: InjectedFaults;
  notices: JobNotices;
  memoryLimitMb: number;
  /** The job timeout of the last job that ran past it, in ms, for the words of the exits it causes. */
  lastTimeoutMs: number | undefined;
}

/** How `unit` ended: its cause, and for every cause but `stop` and `done` what it was in words. */
export function exitFacts(unit: UnitRecord, exit: UnitExit, witnesses: ExitWitnesses): ExitFacts {
  const { code, signal } = exit;
  const cause = causeOf(unit, exit, witnesses);
  const fault = cause === 'crash' || cause === 'timeout' ? witnesses.faults.claim(unit.id) : undefined;
  const died = crashDetail(code, signal, exit.error, witnesses.memoryLimitMb);
  switch (cause) {
    case 'stop':
    case 'done':
      return { cause, code, signal };
    case 'killed':
      return { cause, code, signal, detail: `killed by the user (${signal ?? describeExit(code, signal)})` };
    case 'external':
      return { cause, code, signal, detail: `killed from outside the lab by ${signal}` };
    case 'timeout': {
      const limit = witnesses.lastTimeoutMs !== undefined ? `over ${witnesses.lastTimeoutMs} ms` : 'past the job timeout';
      return { cause, code, signal, detail: `ended to cancel a job that ran ${limit}`, ...(fault ? { fault } : {}) };
    }
    case 'crash':
      return fault ? { cause: 'injected', code, signal, detail: `${died} (injected fault: ${fault})`, fault } : { cause, code, signal, detail: died };
  }
}

/** The cause as far as the exit itself tells; a crash becomes `injected` when a faulted job explains it. */
function causeOf(unit: UnitRecord, exit: UnitExit, witnesses: ExitWitnesses): Exclude<ExitCause, 'injected'> {
  // First, even while the strategy closes: a unit killed from outside during a drain or a stop was not stopped.
  if (killedFromOutside(exit)) return 'external';
  if (witnesses.closing) return 'stop';
  if (unit.expectedExit) return unit.expectedExit;
  if (exit.cause) return exit.cause;
  if (unit.oneShot && exit.code === 0) return 'done';
  return witnesses.notices.claimAnyTimeout() ? 'timeout' : 'crash';
}

/**
 * Signals a process raises on itself when it faults (V8's abort when out of memory, a bad access, a failed
 * assertion): a death by one of them is the process's own, a crash.
 */
const SELF_RAISED = new Set(['SIGABRT', 'SIGSEGV', 'SIGBUS', 'SIGILL', 'SIGFPE', 'SIGTRAP', 'SIGSYS']);

/**
 * A process that died by a signal the lab did not send (`labSignalled` false) and that it did not raise itself:
 * someone or something outside the lab killed it (`kill -9`, a task manager, the kernel's OOM killer, which
 * sends SIGKILL too and so reads the same, a Ctrl-C in the terminal, whose SIGINT reaches the whole process group).
 * A thread never reads so: no other process can signal one thread.
 */
export function killedFromOutside(exit: UnitExit): boolean {
  return exit.labSignalled === false && exit.signal !== null && !raisedBySelf(exit.signal);
}

/** Whether a process that died by `signal` raised it itself (a fault), rather than being sent it. */
export function raisedBySelf(signal: string): boolean {
  return SELF_RAISED.has(signal);
}
