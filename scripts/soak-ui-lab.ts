/**
 * The lab side of `npm run soak:ui` (soak-ui.ts): browser mode as a process group of its own, a WebSocket client
 * beside the page that sends the soak's commands and notes every unit process the ticks list, and the identity
 * of each process the soak started, so that at the end "nothing left alive" is checked on ours alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import type { CommandName, CommandResult } from '../shared/lab-api';
import type { LabMessage } from '../shared/messages';

const SERVER_SCRIPT = resolve(__dirname, '../electron/headless/web-server.js');
/** How long the server may take to end its engine after SIGTERM before its process group is SIGKILLed. */
const SERVER_GRACE_MS = 30_000;
/** Longest wait for one command's answer: a switch to 64 processes on a loaded 2-core machine takes a while. */
const COMMAND_TIMEOUT_MS = 120_000;

const progress = (text: string) => process.stderr.write(`${text}\n`);

/** The lab's WebSocket, as a second viewer beside the page: commands in, and the ticks' unit pids noted. */
export class LabClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (result: CommandResult) => void>();
  ticks = 0;

  /** `ours` notes every process a tick lists: each must be gone at the end. */
  private constructor(
    private readonly ws: WebSocket,
    private readonly ours: OurProcesses,
  ) {
    ws.on('message', (data) => this.receive(String(data)));
  }

  static async connect(url: string, ours: OurProcesses): Promise<LabClient> {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + 'ws');
    await new Promise<void>((done, fail) => {
      ws.once('open', () => done());
      ws.once('error', fail);
    });
    ws.on('error', () => undefined);
    return new LabClient(ws, ours);
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as LabMessage | { type: 'response'; id: number; result: CommandResult };
    if (message.type === 'response') {
      this.waiting.get(message.id)?.(message.result);
      this.waiting.delete(message.id);
    } else if (message.type === 'tick') {
      this.ticks++;
      for (const unit of message.units) if (unit.kind === 'process' && unit.state !== 'exited') this.ours.note(unit.pid);
    }
  }

  async send(command: CommandName, payload?: unknown): Promise<CommandResult> {
    if (this.ws.readyState !== WebSocket.OPEN) throw new Error(`${command}: the lab's WebSocket is closed`);
    const id = this.nextId++;
    const answer = new Promise<CommandResult>((done) => this.waiting.set(id, done));
    this.ws.send(JSON.stringify({ id, command, ...(payload === undefined ? {} : { payload }) }));
    const timeout = sleep(COMMAND_TIMEOUT_MS).then(() => null);
    const result = await Promise.race([answer, timeout]);
    if (result === null) throw new Error(`${command}: no answer within ${COMMAND_TIMEOUT_MS / 1000} s`);
    if (!result.ok) throw new Error(`${command} refused: ${result.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    return result;
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Starts browser mode as its own process group; resolves with its address once it serves. */
export async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [SERVER_SCRIPT, '--port', '0'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > 20) stderr.shift();
  });
  const url = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /serving (http:\/\/\S+)/.exec(line);
      if (match) done(match[1] as string);
    });
    child.once('exit', (code, signal) => fail(new Error(`web-server.js exited (${signal ?? `code ${code}`}) before serving:\n  ${stderr.join('\n  ')}`)));
    child.once('error', fail);
  });
  return { child, url };
}

/**
 * A process's identity: its pid and its start time (/proc/PID/stat, in clock ticks since boot), so a pid the
 * kernel gave to someone else's process since is not taken for ours (never killed as ours). Null when it is gone
 * or a zombie (ended, waiting for its parent to read its status).
 */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? null : (fields[19] ?? null);
  } catch {
    return null;
  }
}

/** Processes this soak started, each known by its identity. */
export class OurProcesses {
  private readonly known = new Map<number, string>();

  note(pid: number): void {
    if (this.known.has(pid)) return;
    const start = startTimeOf(pid);
    if (start !== null) this.known.set(pid, start);
  }

  /** Ours and still running. */
  alive(): number[] {
    return [...this.known].filter(([pid, start]) => startTimeOf(pid) === start).map(([pid]) => pid);
  }
}

/** SIGTERM to the server (it ends its engine), then SIGKILL to its whole group after the grace. */
export async function endServer(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const inTime = await Promise.race([exited.then(() => true), sleep(SERVER_GRACE_MS).then(() => false)]);
  if (!inTime) {
    progress(`web-server.js still alive ${SERVER_GRACE_MS / 1000} s after SIGTERM: SIGKILL to its process group`);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await exited;
  }
}
