// Running the lab's host as a child of a launcher (scripts/start.mjs, scripts/host.mjs) and ending as it did.
import { spawn } from 'node:child_process';

/**
 * Runs `command` with inherited stdio, forwarding Ctrl+C, SIGTERM and SIGHUP; resolves with how it ended.
 * A Ctrl+C typed in a terminal reaches the child too (same process group); the hosts take a repeat that close
 * behind the first as the same one (electron/headless/web-server.ts).
 */
export function run(command, commandArgs, { cwd, env = process.env } = {}) {
  return new Promise((resolve) => {
    const startedAt = Date.now();
    let forwarded = false;
    const child = spawn(command, commandArgs, { cwd, stdio: 'inherit', env });
    const forward = (signal) => {
      forwarded = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, forward);
    child.on('error', (error) => {
      for (const signal of signals) process.off(signal, forward);
      resolve({ code: 1, signal: null, error, ms: Date.now() - startedAt, forwarded });
    });
    child.on('exit', (code, signal) => {
      for (const signal of signals) process.off(signal, forward);
      resolve({ code, signal, error: null, ms: Date.now() - startedAt, forwarded });
    });
  });
}

/** Exits like the child did. */
export function exitLike({ code, signal }) {
  if (signal) process.kill(process.pid, signal);
  process.exit(code ?? 1);
}
