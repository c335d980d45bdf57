/**
 * What a thread measures of itself besides loop delay, per window: event-loop utilisation, CPU and memory.
 * Read from the calling thread, so the host's main thread (electron/engine/probes/host-sampler.ts) and every unit
 * (loop-probe.ts) measure the same way.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import type { LoopSample } from '../../shared/messages';
import { cpuShare, readThreadCpu, type ThreadCpuTime } from './thread-cpu';

/** Utilisation, CPU and memory of the calling thread since the previous take. */
export class ThreadUsage {
  private lastElu: EventLoopUtilization = performance.eventLoopUtilization();
  private lastCpu: ThreadCpuTime | null = readThreadCpu();
  private lastAt = performance.now();

  /** Everything since the previous take (or since construction); starts a new window. */
  take(now = performance.now()): Omit<LoopSample, 'eld'> {
    const eluNow = performance.eventLoopUtilization();
    const delta = performance.eventLoopUtilization(eluNow, this.lastElu).utilization;
    // A window in which the loop neither ran nor idled (two takes in one turn) has no utilisation: null (not
    // measured), neither NaN nor a 0 that would read as an idle loop.
    const elu = Number.isFinite(delta) ? delta : null;
    const cpuNow = readThreadCpu();
    // Without a thread clock (not Linux, Node < 23.9) utilisation is the nearest measure: a loop that never
    // idles is on the CPU unless the OS preempts it.
    const cpu = cpuNow && this.lastCpu ? cpuShare(this.lastCpu, cpuNow, now - this.lastAt) : elu;
    this.lastElu = eluNow;
    this.lastCpu = cpuNow;
    this.lastAt = now;
    // The heap from V8 alone: process.memoryUsage() would also read /proc for the rss, which only a process's
    // main thread reports (a worker thread shares its process's).
    return { elu, cpu, rss: isMainThread ? process.memoryUsage.rss() : null, heapUsed: getHeapStatistics().used_heap_size };
  }
}
