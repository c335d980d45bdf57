// The command handler: sender check, size limit, and the engine's own dispatcher behind it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS, MAX_COMMAND_BYTES, type CommandResult } from '../../shared/lab-api';
import { LabSession } from '../session/lab-session';
import type { LabEngine } from '../engine/lab-engine';
import { handleCommand, registerCommandHandler, type CommandHandlerOptions } from './command-ipc';

const PAGE = 'file:///app/out/renderer/index.html';
const okResult = { ok: true, config: {}, running: false } as unknown as CommandResult;

/** An IPC event from a frame at `url`. */
const eventFrom = (url: string) => ({ senderFrame: { url, parent: null } }) as unknown as IpcMainInvokeEvent;

/** A fake engine recording what the real dispatcher asked of it. */
function fakeEngine() {
  const calls: Array<[string, unknown]> = [];
  const engine = {
    start: async (patch?: unknown) => (calls.push(['start', patch]), okResult),
    stop: async () => (calls.push(['stop', undefined]), okResult),
    configure: async (patch: unknown) => (calls.push(['configure', patch]), okResult),
    getState: () => (calls.push(['getState', undefined]), okResult),
  };
  return { engine: engine as unknown as LabEngine, calls };
}

function options(overrides: Partial<CommandHandlerOptions> = {}): CommandHandlerOptions & { logs: string[] } {
  const logs: string[] = [];
  const { engine } = fakeEngine();
  return {
    dispatch: (raw) => new LabSession(engine).dispatch(raw),
    isTrustedSender: (event) => event.senderFrame?.url === PAGE,
    log: (message) => logs.push(message),
    logs,
    ...overrides,
  };
}

describe('command handler', () => {
  test('passes a command from the app page to the engine, payload untouched', async () => {
    const { engine, calls } = fakeEngine();
    const result = await handleCommand(eventFrom(PAGE), { id: 1, command: 'start', payload: { rate: 10 } }, options({ dispatch: (raw) => new LabSession(engine).dispatch(raw) }));
    assert.deepEqual(result, okResult);
    assert.deepEqual(calls, [['start', { rate: 10 }]]);
  });

  test('refuses a command from any other sender, without calling the engine', async () => {
    const { engine, calls } = fakeEngine();
    const opts = options({ dispatch: (raw) => new LabSession(engine).dispatch(raw) });
    const result = await handleCommand(eventFrom('https://evil.example/'), { id: 1, command: 'start' }, opts);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.errors[0]!.message : '', /did not come from the lab window/);
    assert.deepEqual(calls, []);
    assert.match(opts.logs[0] ?? '', /refused a command from https:\/\/evil\.example\//);
  });

  test('rejects a bad envelope with the dispatcher’s field errors', async () => {
    const result = await handleCommand(eventFrom(PAGE), { id: 'x', command: 'explode', extra: 1 }, options());
    assert.equal(result.ok, false);
    const fields = !result.ok ? result.errors.map((e) => e.field).sort() : [];
    assert.deepEqual(fields, ['command', 'extra', 'id']);
  });

  test('rejects oversized and unserialisable commands like the WebSocket transport', async () => {
    const big = await handleCommand(eventFrom(PAGE), { id: 1, command: 'configure', payload: 'x'.repeat(MAX_COMMAND_BYTES) }, options());
    assert.deepEqual(big, { ok: false, errors: [{ field: '(root)', message: `message is larger than ${MAX_COMMAND_BYTES} bytes` }] });
    const cyclic: Record<string, unknown> = { id: 1, command: 'configure' };
    cyclic.payload = cyclic;
    const bad = await handleCommand(eventFrom(PAGE), cyclic, options());
    assert.deepEqual(bad, { ok: false, errors: [{ field: '(root)', message: 'message is not valid JSON' }] });
  });

  test('answers with a result when the engine throws', async () => {
    const opts = options({ dispatch: async () => Promise.reject(new Error('boom')) });
    const result = await handleCommand(eventFrom(PAGE), { id: 1, command: 'stop' }, opts);
    assert.deepEqual(result, { ok: false, errors: [{ field: '(root)', message: 'the engine failed: boom' }] });
    assert.match(opts.logs[0] ?? '', /boom/);
  });

  test('registers on the command channel and can be removed', async () => {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
    const ipcMain = {
      handle: (channel: string, handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => void handlers.set(channel, handler),
      removeHandler: (channel: string) => void handlers.delete(channel),
    };
    const remove = registerCommandHandler(ipcMain as never, options());
    const handler = handlers.get(IPC_CHANNELS.command);
    assert.ok(handler);
    // The session adds whether this host may attach: the test's session is made without allowing it.
    assert.deepEqual(await handler(eventFrom(PAGE), { id: 7, command: 'getState' }), { ...okResult, canAttach: false });
    remove();
    assert.equal(handlers.size, 0);
  });
});
