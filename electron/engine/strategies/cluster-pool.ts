/**
 * `cluster-pool`: the guides' "all three". Cluster processes share one port as in `cluster`, and each runs
 * its jobs on a small worker pool of its own (CLUSTER_POOL_THREADS threads), so a CPU-heavy request never
 * holds the loop that accepts connections and answers health checks: every process stays responsive while
 * the machine's cores do the work. Units are the processes; their threads are the processes' own business.
 */
import { CLUSTER_POOL_THREADS, isCpuBound, type WorkloadName } from '../../../shared/constants';
import { ClusterStrategy } from './cluster';
import type { StrategyContext } from './strategy';

export class ClusterPoolStrategy extends ClusterStrategy {
  constructor(context: StrategyContext) {
    super(context, 'cluster-pool', CLUSTER_POOL_THREADS);
  }

  /** One CPU-bound job per thread of each process. */
  protected override jobsPerUnit(workload: WorkloadName): number {
    return isCpuBound(workload) ? CLUSTER_POOL_THREADS : super.jobsPerUnit(workload);
  }
}
