/** The job as the engine queues it: the queue, the ledger, the payloads and every strategy share this one shape. */
import type { FaultKind, WorkloadName } from '../../../shared/constants';

/** A job as the engine queues it: what to run, fixed when it was submitted. */
export interface QueuedJob {
  id: number;
  workload: WorkloadName;
  size: number;
  /** The module of a `custom` job (the run's workloadFile when it was submitted). */
  workloadFile?: string;
  /** performance.now() at submission: latency counts queue wait too. */
  submittedAt: number;
  /** Crash injection: the fault this job carries. */
  fault?: Exclude<FaultKind, 'none'>;
  /** Already retried once after its unit died. */
  retried?: boolean;
}
