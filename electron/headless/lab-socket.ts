/**
 * The WebSocket side of browser mode: commands in, engine messages out. Every frame goes through
 * parseCommandText (size, JSON, envelope) and then the session's dispatch (the same entry Electron's IPC uses), so
 * a bad frame gets the same worded errors everywhere and never reaches the engine. A bad frame is answered,
 * not fatal: the connection and the server keep going.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { parseCommandText } from '../../shared/command-requests';
import { MAX_COMMAND_BYTES, type CommandResult } from '../../shared/lab-api';
import type { LabMessage } from '../../shared/messages';
import type { ConfigError } from '../../shared/run-config';
import type { LabSession } from '../session/lab-session';

/** The path of the lab's WebSocket. */
export const SOCKET_PATH = '/ws';

/**
 * Frames above MAX_COMMAND_BYTES are answered with an error naming the limit. Far larger ones (beyond this
 * hard cap) are not even buffered: ws closes the connection with 1009 (message too big), because reading
 * megabytes just to refuse them is the cost an abusive client wants us to pay.
 */
export const HARD_FRAME_LIMIT = 4 * MAX_COMMAND_BYTES;

/** A client this far behind (a hidden tab, a slow link) skips ticks instead of growing our memory. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Commands a client may have waiting for the engine at once; more are refused rather than queued forever. */
const MAX_PENDING_COMMANDS = 32;

/** The answer frame of a command (`id` null when the frame could not be attributed to one). */
export interface ResponseFrame {
  type: 'response';
  id: number | null;
  result: CommandResult;
}

function errorFrame(id: number | null, errors: ConfigError[]): string {
  const frame: ResponseFrame = { type: 'response', id, result: { ok: false, errors } };
  return JSON.stringify(frame);
}

function frameBytes(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, chunk) => sum + chunk.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

export interface LabSocketOptions {
  /** The engine's session: its messages go out, commands come in (with the workloads it offers, if any). */
  session: LabSession;
  /** Decides whether an upgrade request may connect (Origin and Host checks). */
  allowUpgrade(req: IncomingMessage): boolean;
}

export interface LabSocket {
  /** Handles an HTTP upgrade; answers 404/403 itself when the path or origin is wrong. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  clientCount(): number;
  /** Closes every client and stops listening to the engine. */
  close(): Promise<void>;
}

export function createLabSocket({ session, allowUpgrade }: LabSocketOptions): LabSocket {
  const { engine } = session;
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT, perMessageDeflate: false });

  // One serialization per message for every client: ticks are the engine's own objects, never re-shaped.
  const unsubscribe = engine.onMessage((message: LabMessage) => {
    const text = JSON.stringify(message);
    for (const client of wss.clients) {
      if (client.readyState !== WebSocket.OPEN) continue;
      if (message.type === 'tick' && client.bufferedAmount > MAX_BUFFERED_BYTES) continue;
      client.send(text);
    }
  });

  wss.on('connection', (ws: WebSocket) => {
    let pending = 0;
    // Protocol errors (oversized, malformed frames) are reported here; without a listener they would throw.
    ws.on('error', () => undefined);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        ws.send(errorFrame(null, [{ field: '(root)', message: 'binary frames are not accepted; send a JSON command as text' }]));
        return;
      }
      if (frameBytes(data) > MAX_COMMAND_BYTES) {
        ws.send(errorFrame(null, [{ field: '(root)', message: `message is larger than ${MAX_COMMAND_BYTES} bytes` }]));
        return;
      }
      const parsed = parseCommandText(frameText(data));
      if (!parsed.ok) {
        ws.send(errorFrame(parsed.id, parsed.errors));
        return;
      }
      const { id } = parsed.request;
      if (pending >= MAX_PENDING_COMMANDS) {
        ws.send(errorFrame(id, [{ field: '(root)', message: `more than ${MAX_PENDING_COMMANDS} commands waiting; wait for answers` }]));
        return;
      }
      pending++;
      session
        .dispatch(parsed.request)
        .then(
          (answer) => JSON.stringify({ type: 'response', id: answer.id, result: answer.result } satisfies ResponseFrame),
          (error: unknown) => errorFrame(id, [{ field: '(engine)', message: error instanceof Error ? error.message : String(error) }]),
        )
        .then((frame) => {
          pending--;
          if (ws.readyState === WebSocket.OPEN) ws.send(frame);
        });
    });
  });

  function refuse(socket: Duplex, status: string): void {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  return {
    handleUpgrade(req, socket, head) {
      socket.on('error', () => undefined);
      let path: string | null = null;
      try {
        path = new URL(req.url ?? '/', 'http://localhost').pathname;
      } catch {
        // A URL that does not parse is simply not our path.
      }
      if (path !== SOCKET_PATH) return refuse(socket, '404 Not Found');
      if (!allowUpgrade(req)) return refuse(socket, '403 Forbidden');
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    clientCount: () => wss.clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
