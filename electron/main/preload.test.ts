// The preload, bundled as the build bundles it and run against a fake 'electron'. It lives in electron/main
// because electron/preload is bundled by esbuild, not compiled into out/ where `node --test` looks.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { runInThisContext } from 'node:vm';
import { COMMAND_NAMES, IPC_CHANNELS, type LabApi } from '../../shared/lab-api';
import type { LabEvent, Tick } from '../../shared/messages';

const root = join(__dirname, '..', '..', '..');
/** Every command of the contract, the three subscriptions and the desktop's saveFile: what window.lab must have, and all it may have. */
const API_KEYS = [...COMMAND_NAMES, 'onTick', 'onEvent', 'onSummary', 'saveFile'].sort();

type Listener = (event: unknown, payload: unknown) => void;

/** A fake of the two Electron objects a preload may touch, recording everything. */
function fakeElectron(answer: (channel: string, request: unknown) => Promise<unknown>) {
  const exposed: Array<[string, unknown]> = [];
  const listeners = new Map<string, Listener[]>();
  const invoked: Array<[string, unknown]> = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.push([key, api]) },
    ipcRenderer: {
      invoke: (channel: string, request: unknown) => {
        invoked.push([channel, request]);
        return answer(channel, request);
      },
      on: (channel: string, listener: Listener) => void listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    },
  };
  /** Main sending a message to the window. */
  const send = (channel: string, payload: unknown) => (listeners.get(channel) ?? []).forEach((l) => l({ sender: 'ipcRenderer!' }, payload));
  return { electron, exposed, listeners, invoked, send };
}

let bundle = '';

before(async () => {
  // The same options as scripts/build.mjs: one CommonJS file, 'electron' left to the sandbox's require.
  const esbuild = (await import('esbuild')) as typeof import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['electron/preload/preload.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]!.text;
  const inputs = Object.keys(result.metafile.inputs);
  // The contract's command table and channel names are inlined from shared/lab-api.ts, which imports no value:
  // anything more (zod above all, 700 kB) would mean a value import crept into the contract.
  assert.deepEqual(inputs.sort(), ['electron/preload/preload.ts', 'shared/lab-api.ts'], 'the preload bundles itself and the contract, nothing more');
});

/** Loads the preload with a sandbox-like require that knows only 'electron'. */
function load(answer: (channel: string, request: unknown) => Promise<unknown> = async () => ({ ok: true })) {
  const fake = fakeElectron(answer);
  const required: string[] = [];
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return fake.electron;
  };
  const module = { exports: {} };
  // Same realm as the test (errors and objects compare as usual), but only the globals a CommonJS file gets.
  const wrapper = runInThisContext(`(function (require, module, exports) {\n${bundle}\n})`, { filename: 'preload.js' }) as (
    r: typeof sandboxRequire,
    m: typeof module,
    e: object,
  ) => void;
  wrapper(sandboxRequire, module, module.exports);
  assert.deepEqual([...new Set(required)], ['electron']);
  assert.equal(fake.exposed.length, 1, 'exactly one object is exposed');
  const [key, api] = fake.exposed[0]!;
  assert.equal(key, 'lab');
  return { ...fake, lab: api as LabApi };
}

describe('preload', () => {
  test('exposes the LabApi methods and nothing else: no ipcRenderer, no Electron object', () => {
    const { lab, electron } = load();
    assert.deepEqual(Object.keys(lab).sort(), API_KEYS);
    for (const value of Object.values(lab)) {
      assert.equal(typeof value, 'function');
      assert.notEqual(value, electron.ipcRenderer.invoke);
    }
    assert.ok(Object.isFrozen(lab));
  });

  test('sends commands on lab:command as { id, command, payload } with fresh ids, and returns the result', async () => {
    const { lab, invoked } = load(async (_channel, request) => ({ ok: true, echo: request }));
    const result = await lab.start({ strategy: 'cluster' });
    await lab.configure({ rate: 5 });
    await lab.stop();
    await lab.getState();
    await lab.crash({ unitId: 'child-process#1/process-2' });
    await lab.machine();
    assert.deepEqual(result, { ok: true, echo: { id: 1, command: 'start', payload: { strategy: 'cluster' } } });
    assert.deepEqual(invoked, [
      ['lab:command', { id: 1, command: 'start', payload: { strategy: 'cluster' } }],
      ['lab:command', { id: 2, command: 'configure', payload: { rate: 5 } }],
      ['lab:command', { id: 3, command: 'stop' }],
      ['lab:command', { id: 4, command: 'getState' }],
      ['lab:command', { id: 5, command: 'crash', payload: { unitId: 'child-process#1/process-2' } }],
      ['lab:command', { id: 6, command: 'machine' }],
    ]);
  });

  test('takes the channel names from the contract: the bundle carries each of them', () => {
    for (const name of Object.values(IPC_CHANNELS)) assert.ok(bundle.includes(`'${name}'`) || bundle.includes(`"${name}"`), name);
  });

  test('a command without a payload sends none, whatever its caller passes', async () => {
    const { lab, invoked } = load();
    await (lab.stop as (payload: unknown) => Promise<unknown>)({ sneaky: true });
    await lab.advise();
    assert.deepEqual(invoked, [
      ['lab:command', { id: 1, command: 'stop' }],
      ['lab:command', { id: 2, command: 'advise' }],
    ]);
  });

  test('saves a file on file:save with the request as given, and answers an error result when it cannot be sent', async () => {
    const { lab, invoked } = load(async () => ({ ok: true, path: '/home/u/x.svg' }));
    const request = { name: 'x.svg', content: '<svg/>' };
    assert.deepEqual(await lab.saveFile!(request), { ok: true, path: '/home/u/x.svg' });
    assert.deepEqual(invoked, [['file:save', request]]);
    const failing = load(async () => Promise.reject(new Error('An object could not be cloned.')));
    assert.deepEqual(await failing.lab.saveFile!(request), { ok: false, errors: [{ field: '(root)', message: 'file not saved: An object could not be cloned.' }] });
  });

  test('resolves with an error result when a command cannot be sent', async () => {
    const { lab } = load(async () => Promise.reject(new Error('An object could not be cloned.')));
    assert.deepEqual(await lab.configure({ bad: () => 1 }), {
      ok: false,
      errors: [{ field: '(root)', message: 'command not sent: An object could not be cloned.' }],
    });
  });

  test('delivers ticks, unpacks event batches, never passes the IPC event, and unsubscribes', () => {
    const { lab, send, listeners } = load();
    const ticks: unknown[][] = [];
    const events: unknown[][] = [];
    const offTick = lab.onTick((...args) => ticks.push(args));
    lab.onEvent((...args) => events.push(args));
    const tick = { type: 'tick', t: 200 } as unknown as Tick;
    const e1 = { type: 'event', t: 1 } as unknown as LabEvent;
    const e2 = { type: 'event', t: 2 } as unknown as LabEvent;
    send('lab:tick', tick);
    send('lab:event', [e1, e2]);
    assert.deepEqual(ticks, [[tick]], 'one argument: the tick, not the IPC event');
    assert.deepEqual(events, [[e1], [e2]]);
    offTick();
    send('lab:tick', tick);
    assert.equal(ticks.length, 1);
    assert.equal(listeners.get('lab:tick')?.length, 1, 'one IPC listener per channel, however many subscribers');
  });

  test('a throwing listener does not starve the others; a non-function listener is refused', () => {
    const { lab, send } = load();
    const got: number[] = [];
    const quiet = { error: () => undefined };
    const original = console.error;
    console.error = quiet.error;
    try {
      lab.onSummary(() => {
        throw new Error('renderer bug');
      });
      lab.onSummary((s) => got.push((s as { t: number }).t));
      send('lab:summary', { type: 'summary', t: 9 });
    } finally {
      console.error = original;
    }
    assert.deepEqual(got, [9]);
    assert.throws(() => lab.onTick('not a function' as never), TypeError);
  });
});
