/**
 * Plain words for the fault and limit settings: what each does, with the numbers the engine really uses
 * (restart backoff, ranges) read from shared/constants so the text never drifts from the engine.
 */
import { DEFAULTS, LIMITS, type FaultKind, type StrategyName } from '../../../shared/constants';
import type { RunConfig } from '../../../shared/run-config';

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, ... */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** "every job" or "every 5th job". */
export function everyNth(n: number): string {
  return n === 1 ? 'every job' : `every ${ordinal(n)} job`;
}

/** A setting's duration as typed: "200 ms", "5 s", "1.5 s". */
export function durationText(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000} s` : `${ms.toLocaleString('en-US')} ms`;
}

const backoff = DEFAULTS.restartBackoffMs;
const BACKOFF_TEXT = `${durationText(backoff.first)}, doubling per crash in a row up to ${durationText(backoff.max)}`;

/** What a fault does to every Nth job, in one sentence. */
export function faultHelp(fault: FaultKind, every: number): string {
  const jobs = everyNth(every);
  switch (fault) {
    case 'none':
      return 'none: no fault is injected; jobs run normally.';
    case 'throw':
      return `throw: ${jobs} throws an error; the job fails, its thread or process keeps running.`;
    case 'exit':
      return `exit: ${jobs} ends its thread or process with code 1; the lab restarts it after a backoff (${BACKOFF_TEXT}).`;
    case 'hang':
      return `hang: ${jobs} spins forever and keeps its unit busy; only a job timeout ends it (the lab kills the unit and starts a new one).`;
    case 'oom':
      return `oom: ${jobs} allocates memory until the heap limit aborts its thread or process; it needs a memory limit, so that happens quickly.`;
  }
}

/** A caveat of the current strategy, or null. */
export function faultCaveat(fault: FaultKind, strategy: StrategyName): string | null {
  if (strategy === 'main-thread' && fault !== 'none' && fault !== 'throw') {
    return `On main-thread, ${fault} is not injected (it would end or freeze the lab itself): those jobs fail instead.`;
  }
  if ((strategy === 'worker-pool' || strategy === 'worker-per-task') && (fault === 'exit' || fault === 'oom')) {
    return `On ${strategy}, no job starts during the backoff: throughput drops while crashes go on.`;
  }
  return null;
}

export const LIMIT_HELP = {
  faultEvery: `Which jobs carry the fault: every Nth job submitted (${LIMITS.faultEvery.min.toLocaleString('en-US')}–${LIMITS.faultEvery.max.toLocaleString('en-US')}).`,
  jobTimeoutMs:
    'Cancel a job running longer than this many ms: the thread or process running it is ended and replaced. ' +
    "On main-thread the host's thread cannot be interrupted, so the job is failed when it ends. 0 = no timeout. " +
    'Turning it on or off starts new threads and processes.',
  memoryLimitMb:
    'Heap limit of each worker thread (resourceLimits) and process (--max-old-space-size), in MiB; going over it ' +
    "is reported as out of memory. The host is not limited. 0 = Node's default. " +
    'Changing it starts new threads and processes with the new limit.',
  retry: 'Run once more a job whose thread or process died under it (a crash or a kill); each job at most once. Counted as retried.',
  maxQueue:
    'Jobs that may wait for a free thread or process. More arriving are dropped and counted as dropped; ' +
    'lowering it under load drops the newest waiting jobs at once.',
  intervalMs: 'How often the host and every thread and process report their numbers (one tick), in ms. Changing it starts new units that sample at the new rate.',
} as const;

/** One short phrase per fault/limit setting, for the collapsed panel: what is on at a glance. */
export type FaultSettings = Pick<RunConfig, 'fault' | 'faultEvery' | 'jobTimeoutMs' | 'memoryLimitMb' | 'retry' | 'maxQueue' | 'intervalMs'>;

export function faultsSummary(config: FaultSettings): Array<{ key: string; text: string; active: boolean }> {
  return [
    {
      key: 'fault',
      text: config.fault === 'none' ? 'no fault' : `fault ${config.fault}, ${everyNth(config.faultEvery)}`,
      active: config.fault !== 'none',
    },
    { key: 'timeout', text: config.jobTimeoutMs > 0 ? `timeout ${durationText(config.jobTimeoutMs)}` : 'no timeout', active: config.jobTimeoutMs > 0 },
    {
      key: 'memory',
      text: config.memoryLimitMb > 0 ? `memory ${config.memoryLimitMb.toLocaleString('en-US')} MiB` : 'no memory limit',
      active: config.memoryLimitMb > 0,
    },
    { key: 'retry', text: config.retry ? 'retry on' : 'retry off', active: config.retry },
    { key: 'queue', text: `max queue ${config.maxQueue.toLocaleString('en-US')}`, active: config.maxQueue !== DEFAULTS.maxQueue },
    { key: 'interval', text: `interval ${durationText(config.intervalMs)}`, active: config.intervalMs !== DEFAULTS.intervalMs },
  ];
}
