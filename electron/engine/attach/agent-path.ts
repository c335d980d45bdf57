/**
 * Where the lab's agent is at run time, and the NODE_OPTIONS flag that preloads it. Like the workload entries
 * (entry-paths.ts) it is a file on disk that other processes load by path, so in a packaged app it is the copy
 * unpacked from the asar archive: a process the user started cannot read inside it.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The compiled agent (workloads/attach/agent.ts). */
export const AGENT_PATH = join(__dirname, '..', '..', '..', 'workloads', 'attach', 'agent.js').replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');

/**
 * `--import=<file URL>`: a URL, not a path, so a folder with spaces (NODE_OPTIONS splits on them) or a Windows
 * drive letter (not a valid specifier) still names the file.
 */
export function agentImportFlag(agentPath: string): string {
  return `--import=${pathToFileURL(agentPath).href}`;
}

/** The user's NODE_OPTIONS with the agent's flag appended: theirs keep applying, in their order. */
export function withAgent(nodeOptions: string | undefined, agentPath: string): string {
  const theirs = nodeOptions?.trim() ?? '';
  return theirs.length > 0 ? `${theirs} ${agentImportFlag(agentPath)}` : agentImportFlag(agentPath);
}
