/**
 * `child-process` in spawn and exec modes: one external program per job (`process.execPath` running a script,
 * which is portable and, under Electron, runs as Node thanks to ELECTRON_RUN_AS_NODE). `spawn` streams the
 * program's stdout as it comes; `execFile` buffers all of it and fails once it passes `maxBuffer`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { WorkloadName } from '../../../shared/constants';
import type { UnitTick } from '../../../shared/messages';
import { RESULT_PREFIX, type JobResult } from '../../../shared/unit-protocol';
import { childEnv } from '../child-env';
import { ENTRY_PATHS } from '../entry-paths';
import { UnitTable } from '../unit-table';
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
  private readonly running = new Map<ChildProcess, Promise<void>>();
  private closing = false;

  constructor(private readonly context: StrategyContext) {
    this.table = new UnitTable(this.name, context.generation, context.lifecycle);
  }

  /** At most `poolSize` programs at once: each is a whole process. */
  capacity(_workload: WorkloadName): number {
    return this.context.config.poolSize;
  }

  run(job: QueuedJob): Promise<JobResult> {
    if (this.closing) return Promise.reject(new Error('strategy stopped before the job started'));
    const args = [ENTRY_PATHS.execChild, job.workload, String(job.size), String(job.id)];
    const env = childEnv({ intervalMs: 0 });
    return this.context.config.childMode === 'exec' ? this.runExecFile(job, args, env) : this.runSpawn(job, args, env);
  }

  /** Follows one program from start to exit, as a unit. */
  private track(child: ChildProcess, job: QueuedJob, createdAt: number) {
    const unit = this.table.add('process', child.pid ?? -1, null, createdAt);
    this.table.jobStarted(unit, job.id);
    child.once('spawn', () => this.table.ready(unit));
    this.running.set(
      child,
      new Promise<void>((resolve) =>
        child.once('exit', (code, signal) => {
          this.running.delete(child);
          this.table.exited(unit, code, signal, this.closing || code === 0 || signal === 'SIGTERM');
          resolve();
        }),
      ),
    );
    return (completed: boolean) => this.table.jobEnded(unit, job.id, completed);
  }

  private runSpawn(job: QueuedJob, args: string[], env: NodeJS.ProcessEnv): Promise<JobResult> {
    const createdAt = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const jobEnded = this.track(child, job, createdAt);
    return new Promise<JobResult>((resolve, reject) => {
      // Streamed: only the tail is kept, so output of any size costs constant memory.
      let tail = '';
      let stderr = '';
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        tail = (tail + chunk).slice(-4_096);
      });
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2_000)));
      child.once('error', reject);
      child.once('close', (code, signal) => {
        if (code !== 0) {
          jobEnded(false);
          reject(new Error(`program exited with ${signal ? `signal ${signal}` : `code ${code}`} ${stderr.trim()}`.trim()));
          return;
        }
        try {
          const result = parseResult(tail);
          jobEnded(true);
          resolve(result);
        } catch (error) {
          jobEnded(false);
          reject(error as Error);
        }
      });
    });
  }

  private runExecFile(job: QueuedJob, args: string[], env: NodeJS.ProcessEnv): Promise<JobResult> {
    const createdAt = performance.now();
    const { maxBuffer } = this.context.config;
    return new Promise<JobResult>((resolve, reject) => {
      const child = execFile(process.execPath, args, { env, maxBuffer, encoding: 'utf8' }, (error, stdout, stderr) => {
        jobEnded(!error);
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
            reject(new Error(`output exceeded maxBuffer (${maxBuffer} bytes): execFile buffers all output; spawn streams it`));
          } else {
            reject(new Error(`program failed: ${error.message} ${String(stderr).trim()}`.trim()));
          }
          return;
        }
        try {
          resolve(parseResult(stdout.slice(-4_096)));
        } catch (parseError) {
          reject(parseError as Error);
        }
      });
      const jobEnded = this.track(child, job, createdAt);
    });
  }

  units(): UnitTick[] {
    return this.table.snapshot();
  }

  liveUnits(): number {
    return this.running.size;
  }

  async destroy(): Promise<void> {
    this.closing = true;
    for (const child of this.running.keys()) child.kill('SIGKILL');
    await Promise.all(this.running.values());
  }
}
