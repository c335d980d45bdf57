/** The facts of this machine a verdict records: claims about cores and speed mean little without them. */
import { availableParallelism, cpus } from 'node:os';
import type { MachineFacts } from '../../shared/experiments/types';

/** Cores available to this process, CPU model and Node version. */
export function machineFacts(): MachineFacts {
  return { cores: availableParallelism(), cpuModel: cpus()[0]?.model.trim() || 'unknown', node: process.version };
}
