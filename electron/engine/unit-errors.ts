/**
 * Errors a strategy rejects a job with. Small factories, so every strategy words the same failure the same
 * way and the engine can tell a unit's death (which may be retried once) from the job's own error.
 */
import type { ExitFacts } from '../../shared/messages';

/** The thread or process running the job ended before answering. */
export class UnitDiedError extends Error {
  readonly unitDied = true;
}

/** Why a job's signal aborted: it ran past its timeout, `limitMs` (the reason lets its unit's exit say how long). */
export class JobTimedOut extends Error {
  constructor(readonly limitMs: number) {
    super(`timed out after ${limitMs} ms`);
  }
}

/** The timeout a job's abort reason names, if it is one. */
export function timeoutOf(reason: unknown): number | undefined {
  return reason instanceof JobTimedOut ? reason.limitMs : undefined;
}

/** True for an error that means the job's unit died under it. */
export function isUnitDeath(error: unknown): error is UnitDiedError {
  return (error as { unitDied?: unknown } | null)?.unitDied === true;
}

/** A thread or process exit, in words: "exited with code 1", "killed by SIGKILL". */
export function describeExit(code: number | null, signal: string | null): string {
  return signal ? `killed by ${signal}` : `exited with code ${code}`;
}

/** The job failed because its unit (named by its id, which outlives it) ended under it. */
export function unitDied(unitId: string, code: number | null, signal: string | null, extra = ''): UnitDiedError {
  return new UnitDiedError(`${unitId} ${describeExit(code, signal)} during the job${extra ? ` (${extra})` : ''}`);
}

/** The job was not started because the strategy is closing. */
export function strategyClosed(): Error {
  return new Error('strategy stopped before the job started');
}

/** Words for a crash: the exit, and what it most likely was. */
export function crashDetail(code: number | null, signal: string | null, error?: Error | null, memoryLimitMb = 0): string {
  const limit = memoryLimitMb > 0 ? ` (memory limit ${memoryLimitMb} MiB)` : '';
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return `ran out of memory${limit}`;
  // V8 aborts the process when the heap is exhausted: SIGABRT, or exit code 134 through a shell.
  if (signal === 'SIGABRT' || code === 134) return `${describeExit(code, signal)}: a V8 abort, usually out of memory${limit}`;
  if (error) return `${describeExit(code, signal)}: ${error.message}`;
  return describeExit(code, signal);
}

/** Why the jobs on a unit were lost, beyond its exit code: what the crash was, or what the lab ended it for. */
export function lostWhy(exit: ExitFacts): string {
  if (exit.cause === 'timeout') return 'the lab ended it: a job on it timed out';
  if (exit.cause === 'killed') return 'the lab ended it: killed by the user';
  if (exit.cause === 'external') return 'killed from outside the lab';
  return exit.detail && exit.detail !== describeExit(exit.code, exit.signal) ? exit.detail : '';
}
