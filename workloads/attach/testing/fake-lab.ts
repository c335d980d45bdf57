/**
 * Test helpers for the agent: a real TCP server that plays the lab (reads the agent's NDJSON lines, nothing more),
 * and a runner of the fixture apps beside this file with the agent preloaded the way the lab does it.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { ATTACH_ENV, type AgentMessage } from '../../../shared/attach';
import { agentNodeOption, appendNodeOption } from '../node-options';

/** A fixture app beside this file (the .js files are not compiled: tests run them from the sources). */
export function fixture(name: string): string {
  return join(__dirname, '../../../../workloads/attach/testing', name);
}

/** One line the fake lab received, and which connection it came on (numbered from 0 in accept order). */
export interface Received {
  connection: number;
  message: AgentMessage;
}

export type Hello = Extract<AgentMessage, { type: 'hello' }>;
export type Sample = Extract<AgentMessage, { type: 'sample' }>;

/** A TCP server on 127.0.0.1 that keeps every line it is sent, parsed. */
export class FakeLab {
  readonly received: Received[] = [];
  /** Bytes of each line received (without its newline), in order. */
  readonly lineBytes: number[] = [];
  readonly sockets: Socket[] = [];
  /** Lines that were not JSON: the agent never sends those. */
  readonly garbage: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** @param onConnection called with each accepted socket (a test may close it). */
  static async start(onConnection?: (socket: Socket, lab: FakeLab) => void): Promise<FakeLab> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const lab = new FakeLab(server, (server.address() as { port: number }).port);
    server.on('connection', (socket) => {
      const connection = lab.sockets.push(socket) - 1;
      socket.on('error', () => {});
      let pending = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        pending += chunk;
        for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
          const line = pending.slice(0, end);
          pending = pending.slice(end + 1);
          lab.lineBytes.push(Buffer.byteLength(line));
          try {
            lab.received.push({ connection, message: JSON.parse(line) as AgentMessage });
          } catch {
            lab.garbage.push(line);
          }
        }
      });
      onConnection?.(socket, lab);
    });
    return lab;
  }

  get connections(): number {
    return this.sockets.length;
  }

  hellos(): Array<Hello & { connection: number }> {
    return this.received.flatMap(({ connection, message }) => (message.type === 'hello' ? [{ ...message, connection }] : []));
  }

  /** The samples of one connection, in order. */
  samples(connection?: number): Sample[] {
    return this.received.flatMap((r) => (r.message.type === 'sample' && (connection === undefined || r.connection === connection) ? [r.message] : []));
  }

  /** The connection a thread said hello on, or -1. */
  connectionOf(pid: number, threadId: number): number {
    return this.hellos().find((h) => h.pid === pid && h.threadId === threadId)?.connection ?? -1;
  }

  /** Stops listening and ends every connection. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * The environment of an app attached to a lab on `port`: the agent preloaded, the port, a token and the interval
 * (100 ms, so a short fixture sends several reports). A null port or token leaves that variable out.
 */
export function attachedEnv(port: number | null, { token = 'test-token' as string | null, intervalMs = 100 } = {}): NodeJS.ProcessEnv {
  const env = plainEnv();
  env.NODE_OPTIONS = appendNodeOption(env.NODE_OPTIONS, agentNodeOption());
  if (port !== null) env[ATTACH_ENV.port] = String(port);
  if (token !== null) env[ATTACH_ENV.token] = token;
  env[ATTACH_ENV.intervalMs] = String(intervalMs);
  return env;
}

/** This process's environment without anything of the lab's (nor of the test runner's). */
export function plainEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [...Object.values(ATTACH_ENV), 'NODE_TEST_CONTEXT']) delete env[name];
  return env;
}

/** A running fixture app: its output so far, and how it ended once it has. */
export interface AppRun {
  pid: number;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill: () => void;
}

/** Starts `node <fixture>` with `env`. */
export function runApp(fixtureName: string, env: NodeJS.ProcessEnv): AppRun {
  const child = spawn(process.execPath, [fixture(fixtureName)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // 'close', not 'exit': both streams are read to their end by then.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  // The fixture alone: its threads die with it, and cluster workers exit when their primary's IPC channel closes.
  // Not a process group of its own, so a killed test run (test-node.mjs ends its group) takes the fixtures along.
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return { pid: child.pid as number, stdout: () => stdout, stderr: () => stderr, exited, kill };
}

/** Waits until `condition` holds, polling; fails naming `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves with `promise`, or fails naming `what` after `timeoutMs`. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
