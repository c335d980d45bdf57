/**
 * `child-process` in spawn and exec modes: one external program per job (`process.execPath` running a script,
 * which is portable and, under Electron, runs as Node thanks to ELECTRON_RUN_AS_NODE). `spawn` streams the
 * program's stdout as it comes; `execFile` buffers all of it and fails once it passes `maxBuffer`.
 * Each program keeps its stdin pipe open and leaves when it closes, so it never outlives a host that died.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { WorkloadName } from '../../../shared/constants';
import type { ExitCause, UnitTick } from '../../../shared/messages';
import { RESULT_PREFIX, type JobResult } from '../../../shared/unit-protocol';
import { childEnv } from '../child-env';
import { ENTRY_PATHS } from '../entry-paths';
import { RestartBackoff } from '../restart-backoff';
import { crashDetail, strategyClosed, unitDied } from '../unit-errors';
import { processExecArgv, unitSettings } from '../unit-options';
import { UnitTable, type UnitRecord } from '../unit-table';
import type { QueuedJob, Strategy, StrategyContext } from './strategy';

/** Finds and parses the result line at the end of a program's output. */
function parseResult(lastLines: string): JobResult {
  const at = lastLines.lastIndexOf(RESULT_PREFIX);
  if (at < 0) throw new Error('the program ended without a result line');
  return JSON.parse(lastLines.slice(at + RESULT_PREFIX.length).split('\n')[0]) as JobResult;
}

export class OneShotChildStrategy implements Strategy {
  readonly name = 'child-process' as const;
  readonly ready = Promise.resolve();
  private readonly table: UnitTable;
  private readonly running = new Map<UnitRecord, { child: ChildProcess; exited: Promise<void> }>();
  private readonly backoff = new RestartBackoff();
  private closing = false;

  constructor(private readonly context: StrategyContext) {
    this.table = new UnitTable(this.name, context.generation, context.lifecycle, context.unitIntervalMs);
  }

  /** At most `poolSize` programs at once (each is a whole process); none during a crash backoff. */
  capacity(_workload: WorkloadName): number {
    return this.backoff.paused() ? 0 : this.context.config.poolSize;
  }

  run(job: QueuedJob, signal?: AbortSignal): Promise<JobResult> {
    if (this.closing) return Promise.reject(strategyClosed());
    const args = [...processExecArgv(this.context.config), ENTRY_PATHS.execChild, job.workload, String(job.size), String(job.id), job.fault ?? 'none'];
    const env = childEnv(unitSettings(this.context.config, false));
    const createdAt = performance.now();
    const { child, result } = this.context.config.childMode === 'exec' ? this.runExecFile(args, env) : this.runSpawn(args, env);
    const unit = this.track(child, job, createdAt);
    signal?.addEventListener('abort', () => {
      this.table.expectExit(unit, 'timeout');
      child.kill('SIGKILL');
    });
    return result.then(
      (value) => {
        this.table.jobEnded(job.id, true, unit);
        return value;
      },
      (error: Error) => {
        this.table.jobEnded(job.id, false, unit);
        throw error;
      },
    );
  }

  /** Follows one program from start to exit, as a unit. */
  private track(child: ChildProcess, job: QueuedJob, createdAt: number): UnitRecord {
    const unit = this.table.add('process', child.pid, null, createdAt);
    this.table.jobStarted(unit, job.id);
    child.once('spawn', () => this.table.ready(unit));
    // 'close', not 'exit': a program that failed to start (EMFILE, ENOENT) emits 'error' and 'close' only.
    const exited = new Promise<void>((resolve) =>
      child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
        this.running.delete(unit);
        // execFile ends a program past maxBuffer with SIGTERM (and marks it killed); from outside it is a crash.
        const endedByExecFile = signal === 'SIGTERM' && child.killed;
        const cause: ExitCause = this.closing ? 'stop' : code === 0 || endedByExecFile ? 'done' : 'crash';
        const detail = crashDetail(code, signal, null, this.context.config.memoryLimitMb);
        if (this.table.exited(unit, code, signal, cause, detail) === 'crash') {
          setTimeout(() => this.context.wake(), this.backoff.crashed()).unref();
        }
        resolve();
      }),
    );
    this.running.set(unit, { child, exited });
    return unit;
  }

  private runSpawn(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; result: Promise<JobResult> } {
    const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const result = new Promise<JobResult>((resolve, reject) => {
      // Streamed: only the tail is kept, so output of any size costs constant memory.
      let tail = '';
      let stderr = '';
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (tail = (tail + chunk).slice(-4_096)));
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2_000)));
      child.once('error', reject);
      child.once('close', (code, signal) => {
        if (code !== 0) {
          reject(unitDied(`program ${child.pid}`, code, signal, stderr.trim().split('\n').at(-1)));
          return;
        }
        try {
          resolve(parseResult(tail));
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    return { child, result };
  }

  private runExecFile(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; result: Promise<JobResult> } {
    const { maxBuffer } = this.context.config;
    let settle: (error: Error | null, stdout: string, stderr: string) => void = () => {};
    const result = new Promise<JobResult>((resolve, reject) => {
      settle = (error, stdout, stderr) => {
        if (!error) {
          try {
            resolve(parseResult(stdout.slice(-4_096)));
          } catch (parseError) {
            reject(parseError as Error);
          }
        } else if ((error as NodeJS.ErrnoException).code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          reject(new Error(`output exceeded maxBuffer (${maxBuffer} bytes): execFile buffers all output; spawn streams it`));
        } else {
          const failed = error as Error & { code?: number | string | null; signal?: NodeJS.Signals | null };
          const code = typeof failed.code === 'number' ? failed.code : null;
          reject(unitDied(`program ${child.pid}`, code, failed.signal ?? null, String(stderr).trim().split('\n').at(-1) || error.message));
        }
      };
    });
    const child = execFile(process.execPath, args, { env, maxBuffer, encoding: 'utf8' }, (error, stdout, stderr) => settle(error, stdout, stderr));
    return { child, result };
  }

  crash(unitId?: string): string | null {
    return this.table.crash(unitId, (unit) => this.running.get(unit)?.child.kill('SIGKILL') === true);
  }

  units(): UnitTick[] {
    return this.table.snapshot();
  }

  liveUnits(): number {
    return this.running.size;
  }

  async destroy(): Promise<void> {
    this.closing = true;
    for (const { child } of this.running.values()) child.kill('SIGKILL');
    await Promise.all([...this.running.values()].map((entry) => entry.exited));
  }
}
