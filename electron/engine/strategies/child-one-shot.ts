/**
 * `child-process` in spawn and exec modes: one external program per job (`process.execPath` running a script,
 * which is portable and, under Electron, runs as Node thanks to ELECTRON_RUN_AS_NODE). `spawn` streams the
 * program's stdout as it comes; `execFile` buffers all of it and fails once it passes `maxBuffer`.
 * Each program keeps its stdin pipe open and leaves when it closes, so it never outlives a host that died.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { LOOP_PROBE_RESOLUTION_MS } from '../../../shared/constants';
import { RESULT_PREFIX, type JobResult } from '../../../shared/unit-protocol';
import { childEnv } from '../child-env';
import { ENTRY_PATHS } from '../entry-paths';
import { processHandle } from '../supervision/unit-handle';
import { UnitDiedError } from '../unit-errors';
import { processExecArgv } from '../probes/unit-options';
import type { QueuedJob, StrategyContext } from './strategy';
import { SupervisedStrategy } from './supervised-strategy';

/** Finds and parses the result line at the end of a program's output. */
function parseResult(lastLines: string): JobResult {
  const at = lastLines.lastIndexOf(RESULT_PREFIX);
  if (at < 0) throw new Error('the program ended without a result line');
  return JSON.parse(lastLines.slice(at + RESULT_PREFIX.length).split('\n')[0]) as JobResult;
}

/** The last line a program wrote to stderr: what it died of, in its own words. */
const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';

export class OneShotChildStrategy extends SupervisedStrategy {
  readonly name = 'child-process' as const;

  constructor(context: StrategyContext) {
    super(context, 'one-shot', 'child-process');
  }

  protected async runJob(job: QueuedJob): Promise<JobResult> {
    const args = [...processExecArgv(this.context.config), ENTRY_PATHS.execChild, job.workload, String(job.size), String(job.id), job.fault ?? 'none', ...(job.workloadFile ? [job.workloadFile] : [])];
    // One-shot programs are not sampled: they live for one job and report through their output.
    const env = childEnv({ intervalMs: 0, probeResolutionMs: LOOP_PROBE_RESOLUTION_MS });
    const createdAt = performance.now();
    const { child, result } = this.context.config.childMode === 'exec' ? this.runExecFile(args, env) : this.runSpawn(args, env);
    const handle = processHandle(child, {
      // 'close', not 'exit': a program that failed to start (EMFILE, ENOENT) emits 'error' and 'close' only.
      exitEvent: 'close',
      readyOnSpawn: true,
      // execFile ends a program past maxBuffer with SIGTERM (and marks it killed): the lab's doing, not a crash.
      cause: (_code, signal) => (signal === 'SIGTERM' && child.killed ? 'done' : undefined),
    });
    const unit = this.supervisor.adopt(handle, { oneShot: true, createdAt });
    this.supervisor.jobStarted(unit, job.id);
    try {
      const value = await result;
      this.supervisor.jobEnded(job.id, true, unit);
      return value;
    } catch (error) {
      this.supervisor.jobEnded(job.id, false, unit);
      throw error;
    }
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
      child.once('close', (code) => {
        if (code !== 0) return reject(new UnitDiedError(`program ended without a result: ${lastLine(stderr) || `exit code ${code}`}`));
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
          reject(new UnitDiedError(`program ended without a result: ${lastLine(String(stderr)) || error.message}`));
        }
      };
    });
    const child = execFile(process.execPath, args, { env, maxBuffer, encoding: 'utf8' }, (error, stdout, stderr) => settle(error, stdout, stderr));
    return { child, result };
  }
}
