/**
 * The user's own workload (see shared/custom-workload.ts): its module is imported once per thread or process,
 * by path, and its default export called for each job. The engine has already loaded it once in a throwaway
 * thread and refused it if it was bad, so here a failure is a job's failure, with the module's own message.
 */
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { customChecksum, workloadFileName } from '../../shared/custom-workload';

/** The exports the lab uses. */
export interface WorkloadModule {
  run(size: number): unknown;
  check?: (size: number, result: unknown) => unknown;
}

const loaded = new Map<string, Promise<WorkloadModule>>();

/**
 * Imports the module at `file` (cached per file and modification time, so a host that runs it on its own
 * thread, `main-thread`, picks up an edit at the next run instead of keeping the first version forever).
 */
export async function loadWorkloadModule(file: string): Promise<WorkloadModule> {
  const { mtimeMs } = await stat(file);
  const key = `${file}\0${mtimeMs}`;
  let pending = loaded.get(key);
  if (!pending) {
    const url = `${pathToFileURL(file).href}?mtime=${mtimeMs}`;
    pending = import(url).then((exports: { default?: unknown; check?: unknown }) => {
      const run = exports.default;
      if (typeof run !== 'function') throw new Error(`${workloadFileName(file)} has no default export function`);
      const check = typeof exports.check === 'function' ? (exports.check as WorkloadModule['check']) : undefined;
      return { run: run as WorkloadModule['run'], check };
    });
    // A failed import is not kept: the next job tries again (and fails the same way, with the message).
    pending.catch(() => loaded.delete(key));
    loaded.set(key, pending);
  }
  return pending;
}

/** Applies the module's `check` to a result: throws the reason when it says the result is wrong. */
export async function checkResult(workload: WorkloadModule, size: number, result: unknown): Promise<string> {
  if (workload.check) {
    const verdict = await workload.check(size, result);
    if (verdict !== true) throw new Error(`check(${size}, result) rejected the result${typeof verdict === 'string' ? `: ${verdict}` : ` (returned ${String(verdict)})`}`);
  }
  return customChecksum(result);
}

/** Runs one job of the module at `file`: its default export, awaited, then its check. */
export async function runCustomJob(file: string | undefined, size: number): Promise<{ checksum: string }> {
  if (!file) throw new Error('a custom job needs its workloadFile');
  const workload = await loadWorkloadModule(file);
  const result = await workload.run(size);
  return { checksum: await checkResult(workload, size, result) };
}
