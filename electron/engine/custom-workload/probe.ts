/**
 * Checks a user's workload module before any load starts: the file must exist and be a `.mjs` or `.js` file,
 * and loading it once in a throwaway worker thread must give a default export function. The module never runs
 * in the host for this (a bad one cannot break the lab), a load that hangs is ended after a timeout, and the
 * thread is always ended before this settles, so nothing is left running.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { Worker } from 'node:worker_threads';
import { hasWorkloadExtension, WORKLOAD_FILE_EXTENSIONS, WORKLOAD_LOAD_TIMEOUT_MS, type WorkloadModuleInfo } from '../../../shared/custom-workload';
import type { ProbeReply } from '../../../workloads/workload-probe.worker';
import { ENTRY_PATHS } from '../entry-paths';

/** What the module is, or a message that names the file and what is wrong with it. */
export type ProbeResult = { ok: true; info: WorkloadModuleInfo; mtimeMs: number } | { ok: false; message: string };

/** Loads the module at `file` once in a worker thread and reports what it exports. */
export async function probeWorkload(file: string, timeoutMs = WORKLOAD_LOAD_TIMEOUT_MS): Promise<ProbeResult> {
  const refuse = (what: string): ProbeResult => ({ ok: false, message: `${file}: ${what}` });
  if (!isAbsolute(file)) return refuse('must be an absolute path');
  if (!hasWorkloadExtension(file)) return refuse(`is not a module: a workload is a ${WORKLOAD_FILE_EXTENSIONS.join(' or ')} file`);
  let mtimeMs: number;
  try {
    const stats = await stat(file);
    if (!stats.isFile()) return refuse('is not a file: a workload is one module file');
    mtimeMs = stats.mtimeMs;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? (error as Error).message})`);
  }
  const reply = await loadInThread(file, timeoutMs);
  if (!reply.ok) return refuse(reply.message);
  const { name, sizes, hasCheck } = reply;
  return { ok: true, info: { name, sizes, hasCheck }, mtimeMs };
}

function loadInThread(file: string, timeoutMs: number): Promise<ProbeReply> {
  return new Promise((resolve) => {
    // Its output is its own business; kept from the lab's stdout (the CLI's --json must stay NDJSON).
    const worker = new Worker(ENTRY_PATHS.workloadProbe, { workerData: { file }, stdout: true, stderr: true });
    worker.stdout.resume();
    let stderr = '';
    worker.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-1_000)));
    let answer: ProbeReply | null = null;
    const settle = (reply: ProbeReply) => {
      answer ??= reply;
      clearTimeout(timer);
      // Ended in every case, and settled only once it has: a probe leaves nothing running.
      void worker.terminate().finally(() => resolve(answer as ProbeReply));
    };
    const timer = setTimeout(() => settle({ ok: false, message: `did not finish loading within ${timeoutMs} ms (a loop or a wait at its top level?)` }), timeoutMs);
    worker.once('message', (reply: ProbeReply) => settle(reply));
    worker.once('error', (error) => settle({ ok: false, message: `threw while loading: ${error.message}` }));
    worker.once('exit', (code) => {
      const said = stderr.trim().split('\n').at(-1);
      settle({ ok: false, message: `ended its thread while loading (exit code ${code}${said ? `: ${said}` : ''}): does it call process.exit, or await something that never settles at its top level?` });
    });
  });
}
