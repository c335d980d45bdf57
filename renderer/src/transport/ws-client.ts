/**
 * LabApi over a WebSocket (browser mode): the same interface Electron's preload exposes over IPC, so the
 * renderer never knows which one it talks to. Commands carry an id and are answered by a `response` frame
 * with that id; ticks, events and summaries arrive as the engine's own messages, unchanged.
 * The socket reconnects on its own (the server may restart); commands sent while disconnected are answered
 * with an error instead of hanging.
 */
import { commandMethods, type CommandName, type CommandResult, type LabApi, type Unsubscribe } from '../../../shared/lab-api';
import type { LabEvent, LabMessage, Summary, Tick } from '../../../shared/messages';
import type { ConnectionState } from '../state/heartbeat';

/** The part of the DOM WebSocket this client uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface WsLabApi extends LabApi {
  onConnection(listener: (state: ConnectionState) => void): Unsubscribe;
  /** A frame the server could not attribute to a command (e.g. it was not JSON): its errors, in words. */
  onProtocolError(listener: (result: CommandResult) => void): Unsubscribe;
  close(): void;
}

export interface WsClientOptions {
  createSocket?: (url: string) => SocketLike;
  /** Delay before reconnecting, ms; doubles up to 5 s. */
  retryMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const OPEN = 1;

/** ws://host/ws or wss://host/ws for the page's own server. */
export function labSocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

function disconnected(message: string): CommandResult {
  return { ok: false, errors: [{ field: '(connection)', message }] };
}

class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): Unsubscribe {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  emit(value: T): void {
    for (const listener of this.set) listener(value);
  }
}

export function createWsLabApi(url: string, options: WsClientOptions = {}): WsLabApi {
  const createSocket = options.createSocket ?? ((u: string) => new WebSocket(u) as unknown as SocketLike);
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const baseRetryMs = options.retryMs ?? 500;

  const ticks = new Listeners<Tick>();
  const events = new Listeners<LabEvent>();
  const summaries = new Listeners<Summary>();
  const connection = new Listeners<ConnectionState>();
  const protocolErrors = new Listeners<CommandResult>();
  const pending = new Map<number, (result: CommandResult) => void>();
  /** Commands asked for before the socket opened; sent on open, in order. */
  const queued: string[] = [];
  let nextId = 1;
  let socket: SocketLike | null = null;
  let retryMs = baseRetryMs;
  let retryTimer: unknown = null;
  let closed = false;

  function onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: LabMessage | { type: 'response'; id: number | null; result: CommandResult };
    try {
      message = JSON.parse(data) as typeof message;
    } catch {
      return;
    }
    switch (message.type) {
      case 'response': {
        const resolve = message.id === null ? undefined : pending.get(message.id);
        if (resolve && message.id !== null) {
          pending.delete(message.id);
          resolve(message.result);
        } else {
          protocolErrors.emit(message.result);
        }
        return;
      }
      case 'tick':
        ticks.emit(message);
        return;
      case 'event':
        events.emit(message);
        return;
      case 'summary':
        summaries.emit(message);
        return;
    }
  }

  function connect(): void {
    if (closed) return;
    connection.emit('connecting');
    const ws = createSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = baseRetryMs;
      connection.emit('open');
      for (const frame of queued.splice(0)) ws.send(frame);
    };
    ws.onmessage = (ev) => onMessage(ev.data);
    ws.onerror = () => {
      // The close event follows and does the work; an error alone says nothing more useful.
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      // Answers to commands in flight are lost with the socket: settle them now, in words.
      for (const [id, resolve] of pending) {
        pending.delete(id);
        resolve(disconnected('the connection to the lab closed before it answered'));
      }
      queued.length = 0;
      connection.emit('closed');
      if (closed) return;
      retryTimer = setTimer(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    };
  }

  function send(command: CommandName, payload?: unknown): Promise<CommandResult> {
    if (closed) return Promise.resolve(disconnected('the client is closed'));
    const id = nextId++;
    const frame = JSON.stringify(payload === undefined ? { id, command } : { id, command, payload });
    return new Promise((resolve) => {
      pending.set(id, resolve);
      if (socket && socket.readyState === OPEN) socket.send(frame);
      else if (socket) queued.push(frame);
      else {
        pending.delete(id);
        resolve(disconnected('not connected to the lab'));
      }
    });
  }

  connect();

  return {
    ...commandMethods(send),
    onTick: (listener) => ticks.add(listener),
    onEvent: (listener) => events.add(listener),
    onSummary: (listener) => summaries.add(listener),
    onConnection: (listener) => connection.add(listener),
    onProtocolError: (listener) => protocolErrors.add(listener),
    close: () => {
      closed = true;
      if (retryTimer !== null) clearTimer(retryTimer);
      socket?.close();
    },
  };
}
