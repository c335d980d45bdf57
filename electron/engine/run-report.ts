/** The run's own counts beyond the jobs (units and switches) and its summary, the last message of a run. */
import type { Percentiles, Summary } from '../../shared/messages';
import type { RunConfig } from '../../shared/run-config';
import type { JobLedger } from './jobs/job-ledger';

/** Units and switches of one run. */
export class RunStats {
  /** Threads and processes created (one that died before it was ready counts). */
  unitsStarted = 0;
  unitsExited = 0;
  switches = 0;
}

/** The summary of a run `t` ms long. */
export function buildSummary(run: { t: number; config: RunConfig; ledger: JobLedger; stats: RunStats; hostEld: Percentiles | null; unitsAlive: number }): Summary {
  const { t, ledger: l, stats } = run;
  return {
    type: 'summary',
    t,
    config: { ...run.config },
    jobs: { submitted: l.submitted, completed: l.completed, failed: l.failed, dropped: l.dropped, cancelled: l.cancelled, queued: l.queued, inFlight: l.inFlight, retried: l.retried },
    throughput: t > 0 ? (l.completed * 1000) / t : 0,
    latency: l.runLatencies(),
    hostEld: run.hostEld,
    unitsStarted: stats.unitsStarted,
    unitsExited: stats.unitsExited,
    unitsAlive: run.unitsAlive,
    failures: { ...l.failures },
    switches: stats.switches,
  };
}
