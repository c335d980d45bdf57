/** Builds the strategy a configuration names. */
import { ClusterStrategy } from './cluster';
import { ClusterPoolStrategy } from './cluster-pool';
import { ForkPoolStrategy } from './child-fork-pool';
import { OneShotChildStrategy } from './child-one-shot';
import { MainThreadStrategy } from './main-thread';
import type { Strategy, StrategyContext } from './strategy';
import { WorkerPerTaskStrategy } from './worker-per-task';
import { WorkerPoolStrategy } from './worker-pool';

export function createStrategy(context: StrategyContext): Strategy {
  switch (context.config.strategy) {
    case 'main-thread':
      return new MainThreadStrategy(context);
    case 'worker-per-task':
      return new WorkerPerTaskStrategy(context);
    case 'worker-pool':
      return new WorkerPoolStrategy(context);
    case 'child-process':
      return context.config.childMode === 'fork' ? new ForkPoolStrategy(context) : new OneShotChildStrategy(context);
    case 'cluster':
      return new ClusterStrategy(context);
    case 'cluster-pool':
      return new ClusterPoolStrategy(context);
  }
}

export type { QueuedJob, Strategy, StrategyContext } from './strategy';
