/**
 * Loads a user's workload module once, in a throwaway worker thread the engine starts before a run, and says
 * what it found: its name, sizes and whether it has `check`, or what is wrong with it. A bad module (a syntax
 * error, a throw at load, no default export) thus fails here and never runs in the host; one that hangs while
 * loading is ended by the engine's timeout, and one that exits ends only this thread.
 */
import { spawnSync } from 'node:child_process';
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { describeExports } from '../shared/custom-workload';

/** The probe's answer: what the module exports, or why it is not a workload. */
export type ProbeReply = { ok: true; name: string; sizes: { unit: string; default: number; min: number; max: number }; hasCheck: boolean } | { ok: false; message: string };

const { file } = workerData as { file: string };

/**
 * The line of a syntax error: a failed import() does not say it, `node --check` does (`/x.mjs:3` on its first
 * line). Run as Node under Electron too; only on this path, so a good module costs no extra process.
 */
function syntaxErrorLine(): string | null {
  const checked = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 5_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  return /:(\d+)\s*$/m.exec(checked.stderr ?? '')?.[1] ?? null;
}

function describeLoadError(error: unknown): string {
  if (!(error instanceof Error)) return `threw ${String(error)} while loading`;
  if (error instanceof SyntaxError) {
    const line = syntaxErrorLine();
    // Node 20 reads a .js file as CommonJS unless its package.json says "type": "module": `export` is then an error.
    const hint = file.endsWith('.js') && /\bexport\b|\bimport\b/.test(error.message) ? ' (a .js file is an ES module only beside a package.json with "type": "module"; or name it .mjs)' : '';
    return `is not valid JavaScript${line ? ` (line ${line})` : ''}: ${error.message}${hint}`;
  }
  return `threw while loading: ${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
}

async function probe(): Promise<ProbeReply> {
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, message: describeLoadError(error) };
  }
  if (typeof exports.default !== 'function') {
    const what = exports.default === undefined ? 'has no default export' : `has a default export that is a ${typeof exports.default}, not a function`;
    return { ok: false, message: `${what}: a workload is \`export default function (size) { ... return result; }\`` };
  }
  const info = describeExports(file, exports);
  return typeof info === 'string' ? { ok: false, message: info } : { ok: true, ...info };
}

void probe().then((reply) => parentPort?.postMessage(reply));
