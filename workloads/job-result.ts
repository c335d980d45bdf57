/** The one constructor of a job's answer, for every unit kind and for the host's own thread. */
import { performance } from 'node:perf_hooks';
import { threadId as currentThreadId } from 'node:worker_threads';
import type { JobResult } from '../shared/unit-protocol';

/** The answer of job `id`, begun at `startedAt` (performance.now()), computed on this thread of this process. */
export function jobResult(id: number, checksum: string, startedAt: number, threadId: number = currentThreadId): JobResult {
  return { id, checksum, runMs: performance.now() - startedAt, pid: process.pid, threadId };
}
