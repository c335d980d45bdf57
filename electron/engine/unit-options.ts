/** How the memory limit of a run reaches threads (resourceLimits) and processes (a V8 flag). */
import type { ResourceLimits } from 'node:worker_threads';
import type { RunConfig } from '../../shared/run-config';

/** resourceLimits for a worker thread, or undefined for Node's defaults. */
export function threadLimits(config: RunConfig): ResourceLimits | undefined {
  return config.memoryLimitMb > 0 ? { maxOldGenerationSizeMb: config.memoryLimitMb } : undefined;
}

/** Node flags for a child or cluster process. */
export function processExecArgv(config: RunConfig): string[] {
  return config.memoryLimitMb > 0 ? [`--max-old-space-size=${config.memoryLimitMb}`] : [];
}
