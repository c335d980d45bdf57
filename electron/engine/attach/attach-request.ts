/**
 * Everything about an `attach` command that can be checked before anything is stopped or started, so bad input
 * changes nothing: the payload (shared/command-requests.ts), the working folder (absolute, an existing folder;
 * the lab's own by default), the program (a runnable file, or a name PATH finds), and the lab's agent (built).
 */
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { AttachSpec } from '../../../shared/attach';
import { parseAttachRequest } from '../../../shared/command-requests';
import type { ConfigError } from '../../../shared/run-config';
import { findProgram, shownCommand } from './app-launch';

/** Whether `path` is an existing folder. */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `path` is an existing file. */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The attach `payload` as a spec to run, or the errors that refuse it (each naming its field). */
export function checkAttachRequest(payload: unknown, agentPath: string): { ok: true; spec: AttachSpec } | { ok: false; errors: ConfigError[] } {
  const parsed = parseAttachRequest(payload);
  if (!parsed.ok) return parsed;
  const { command } = parsed.value;
  const cwd = parsed.value.cwd ?? process.cwd();
  if (!isAbsolute(cwd)) return { ok: false, errors: [{ field: 'cwd', message: `must be an absolute path of a folder, not ${JSON.stringify(cwd)}` }] };
  if (!isFolder(cwd)) return { ok: false, errors: [{ field: 'cwd', message: `must be an existing folder: ${cwd} is ${isFile(cwd) ? 'a file' : 'not there'}` }] };
  if (findProgram(command[0], cwd) === null) {
    const where = command[0].includes('/') ? `no runnable file ${command[0]} from ${cwd}` : 'no such program in PATH';
    return { ok: false, errors: [{ field: 'command', message: `${shownCommand(command)}: ${command[0]} was not found (${where})` }] };
  }
  if (!isFile(agentPath)) return { ok: false, errors: [{ field: 'command', message: `the lab's agent is not built: ${agentPath} is missing (build with node scripts/build.mjs node)` }] };
  return { ok: true, spec: { command: [...command], cwd } };
}
