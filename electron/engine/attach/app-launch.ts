/**
 * Starts the user's command for an attached run: in a process group of its own (so a Stop reaches every process
 * of it in one signal, and a Ctrl-C in the lab's terminal does not reach it behind the lab's back), with the
 * lab's agent preloaded through NODE_OPTIONS and the run's port, token and interval in its environment, stdin
 * closed, and its output where the host wants it ({@link AppOutput}).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { ATTACH_ENV } from '../../../shared/attach';
import { withAgent } from './agent-path';
import { userEnv } from '../child-env';

/**
 * Where the app's stdout and stderr go:
 * - `fd`: straight into one of the lab's own descriptors (the CLI gives 2, its stderr). The app writes there
 *   itself, so it never waits on the lab, and if the lab dies the app writes on, as the feature promises.
 * - `lines`: piped to the lab and handed over line by line (a line longer than 64 KiB in pieces), for a host that
 *   shows them. The price: should the lab die, the app's next write to a broken pipe fails (EPIPE), which ends
 *   a Node app that does not handle it. Prefer `fd` or `ignore` where the app must outlive the lab.
 * - `ignore`: to /dev/null.
 */
export type AppOutput = { to: 'fd'; fd: number } | { to: 'lines'; line(stream: 'stdout' | 'stderr', text: string): void } | { to: 'ignore' };

/** What the agent in the app needs to reach the lab. */
export interface AgentContact {
  port: number;
  token: string;
  intervalMs: number;
  agentPath: string;
}

/** The app's environment: the lab's, the agent preloaded after the user's own NODE_OPTIONS, and the run's contact. */
export function appEnv(base: NodeJS.ProcessEnv, contact: AgentContact): NodeJS.ProcessEnv {
  // Under Electron the lab may run with ELECTRON_RUN_AS_NODE for its own children; the user's command is not one.
  // What the launcher set for the lab's host alone is not the app's either.
  const { ELECTRON_RUN_AS_NODE: _electron, ...env } = userEnv(base);
  return {
    ...env,
    NODE_OPTIONS: withAgent(base.NODE_OPTIONS, contact.agentPath),
    [ATTACH_ENV.port]: String(contact.port),
    [ATTACH_ENV.token]: contact.token,
    [ATTACH_ENV.intervalMs]: String(contact.intervalMs),
  };
}

/** Whether `path` is a file this user may run. */
function runnable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Where `program` is: a name with a slash is a path from `cwd`, a bare name is looked up in PATH (as the shell
 * and spawn do). Null when there is no such runnable file. Checked before anything is stopped, so a typo changes
 * nothing; spawn's own ENOENT stays the last word.
 */
export function findProgram(program: string, cwd: string, path = process.env.PATH ?? ''): string | null {
  if (program.includes('/') || (process.platform === 'win32' && program.includes('\\'))) {
    const full = isAbsolute(program) ? program : resolve(cwd, program);
    return runnable(full) ? full : null;
  }
  // Windows finds `node` as node.exe through PATHEXT: leave the lookup to spawn there.
  if (process.platform === 'win32') return program;
  for (const folder of path.split(delimiter)) {
    if (folder.length === 0) continue;
    const full = join(isAbsolute(folder) ? folder : resolve(cwd, folder), program);
    if (runnable(full)) return full;
  }
  return null;
}

/** How a process ended. */
export interface ProcessEnd {
  code: number | null;
  signal: string | null;
}

/** The app's first process, started. */
export class LaunchedApp {
  /** Its end, once it has ended (and been reaped). */
  end: ProcessEnd | null = null;
  /** Resolves when it has ended. */
  readonly ended: Promise<ProcessEnd>;

  constructor(
    private readonly child: ChildProcess,
    /** Its pid, which is also its process group's id. */
    readonly pid: number,
  ) {
    this.ended = new Promise((resolveEnd) => {
      child.once('exit', (code, signal) => {
        this.end = { code, signal };
        resolveEnd(this.end);
      });
    });
  }

  /** Sends `signal` to the app's whole process group; false when the group is gone. */
  signalGroup(signal: NodeJS.Signals): boolean {
    try {
      process.kill(-this.pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  /** Stops reading its output (the run is over; what the group still writes is dropped). */
  detachOutput(): void {
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
  }
}

/** The command, shown in an error the way a user would type it. */
export function shownCommand(command: readonly string[]): string {
  return command.map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Longest line handed over whole; a longer one comes in pieces of this size. */
const MAX_LINE_CHARS = 65_536;

/** Hands a stream over line by line. */
function forwardLines(stream: NodeJS.ReadableStream, name: 'stdout' | 'stderr', line: (stream: 'stdout' | 'stderr', text: string) => void): void {
  let pending = '';
  const give = (text: string) => {
    try {
      line(name, text);
    } catch {
      // The host's trouble with one line must not stop the app's output.
    }
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      give(pending.slice(0, newline).replace(/\r$/, ''));
      pending = pending.slice(newline + 1);
    }
    while (pending.length > MAX_LINE_CHARS) {
      give(pending.slice(0, MAX_LINE_CHARS));
      pending = pending.slice(MAX_LINE_CHARS);
    }
  });
  stream.on('end', () => {
    if (pending.length > 0) give(pending);
    pending = '';
  });
  stream.on('error', () => undefined);
}

/**
 * Starts `command` in `cwd` with `env`: resolves once it runs, or with the reason it could not start (the
 * program missing, not runnable, the folder gone), in words naming the command.
 */
export function launchApp(command: readonly string[], cwd: string, env: NodeJS.ProcessEnv, output: AppOutput): Promise<{ ok: true; app: LaunchedApp } | { ok: false; message: string }> {
  const [program, ...args] = command;
  const stdio: Array<'ignore' | 'pipe' | number> = output.to === 'fd' ? ['ignore', output.fd, output.fd] : output.to === 'lines' ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'ignore', 'ignore'];
  let child: ChildProcess;
  try {
    // detached: the app leads a new process group (setsid), the one a Stop signals.
    child = spawn(program, args, { cwd, env, stdio, detached: true });
  } catch (error) {
    return Promise.resolve({ ok: false, message: `${shownCommand(command)} could not be started: ${(error as Error).message}` });
  }
  return new Promise((resolveLaunch) => {
    let spawned = false;
    // Kept for the child's life: an 'error' with no listener would throw in the lab.
    child.on('error', (error: NodeJS.ErrnoException) => {
      // Only a failure to start comes before 'spawn'; a later one (a signal that could not be sent) is not news.
      if (spawned) return;
      const why = error.code === 'ENOENT' ? `${program} was not found (no such file in ${cwd}, nor a program in PATH)` : error.code === 'EACCES' ? `${program} is not runnable (permission denied)` : error.message;
      resolveLaunch({ ok: false, message: `${shownCommand(command)} could not be started: ${why}` });
    });
    child.once('spawn', () => {
      spawned = true;
      if (output.to === 'lines') {
        if (child.stdout) forwardLines(child.stdout, 'stdout', output.line);
        if (child.stderr) forwardLines(child.stderr, 'stderr', output.line);
      }
      resolveLaunch({ ok: true, app: new LaunchedApp(child, child.pid as number) });
    });
  });
}
