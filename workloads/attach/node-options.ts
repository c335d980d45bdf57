/**
 * How the lab puts its agent into the app: `NODE_OPTIONS=--import=<agent>`, appended to what the user had, so
 * every Node process of the app (cluster workers, forked and spawned children) and every worker thread built from
 * a file loads it before the app's own code. For the lab side (electron/engine/attach/); nothing here runs in the app.
 *
 * The agent is named by its file URL, not its path: `--import` resolves its value as a URL, so a path with `%`,
 * `#` or `?` in it names another file (checked on Node 20.20: `/tmp/q%20x#y/agent.js` looks for `/tmp/q x`),
 * while the URL escapes them all, spaces and quotes included. It is quoted anyway: NODE_OPTIONS splits on
 * spaces outside double quotes, and the quotes cost nothing.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The built agent (out/workloads/attach/agent.js): this file's neighbour once compiled. */
export function agentEntryPath(): string {
  return join(__dirname, 'agent.js');
}

/** `--import="file:///…/agent.js"`: the option that preloads the agent at `path` (absolute), as NODE_OPTIONS takes it. */
export function agentNodeOption(path = agentEntryPath()): string {
  return `--import="${pathToFileURL(path).href}"`;
}

/** NODE_OPTIONS with `option` after what it had (`existing` unset or blank: the option alone). */
export function appendNodeOption(existing: string | undefined, option: string): string {
  const before = existing?.trim() ?? '';
  return before === '' ? option : `${before} ${option}`;
}
