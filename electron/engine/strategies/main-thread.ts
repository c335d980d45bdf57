/**
 * `main-thread`: jobs run on the host's own event loop, the baseline that blocks. A CPU-bound job runs
 * synchronously, one at a time (there is one thread), each in its own macrotask so timers and I/O get a turn
 * between jobs but never during one. Waits overlap freely, which is what a single event loop is good at.
 * Nothing here can be cancelled: a timeout is only noticed once the job is over. No units: nothing to supervise.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { IO_JOBS_PER_UNIT, isCpuBound, type WorkloadName } from '../../../shared/constants';
import type { UnitTick } from '../../../shared/messages';
import type { JobResult } from '../../../shared/unit-protocol';
import { checkResult, loadWorkloadModule } from '../../../workloads/jobs/custom';
import { runCpuJob, runJob } from '../../../workloads/run-job';
import { jobResult } from '../../../workloads/job-result';
import { strategyClosed } from '../unit-errors';
import type { QueuedJob, Strategy, StrategyContext } from './strategy';

export class MainThreadStrategy implements Strategy {
  readonly name = 'main-thread' as const;
  readonly firstReady = Promise.resolve();
  readonly ready = Promise.resolve();
  private destroyed = false;

  constructor(private readonly context: StrategyContext) {}

  capacity(workload: WorkloadName): number {
    return isCpuBound(workload) ? 1 : IO_JOBS_PER_UNIT;
  }

  async run(job: QueuedJob): Promise<JobResult> {
    if (job.fault && job.fault !== 'throw') {
      throw new Error(`fault '${job.fault}' is not injected on the host's own thread: it would end or freeze the lab itself`);
    }
    const spec = { ...this.context.payloads.forMainThread(job), fault: job.fault };
    if (isCpuBound(job.workload)) await nextTurn();
    if (this.destroyed) throw strategyClosed();
    if (job.workload === 'custom') return this.runCustom(job);
    const started = performance.now();
    const output = isCpuBound(job.workload) ? this.runOnHostLoop(() => runCpuJob(spec), started) : await runJob(spec);
    return jobResult(job.id, output.checksum, started, 0);
  }

  /**
   * The user's module, imported into the host (the engine loaded it in a throwaway thread first, so a bad one
   * never gets here). Its synchronous part blocks the host's loop and is measured as such; what it awaits does not.
   */
  private async runCustom(job: QueuedJob): Promise<JobResult> {
    if (!job.workloadFile) throw new Error('a custom job needs its workloadFile');
    const workload = await loadWorkloadModule(job.workloadFile);
    if (this.destroyed) throw strategyClosed();
    const started = performance.now();
    const pending = this.runOnHostLoop(() => (job.fault === 'throw' ? runCpuJob({ ...job, fault: 'throw' }) : workload.run(job.size)), started);
    const checksum = await checkResult(workload, job.size, await pending);
    return jobResult(job.id, checksum, started, 0);
  }

  /** Runs the synchronous part of a CPU-bound job, which blocks the host's loop, and has the block measured. */
  private runOnHostLoop<T>(run: () => T, started: number): T {
    try {
      return run();
    } finally {
      this.context.hostJobRan(started);
    }
  }

  crash(): string | null {
    return null;
  }

  /** None: the host's own row (Tick.host) carries its jobs' busy slices (HostSampler.jobRan). */
  units(): UnitTick[] {
    return [];
  }

  takeStartups(): number[] {
    return [];
  }

  liveUnits(): number {
    return 0;
  }

  liveUnitIds(): string[] {
    return [];
  }

  /** The host's own sampling is the engine's (tick-sampler.ts): nothing of this strategy's to tell. */
  samplingChanged(): void {}

  async destroy(): Promise<void> {
    this.destroyed = true;
  }
}
