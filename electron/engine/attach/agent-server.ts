/**
 * The lab's end of the agent's protocol: a TCP server on 127.0.0.1 (a port the OS picks) that the app's threads
 * connect to, one connection each, speaking NDJSON (shared/attach.ts). Anything can connect to a loopback port,
 * so nothing is trusted: a connection must open with a valid `hello` carrying the run's random token within
 * {@link HELLO_TIMEOUT_MS}, and every line after it must be a valid report, or the connection is closed; those
 * closed before a valid hello (no token, a wrong one, garbage, too slow) and those closed for a bad line after
 * it are counted as {@link refused}. Lines are bounded ({@link MAX_LINE_CHARS}), and so are the connections.
 */
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { parseHello, parseReport, type AgentHello, type AgentReport } from './agent-protocol';

/** How long a connection may take to say hello, in ms. */
export const HELLO_TIMEOUT_MS = 2_000;
/** Longest line, in characters: a report is a few KiB; 1 MiB leaves room for a 10 s interval of many workers. */
export const MAX_LINE_CHARS = 1_048_576;
/** Most connections open at once: far above an app's threads, and what a flood from elsewhere gets. */
export const MAX_CONNECTIONS = 4_096;

/** What the server tells of its connections, each known by a number of its own. */
export interface AgentSink {
  /** A connection said a valid hello: from now on it is that thread's. */
  hello(connection: number, hello: AgentHello): void;
  report(connection: number, report: AgentReport): void;
  /** A connection that had said hello closed (its thread or process ended, or the lab closed it). */
  closed(connection: number): void;
}

export class AgentServer {
  /** The run's token: 32 random bytes, in hex, given to the app in its environment only. */
  readonly token = randomBytes(32).toString('hex');
  private readonly server = net.createServer((socket) => this.accept(socket));
  private readonly sockets = new Set<net.Socket>();
  private nextConnection = 1;
  private refusals = 0;
  private closing = false;

  constructor(
    private readonly sink: AgentSink,
    private readonly helloTimeoutMs = HELLO_TIMEOUT_MS,
  ) {
    this.server.maxConnections = MAX_CONNECTIONS;
  }

  /** Connections refused so far: no hello in time, a wrong token, a line that is not the protocol. */
  get refused(): number {
    return this.refusals;
  }

  /** Listens on 127.0.0.1; resolves with the port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        // Later errors (none expected once listening) must not throw in the lab.
        this.server.on('error', () => undefined);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  /** Stops listening and closes every connection (the agents then drop what they have, quietly). */
  close(): Promise<void> {
    this.closing = true;
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => (this.server.listening ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: net.Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    const id = this.nextConnection++;
    this.sockets.add(socket);
    let said = false;
    let buffered = '';
    const refuse = () => {
      if (socket.destroyed) return;
      this.refusals++;
      socket.destroy();
    };
    const timer = setTimeout(() => {
      if (!said) refuse();
    }, this.helloTimeoutMs);
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      this.sockets.delete(socket);
      if (said) this.sink.closed(id);
    });
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while (!socket.destroyed && (newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (said) {
          const report = parseReport(line);
          if (report) this.sink.report(id, report);
          else refuse();
          continue;
        }
        const hello = parseHello(line, this.token);
        if (!hello) {
          refuse();
          return;
        }
        said = true;
        clearTimeout(timer);
        this.sink.hello(id, hello);
      }
      if (buffered.length > MAX_LINE_CHARS) refuse();
    });
  }
}
