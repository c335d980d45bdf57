/**
 * The lab's side of the agent, as little of it as makes the agent do its whole work: a loopback TCP server that
 * takes the agent's connections, checks each one's hello for the run's token (refusing and counting the others,
 * as the lab does), and reads and parses every NDJSON line after it. The agent cannot tell it from the lab, so
 * what it costs the app under the bench is what it costs under the lab.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AgentMessage } from '../shared/attach';

/** What the reader has heard so far. */
export interface AgentTally {
  /** `pid:threadId` of every connection that opened with the token. */
  hellos: Set<string>;
  /** Sample lines read and parsed, over every connection. */
  samples: number;
  /** Connections closed for a missing or wrong token, or a first line that was not a hello. */
  refused: number;
}

export interface AgentReader {
  port: number;
  tally: AgentTally;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 on a free port for agents that open with `token`. */
export async function startAgentReader(token: string): Promise<AgentReader> {
  const tally: AgentTally = { hellos: new Set(), samples: 0, refused: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // An app that ends resets its connections: nothing to report.
    socket.on('error', () => undefined);
    socket.setEncoding('utf8');
    let partial = '';
    let greeted = false;
    socket.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') continue;
        let message: AgentMessage;
        try {
          message = JSON.parse(line) as AgentMessage;
        } catch {
          message = { type: 'not json' } as unknown as AgentMessage;
        }
        if (!greeted) {
          if (message.type !== 'hello' || message.token !== token) {
            tally.refused++;
            socket.destroy();
            return;
          }
          greeted = true;
          tally.hellos.add(`${message.pid}:${message.threadId}`);
        } else if (message.type === 'sample') {
          tally.samples++;
        }
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`the agent reader has no TCP address (${String(address)})`);
  return {
    port: address.port,
    tally,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
