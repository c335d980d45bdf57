/**
 * `child-process` in fork mode: N long-lived Node processes started with `fork`, jobs over IPC.
 * Written by hand rather than with a pool library (workerpool can run processes) because the lab needs what
 * such libraries hide: each process's pid, its own metrics messages, and its exit code or signal.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { IO_JOBS_PER_UNIT, isCpuBound, type WorkloadName } from '../../../shared/constants';
import type { UnitTick } from '../../../shared/messages';
import type { ChildReply, EngineMessage, JobResult } from '../../../shared/unit-protocol';
import { childEnv } from '../child-env';
import { ENTRY_PATHS } from '../entry-paths';
import { UnitTable, type UnitRecord } from '../unit-table';
import type { QueuedJob, Strategy, StrategyContext } from './strategy';

interface PendingJob {
  resolve(result: JobResult): void;
  reject(error: Error): void;
}

interface Child {
  process: ChildProcess;
  unit: UnitRecord;
  pending: Map<number, PendingJob>;
  exited: Promise<void>;
}

/** How long a child may take to leave after its IPC channel is closed before it is killed. */
const EXIT_GRACE_MS = 2_000;

export class ForkPoolStrategy implements Strategy {
  readonly name = 'child-process' as const;
  readonly ready: Promise<void>;
  private readonly table: UnitTable;
  private readonly children = new Set<Child>();
  private readonly perUnit: number;
  private closing = false;

  constructor(private readonly context: StrategyContext) {
    this.table = new UnitTable(this.name, context.generation, context.lifecycle);
    this.perUnit = isCpuBound(context.config.workload) ? 1 : IO_JOBS_PER_UNIT;
    const started = Array.from({ length: context.config.poolSize }, () => this.startChild());
    this.ready = Promise.all(started.map((child) => child.ready)).then(() => undefined);
  }

  private startChild(): Child & { ready: Promise<void> } {
    const createdAt = performance.now();
    const proc = fork(ENTRY_PATHS.forkChild, [], {
      env: childEnv({ intervalMs: this.context.unitIntervalMs }),
      serialization: 'advanced',
      // stdout is ours (the CLI prints NDJSON there); errors still reach stderr.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const unit = this.table.add('process', proc.pid ?? -1, null, createdAt);
    let markReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const child: Child = {
      process: proc,
      unit,
      pending: new Map(),
      exited: new Promise<void>((resolve) => proc.once('exit', () => resolve())),
    };
    this.children.add(child);
    proc.on('message', (message: ChildReply) => this.onMessage(child, message, markReady));
    proc.on('error', (error) => this.context.reportError(`process ${proc.pid}: ${error.message}`, unit.id));
    proc.once('exit', (code, signal) => {
      this.children.delete(child);
      markReady();
      this.table.exited(unit, code, signal, this.closing);
      const reason = signal ? `signal ${signal}` : `code ${code}`;
      for (const job of child.pending.values()) job.reject(new Error(`process ${proc.pid} exited (${reason}) during the job`));
      child.pending.clear();
      if (!this.closing) {
        this.context.reportError(`process ${proc.pid} exited unexpectedly (${reason}); starting a replacement`, unit.id);
        setTimeout(() => {
          if (!this.closing) this.startChild();
        }, 500).unref();
      }
    });
    return Object.assign(child, { ready });
  }

  private onMessage(child: Child, message: ChildReply, markReady: () => void): void {
    switch (message.type) {
      case 'ready':
        this.table.ready(child.unit);
        markReady();
        return;
      case 'sample':
        this.table.sample(child.unit, message.sample);
        return;
      case 'job-start':
        this.table.jobStarted(child.unit, message.jobId);
        return;
      case 'result': {
        const job = child.pending.get(message.result.id);
        child.pending.delete(message.result.id);
        this.table.jobEnded(child.unit, message.result.id, true);
        job?.resolve(message.result);
        return;
      }
      case 'job-error': {
        const job = child.pending.get(message.id);
        child.pending.delete(message.id);
        this.table.jobEnded(child.unit, message.id, false);
        job?.reject(new Error(message.message));
        return;
      }
    }
  }

  capacity(workload: WorkloadName): number {
    return this.context.config.poolSize * (isCpuBound(workload) ? 1 : this.perUnit);
  }

  async run(job: QueuedJob): Promise<JobResult> {
    await this.ready;
    if (this.closing) throw new Error('strategy stopped before the job started');
    // The least loaded live child takes the job.
    let target: Child | undefined;
    for (const child of this.children) {
      if (!child.process.connected) continue;
      if (!target || child.pending.size < target.pending.size) target = child;
    }
    if (!target) throw new Error('no child process is running');
    const chosen = target;
    return new Promise<JobResult>((resolve, reject) => {
      chosen.pending.set(job.id, { resolve, reject });
      const message: EngineMessage = { type: 'job', job: this.context.payloads.forProcess(job) };
      chosen.process.send(message, (error) => {
        if (!error) return;
        chosen.pending.delete(job.id);
        reject(error);
      });
    });
  }

  units(): UnitTick[] {
    return this.table.snapshot();
  }

  liveUnits(): number {
    return this.children.size;
  }

  async destroy(): Promise<void> {
    this.closing = true;
    const children = [...this.children];
    for (const child of children) {
      // Closing IPC is the polite way: the child exits on 'disconnect'. A child that does not is killed.
      if (child.process.connected) child.process.disconnect();
      const kill = setTimeout(() => child.process.kill('SIGKILL'), EXIT_GRACE_MS);
      void child.exited.then(() => clearTimeout(kill));
    }
    await Promise.all(children.map((child) => child.exited));
  }
}
