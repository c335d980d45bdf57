/**
 * `child-process` in fork mode: N long-lived Node processes started with `fork`, jobs over IPC.
 * Written by hand rather than with a pool library (workerpool can run processes) because the lab needs what
 * such libraries hide: each process's pid, its own metrics messages, and its exit code or signal.
 *
 * Supervision: a process that dies fails its jobs (the unit's death, retried once if the user chose retry)
 * and is replaced after the restart backoff. Ending it on purpose (stop, switch) closes its IPC channel,
 * which it treats as the signal to leave; one that does not leave in time is killed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { IO_JOBS_PER_UNIT, isCpuBound, type WorkloadName } from '../../../shared/constants';
import type { UnitTick } from '../../../shared/messages';
import type { ChildReply, EngineMessage, JobResult } from '../../../shared/unit-protocol';
import { childEnv } from '../child-env';
import { ENTRY_PATHS } from '../entry-paths';
import { RestartBackoff } from '../restart-backoff';
import { crashDetail, strategyClosed, unitDied } from '../unit-errors';
import { processExecArgv, unitSettings } from '../unit-options';
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
  private readonly backoff = new RestartBackoff();
  private readonly restarts = new Set<NodeJS.Timeout>();
  private readonly perUnit: number;
  private closing = false;

  constructor(private readonly context: StrategyContext) {
    this.table = new UnitTable(this.name, context.generation, context.lifecycle, context.unitIntervalMs);
    this.perUnit = isCpuBound(context.config.workload) ? 1 : IO_JOBS_PER_UNIT;
    const started = Array.from({ length: context.config.poolSize }, () => this.startChild());
    this.ready = Promise.all(started).then(() => undefined);
  }

  /** Starts one child; resolves when it is ready (or gone). */
  private startChild(): Promise<void> {
    const createdAt = performance.now();
    const proc = fork(ENTRY_PATHS.forkChild, [], {
      env: childEnv(unitSettings(this.context.config, this.context.unitIntervalMs > 0)),
      execArgv: processExecArgv(this.context.config),
      serialization: 'advanced',
      // stdout is ours (the CLI prints NDJSON there); errors still reach stderr.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const unit = this.table.add('process', proc.pid ?? -1, null, createdAt);
    const child: Child = {
      process: proc,
      unit,
      pending: new Map(),
      exited: new Promise<void>((resolve) => proc.once('exit', () => resolve())),
    };
    this.children.add(child);
    const ready = new Promise<void>((resolve) => {
      proc.on('message', (message: ChildReply) => {
        if (message.type === 'ready') resolve();
        this.onMessage(child, message);
      });
      proc.once('exit', () => resolve());
    });
    proc.on('error', (error) => this.context.reportError(`process ${proc.pid}: ${error.message}`, unit.id));
    proc.once('exit', (code, signal) => this.onExit(child, code, signal));
    return ready;
  }

  private onExit(child: Child, code: number | null, signal: NodeJS.Signals | null): void {
    this.children.delete(child);
    const detail = crashDetail(code, signal, null, this.context.config.memoryLimitMb);
    const cause = this.table.exited(child.unit, code, signal, this.closing ? 'stop' : 'crash', detail);
    for (const job of child.pending.values()) job.reject(unitDied(`process ${child.process.pid}`, code, signal));
    child.pending.clear();
    if (this.closing) return;
    // Replace it: after the backoff when it crashed, at once when the lab ended it (timeout, injected crash).
    const delay = cause === 'crash' ? this.backoff.crashed() : 0;
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      if (!this.closing) void this.startChild();
    }, delay);
    this.restarts.add(timer);
  }

  private onMessage(child: Child, message: ChildReply): void {
    switch (message.type) {
      case 'ready':
        this.table.ready(child.unit);
        this.context.wake();
        return;
      case 'sample':
        this.table.sample(child.unit, message.sample);
        return;
      case 'job-start':
        this.table.jobStarted(child.unit, message.jobId);
        return;
      case 'result':
      case 'job-error': {
        const id = message.type === 'result' ? message.result.id : message.id;
        const job = child.pending.get(id);
        child.pending.delete(id);
        this.table.jobEnded(id, message.type === 'result', child.unit);
        if (message.type === 'result') job?.resolve(message.result);
        else job?.reject(new Error(message.message));
        return;
      }
    }
  }

  private readyChildren(): Child[] {
    // A child we just killed (timeout, injected crash) is still connected until its exit arrives: not ready.
    return [...this.children].filter((c) => c.process.connected && !c.process.killed && c.unit.state !== 'starting' && c.unit.state !== 'exited');
  }

  /** Room for jobs on the children that are up now: none while every child is starting or restarting. */
  capacity(workload: WorkloadName): number {
    return this.readyChildren().length * (isCpuBound(workload) ? 1 : this.perUnit);
  }

  async run(job: QueuedJob, signal?: AbortSignal): Promise<JobResult> {
    if (this.closing) throw strategyClosed();
    // The least loaded ready child takes the job.
    const target = this.readyChildren().sort((a, b) => a.pending.size - b.pending.size)[0];
    if (!target) throw new Error('no child process is ready');
    signal?.addEventListener('abort', () => {
      this.table.expectExit(target.unit, 'timeout');
      target.process.kill('SIGKILL');
    });
    return new Promise<JobResult>((resolve, reject) => {
      target.pending.set(job.id, { resolve, reject });
      // The engine picks the child, so it marks it busy itself: a job-start message per job cost the host more than all its sampling.
      this.table.jobStarted(target.unit, job.id);
      const message: EngineMessage = { type: 'job', job: { ...this.context.payloads.forProcess(job), fault: job.fault } };
      target.process.send(message, (error) => {
        if (!error) return;
        target.pending.delete(job.id);
        reject(error);
      });
    });
  }

  crash(unitId?: string): string | null {
    return this.table.crash(unitId, (unit) => [...this.children].find((c) => c.unit === unit)?.process.kill('SIGKILL') === true);
  }

  units(): UnitTick[] {
    return this.table.snapshot();
  }

  liveUnits(): number {
    return this.children.size;
  }

  async destroy(): Promise<void> {
    this.closing = true;
    this.restarts.forEach(clearTimeout);
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
