/**
 * `child-process` in fork mode: N long-lived Node processes started with `fork`, jobs over IPC.
 * Written by hand rather than with a pool library (workerpool can run processes) because the lab needs what
 * such libraries hide: each process's pid, its own metrics messages, and its exit code or signal.
 * Ending a child on purpose (stop, switch) closes its IPC channel, which it treats as the signal to leave.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { ChildReply, EngineMessage, JobResult } from '../../../shared/unit-protocol';
import { childEnv } from '../child-env';
import { ENTRY_PATHS } from '../entry-paths';
import { processHandle, type UnitHandle } from '../supervision/unit-handle';
import { unitId } from '../supervision/unit-record';
import { unitDied, UnitDiedError } from '../unit-errors';
import { processExecArgv } from '../probes/unit-options';
import type { QueuedJob, StrategyContext } from './strategy';
import { SupervisedStrategy } from './supervised-strategy';

/** A forked child and the answers it owes. */
interface ForkChild {
  process: ChildProcess;
  pending: Map<number, { resolve(result: JobResult): void; reject(error: Error): void }>;
}

export class ForkPoolStrategy extends SupervisedStrategy {
  readonly name = 'child-process' as const;
  private readonly children = new Map<UnitHandle, ForkChild>();

  constructor(context: StrategyContext) {
    super(context, 'pool', 'child-process');
    this.supervisor.launch(context.config.poolSize, () => this.startChild());
  }

  private startChild(): UnitHandle {
    const proc = fork(ENTRY_PATHS.forkChild, [], {
      env: childEnv(this.context.unitSettings),
      execArgv: processExecArgv(this.context.config),
      serialization: 'advanced',
      // stdout is ours (the CLI prints NDJSON there): what the child prints (a custom module's console.log) goes
      // to our stderr (fd 2), as in every other strategy (electron/headless/ndjson-stdout.ts); errors too.
      stdio: ['ignore', 2, 'inherit', 'ipc'],
    });
    const handle = processHandle(proc);
    const child: ForkChild = { process: proc, pending: new Map() };
    this.children.set(handle, child);
    proc.on('message', (message: ChildReply) => this.onReply(child, message));
    proc.on('error', (error) => this.context.reportError(`process ${proc.pid}: ${error.message}`, this.name));
    void handle.exited.then(({ code, signal }) => {
      this.children.delete(handle);
      // Jobs it had not announced yet are lost too (the supervisor fails those it knew of).
      const id = unitId(this.name, this.context.generation, 'process', proc.pid, null, 0);
      for (const job of child.pending.values()) job.reject(unitDied(id, code, signal));
      child.pending.clear();
    });
    return handle;
  }

  private onReply(child: ForkChild, message: ChildReply): void {
    if (message.type !== 'result' && message.type !== 'job-error') return;
    const id = message.type === 'result' ? message.result.id : message.id;
    const job = child.pending.get(id);
    child.pending.delete(id);
    if (message.type === 'result') job?.resolve(message.result);
    else job?.reject(new Error(message.message));
  }

  protected runJob(job: QueuedJob): Promise<JobResult> {
    // The least loaded ready child takes the job.
    const target = this.supervisor
      .available()
      .map((unit) => ({ unit, child: this.children.get(unit.handle) }))
      .filter((c): c is { unit: typeof c.unit; child: ForkChild } => c.child !== undefined && c.child.process.connected)
      .sort((a, b) => a.child.pending.size - b.child.pending.size)[0];
    if (!target) return Promise.reject(new Error('no child process is ready'));
    const { unit, child } = target;
    // The engine picks the child, so it marks it busy itself: a job-start message per job cost the host more
    // than all its sampling.
    this.supervisor.jobStarted(unit, job.id);
    return new Promise<JobResult>((resolve, reject) => {
      child.pending.set(job.id, {
        resolve: (result) => {
          this.supervisor.jobEnded(job.id, true, unit);
          resolve(result);
        },
        reject: (error) => {
          this.supervisor.jobEnded(job.id, false, unit);
          reject(error);
        },
      });
      const message: EngineMessage = { type: 'job', job: { ...this.context.payloads.forProcess(job), fault: job.fault } };
      child.process.send(message, (error) => {
        if (!error) return;
        child.pending.delete(job.id);
        this.supervisor.jobEnded(job.id, false, unit);
        // EPIPE: the child died before its exit was processed; its death, so a retry applies.
        reject(new UnitDiedError(`${unit.id} could not take the job: ${error.message}`));
      });
    });
  }
}
