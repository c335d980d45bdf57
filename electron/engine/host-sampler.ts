/** Samples the host: its main thread's loop (the same probe every unit uses) and the whole process's CPU. */
import { performance } from 'node:perf_hooks';
import type { HostSample } from '../../shared/messages';
import { LoopProbe } from '../../workloads/metrics/loop-probe';

export class HostSampler {
  private readonly probe = new LoopProbe();
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();

  sample(): HostSample {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const elapsedUs = Math.max(1, (now - this.lastAt) * 1000);
    const processCpu = (cpu.user - this.lastCpu.user + cpu.system - this.lastCpu.system) / elapsedUs;
    this.lastCpu = cpu;
    this.lastAt = now;
    const loop = this.probe.sample();
    return { ...loop, rss: loop.rss ?? process.memoryUsage.rss(), processCpu, pid: process.pid };
  }

  /** Host event-loop delay over the sampler's whole life. */
  overallDelay(): { p50: number; p99: number; max: number } {
    return this.probe.overall();
  }

  stop(): void {
    this.probe.stop();
  }
}
