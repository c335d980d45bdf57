/**
 * Runs one job of any workload. The pure job logic lives in jobs/; the entry files (*.worker.ts, *.child.ts,
 * *.cluster.ts) and the engine's main-thread strategy all call this one function, so every strategy does
 * exactly the same work.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isCpuBound } from '../shared/constants';
import type { JobSpec } from '../shared/unit-protocol';
import { runCustomJob } from './jobs/custom';
import { applyFault } from './jobs/faults';
import { fibRecursive } from './jobs/fib';
import { hashAsyncWork, hashWork } from './jobs/hash';
import { jsonWork } from './jobs/json';
import { makePixels, transformPixels } from './jobs/pixels';
import { countShared } from './jobs/sab-counter';

/** What a job produced: the checksum, the transformed pixels (when they travel back) and text output. */
export interface JobOutput {
  checksum: string;
  pixels?: Uint8ClampedArray;
  /** The JSON document of a `json` job, printed by the one-shot child programs (spawn/exec modes). */
  text?: string;
}

/** What of a job spec running it needs. */
type RunnableJob = Pick<JobSpec, 'workload' | 'size' | 'workloadFile' | 'pixels' | 'fault' | 'counter' | 'counterMode'>;

/** Runs a CPU-bound job synchronously on the calling thread: while it runs, this thread's event loop is blocked. */
export function runCpuJob(job: RunnableJob, keepText = false): JobOutput {
  if (job.fault) applyFault(job.fault);
  switch (job.workload) {
    case 'fib':
      return { checksum: String(fibRecursive(job.size)) };
    case 'hash':
      return { checksum: hashWork(job.size) };
    case 'json': {
      const { checksum, text } = jsonWork(job.size);
      return keepText ? { checksum, text } : { checksum };
    }
    case 'pixels': {
      const pixels = job.pixels ?? makePixels(job.size);
      return { checksum: transformPixels(pixels), pixels };
    }
    case 'sab-counter':
      if (!job.counter) throw new Error('sab-counter needs the shared counter: it runs only on worker threads');
      return { checksum: countShared(job.counter, job.size, job.counterMode ?? 'atomics') };
    case 'io-wait':
    case 'hash-async':
    case 'custom':
      throw new Error(`${job.workload} may await; use runJob`);
  }
}

/**
 * Runs any job: waits asynchronously for `io-wait`, hashes on libuv's thread pool for `hash-async`, runs CPU
 * work synchronously otherwise.
 */
export async function runJob(job: RunnableJob, keepText = false): Promise<JobOutput> {
  if (job.fault) applyFault(job.fault);
  if (job.workload === 'custom') return runCustomJob(job.workloadFile, job.size);
  if (job.workload === 'hash-async') return { checksum: await hashAsyncWork(job.size) };
  if (!isCpuBound(job.workload)) {
    await sleep(job.size);
    return { checksum: `waited:${job.size}` };
  }
  return runCpuJob(job, keepText);
}
