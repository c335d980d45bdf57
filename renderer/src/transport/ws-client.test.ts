import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../shared/lab-api';
import type { Tick } from '../../../shared/messages';
import { defaultConfig } from '../../../shared/run-config';
import { makeTick } from '../testing/fake-lab';
import { createWsLabApi, labSocketUrl, type SocketLike } from './ws-client';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
    this.onclose?.({});
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: Array<() => void> = [];
  const api = createWsLabApi('ws://lab/ws', {
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => undefined,
  });
  return { api, sockets, timers, socket: () => sockets[sockets.length - 1] as FakeSocket };
}

const ok: CommandResult = { ok: true, config: defaultConfig(), running: true };

describe('ws client', () => {
  it('builds the socket URL from the page location', () => {
    expect(labSocketUrl({ protocol: 'http:', host: '127.0.0.1:5174' })).toBe('ws://127.0.0.1:5174/ws');
    expect(labSocketUrl({ protocol: 'https:', host: 'lab.test' })).toBe('wss://lab.test/ws');
  });

  it('sends commands asked for before the socket opened, once it opens, and resolves them by id', async () => {
    const { api, socket } = setup();
    const started = api.start({ size: 20 });
    const state = api.getState();
    expect(socket().sent).toEqual([]);
    socket().open();
    const frames = socket().sent.map((f) => JSON.parse(f) as { id: number; command: string; payload?: unknown });
    expect(frames).toEqual([
      { id: 1, command: 'start', payload: { size: 20 } },
      { id: 2, command: 'getState' },
    ]);
    socket().receive({ type: 'response', id: 2, result: { ...ok, running: false } });
    socket().receive({ type: 'response', id: 1, result: ok });
    expect(await started).toEqual(ok);
    expect(await state).toEqual({ ...ok, running: false });
  });

  it('routes engine messages to the matching listeners', () => {
    const { api, socket } = setup();
    const ticks: Tick[] = [];
    const events: string[] = [];
    api.onTick((t) => ticks.push(t));
    const off = api.onEvent((e) => events.push(e.event));
    socket().open();
    socket().receive(makeTick(200));
    socket().receive({ type: 'event', t: 1, event: 'error', message: 'x', source: 'engine' });
    off();
    socket().receive({ type: 'event', t: 2, event: 'error', message: 'y', source: 'engine' });
    expect(ticks.map((t) => t.t)).toEqual([200]);
    expect(events).toEqual(['error']);
  });

  it('reports an unattributable error response (id null) as a protocol error', () => {
    const { api, socket } = setup();
    const errors: CommandResult[] = [];
    api.onProtocolError((r) => errors.push(r));
    socket().open();
    socket().receive({ type: 'response', id: null, result: { ok: false, errors: [{ field: '(root)', message: 'message is not valid JSON' }] } });
    expect(errors).toHaveLength(1);
  });

  it('answers commands in flight when the socket closes, and reconnects', async () => {
    const { api, socket, sockets, timers } = setup();
    const states: string[] = [];
    api.onConnection((s) => states.push(s));
    socket().open();
    const pending = api.configure({ size: 10 });
    socket().close();
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]?.field).toBe('(connection)');
    expect(states).toEqual(['open', 'closed']);
    expect(timers).toHaveLength(1);
    timers[0]!();
    expect(sockets).toHaveLength(2);
    expect(states.at(-1)).toBe('connecting');
  });

  it('answers at once when there is no socket at all', async () => {
    const { api, socket } = setup();
    socket().open();
    socket().close();
    const result = await api.stop();
    expect(result.ok).toBe(false);
  });
});
