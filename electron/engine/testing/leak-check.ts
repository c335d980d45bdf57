/**
 * What a test file leaves behind once its engines stopped. A file that leaves a handle open never exits, and the
 * tests' runner (scripts/test-node.mjs) fails the run when it stops reporting; this check fails the file itself,
 * at once, when it left a process or a listening socket, and names what it left.
 */
import { descendants, waitFor } from './harness';

/** A handle the process holds, as `process._getActiveHandles()` lists it (undocumented, stable since Node 0.x). */
interface ActiveHandle {
  constructor: { name: string };
  pid?: number;
  listening?: boolean;
  getpeername?(out: object): number;
  getsockname?(out: { port?: number }): number;
}

/** Listening sockets and child processes still held by this process, named for the failure message. */
export function heldResources(): string[] {
  const handles = (process as unknown as { _getActiveHandles(): ActiveHandle[] })._getActiveHandles();
  const held: string[] = [];
  for (const handle of handles) {
    const kind = handle.constructor.name;
    if (kind === 'ChildProcess') held.push(`child process ${handle.pid}`);
    else if (kind === 'Server' && handle.listening) held.push('a listening net.Server');
    else if (kind === 'TCP' && handle.getpeername && handle.getpeername({}) !== 0) {
      // A raw TCP handle with no peer listens: a cluster round-robin handle or a bound port nobody closed.
      const address: { port?: number } = {};
      handle.getsockname?.(address);
      held.push(`a listening socket on port ${address.port ?? '?'}`);
    }
  }
  return held;
}

/** Fails when a child process of this one, or a listening socket, outlives the file's engines (after `graceMs`). */
export async function assertNothingLeft(graceMs = 5_000): Promise<void> {
  try {
    await waitFor(() => descendants(process.pid).length === 0 && heldResources().length === 0, graceMs, 'nothing left running');
  } catch {
    throw new Error(`left running after every engine stopped: ${[...descendants(process.pid).map((pid) => `process ${pid}`), ...heldResources()].join(', ')}`);
  }
}
