// main.js loaded in plain Node against a fake 'electron' and a fake engine: checks the wiring that the
// desktop test checks for real where the Electron binary exists (sandbox, window options, IPC, relay, quit).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import type { CommandResult } from '../../shared/lab-api';
import type { LabMessage } from '../../shared/messages';
import { appPaths } from './app-paths';

const mainJs = join(__dirname, 'main.js');
const paths = appPaths(__dirname);
const stateResult = { ok: true, config: {}, running: false } as unknown as CommandResult;

type Fn = (...args: never[]) => unknown;

/** Waits for pending promise callbacks. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A fake engine with the LabEngine surface main uses. */
class FakeEngine {
  static instances: FakeEngine[] = [];
  listeners: Array<(m: LabMessage) => void> = [];
  disposeCalls = 0;
  stopCalls = 0;
  finishDispose: () => void = () => undefined;
  constructor() {
    FakeEngine.instances.push(this);
  }
  onMessage(listener: (m: LabMessage) => void) {
    this.listeners.push(listener);
    return () => void (this.listeners = this.listeners.filter((l) => l !== listener));
  }
  getState() {
    return stateResult;
  }
  async start() {
    return stateResult;
  }
  async configure() {
    return stateResult;
  }
  async stop() {
    this.stopCalls++;
    return stateResult;
  }
  dispose() {
    this.disposeCalls++;
    return new Promise<void>((resolve) => (this.finishDispose = resolve));
  }
}

/** A fake of the Electron main-process API, recording what main does with it. */
function fakeElectron() {
  const calls: string[] = [];
  const appListeners = new Map<string, Fn>();
  const ipcHandlers = new Map<string, Fn>();
  const sessionHandlers: Record<string, Fn> = {};
  const windows: FakeWindow[] = [];
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));

  class FakeWindow {
    listeners = new Map<string, Fn>();
    sent: Array<[string, unknown]> = [];
    loaded: string | null = null;
    webContents = {
      isDestroyed: () => false,
      send: (channel: string, payload: unknown) => void this.sent.push([channel, payload]),
      on: (name: string, fn: Fn) => void this.listeners.set(`wc:${name}`, fn),
      reload: () => void calls.push('reload'),
    };
    constructor(public options: { webPreferences: Record<string, unknown> }) {
      windows.push(this);
    }
    once(name: string, fn: Fn) {
      this.listeners.set(name, fn);
    }
    on(name: string, fn: Fn) {
      this.listeners.set(name, fn);
    }
    show() {
      calls.push('show');
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
  }

  const electron = {
    app: {
      enableSandbox: () => void calls.push('enableSandbox'),
      on: (name: string, fn: Fn) => void appListeners.set(name, fn),
      whenReady: () => whenReady,
      quit: () => void calls.push('quit'),
      exit: (code: number) => void calls.push(`exit ${code}`),
      getPath: (name: string) => `/home/user/${name}`,
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: Array<{ scheme: string }>) => void calls.push(`privileged ${schemes.map((s) => s.scheme).join(',')}`),
    },
    dialog: {
      showErrorBox: (title: string, text: string) => void calls.push(`error box: ${title}: ${text}`),
      showSaveDialog: async (parent: unknown, options: { defaultPath: string }) => {
        calls.push(`save dialog: ${parent instanceof FakeWindow ? 'modal' : 'free'} ${options.defaultPath}`);
        return { canceled: true };
      },
    },
    ipcMain: {
      handle: (channel: string, fn: Fn) => void ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => void ipcHandlers.delete(channel),
    },
    session: {
      defaultSession: {
        protocol: { handle: (scheme: string, fn: Fn) => void (sessionHandlers[`protocol:${scheme}`] = fn) },
        webRequest: {
          onBeforeRequest: (fn: Fn) => void (sessionHandlers.beforeRequest = fn),
          onHeadersReceived: (fn: Fn) => void (sessionHandlers.headersReceived = fn),
        },
        setPermissionRequestHandler: (fn: Fn) => void (sessionHandlers.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Fn) => void (sessionHandlers.permissionCheck = fn),
        setDevicePermissionHandler: (fn: Fn) => void (sessionHandlers.devicePermission = fn),
      },
    },
    BrowserWindow: FakeWindow,
  };
  return { electron, calls, appListeners, ipcHandlers, sessionHandlers, windows, ready };
}

type ModuleInternals = { _load: (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown };
const internals = Module as unknown as ModuleInternals;
const originalLoad = internals._load;
const signalsBefore = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

/** Loads a fresh out/electron/main/main.js with the fakes; `built` says whether the renderer and preload exist. */
function loadMain(built: boolean) {
  const fake = fakeElectron();
  FakeEngine.instances = [];
  const fakeFs = { ...fs, existsSync: (file: fs.PathLike) => (file === paths.indexHtml || file === paths.preload ? built : fs.existsSync(file)) };
  internals._load = function (request, parent, isMain) {
    const fromMain = parent?.filename?.startsWith(__dirname) === true;
    if (fromMain && request === 'electron') return fake.electron;
    if (fromMain && request === '../engine/lab-engine') return { LabEngine: FakeEngine };
    if (parent?.filename === mainJs && request === 'node:fs') return fakeFs;
    return originalLoad.call(this, request, parent, isMain);
  };
  for (const file of Object.keys(require.cache)) if (file.startsWith(__dirname)) delete require.cache[file];
  try {
    require(mainJs);
  } finally {
    internals._load = originalLoad;
  }
  return fake;
}

afterEach(() => {
  // main installs SIGINT/SIGTERM handlers in this process: take them off again.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!signalsBefore[signal].includes(listener)) process.off(signal, listener);
  }
});

describe('main process wiring', () => {
  test('sandbox for all renderers before ready; guards, quit and signal handlers installed', () => {
    const fake = loadMain(true);
    assert.deepEqual(fake.calls, ['enableSandbox', 'privileged app']);
    for (const name of ['web-contents-created', 'window-all-closed', 'before-quit']) assert.ok(fake.appListeners.has(name), name);
    assert.equal(process.listeners('SIGINT').length, signalsBefore.SIGINT.length + 1);
    assert.equal(process.listeners('SIGTERM').length, signalsBefore.SIGTERM.length + 1);
  });

  test('on ready: hardened session, one secure window on the built page, commands from that page only', async () => {
    const fake = loadMain(true);
    fake.ready();
    await settle();
    assert.deepEqual(Object.keys(fake.sessionHandlers).sort(), ['beforeRequest', 'devicePermission', 'headersReceived', 'permissionCheck', 'permissionRequest', 'protocol:app']);
    assert.ok(fake.calls.includes('privileged app'), 'the app scheme is declared privileged before ready');
    assert.equal(fake.windows.length, 1);
    const [win] = fake.windows;
    assert.equal(win!.loaded, 'app://lab/index.html');
    const prefs = win!.options.webPreferences;
    assert.equal(prefs.preload, paths.preload);
    for (const [key, value] of Object.entries({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false })) {
      assert.equal(prefs[key], value, key);
    }

    const handler = fake.ipcHandlers.get('lab:command');
    assert.ok(handler);
    const call = handler as unknown as (event: object, raw: unknown) => Promise<CommandResult>;
    const fromPage = { senderFrame: { url: `${paths.pageUrl}#/`, parent: null } };
    const fromElsewhere = { senderFrame: { url: 'https://example.com/', parent: null } };
    // The desktop app lets its window attach to the user's app.
    assert.deepEqual(await call(fromPage, { id: 1, command: 'getState' }), { ...stateResult, canAttach: true });
    const refused = await call(fromElsewhere, { id: 2, command: 'getState' });
    assert.equal(refused.ok, false);

    // Saving a file: the native dialog, modal to the lab window, in the Downloads folder; the page only.
    const save = fake.ipcHandlers.get('file:save') as unknown as ((event: object, raw: unknown) => Promise<{ ok: boolean; path?: string | null }>) | undefined;
    assert.ok(save);
    assert.deepEqual(await save(fromPage, { name: 'chart.svg', content: '<svg/>' }), { ok: true, path: null });
    assert.ok(fake.calls.includes(`save dialog: modal ${join('/home/user/downloads', 'chart.svg')}`), fake.calls.join('\n'));
    assert.equal((await save(fromElsewhere, { name: 'chart.svg', content: '<svg/>' })).ok, false);
  });

  test('relays engine messages to the window while it lives', async () => {
    const fake = loadMain(true);
    fake.ready();
    await settle();
    const engine = FakeEngine.instances[0]!;
    const win = fake.windows[0]!;
    engine.listeners.forEach((l) => l({ type: 'tick', t: 1 } as unknown as LabMessage));
    assert.deepEqual(win.sent, [['lab:tick', { type: 'tick', t: 1 }]]);
    (win.listeners.get('closed') as () => void)();
    assert.equal(engine.listeners.length, 0, 'unsubscribed when the window closed');
  });

  test('a crashed renderer stops the run and reloads the page', async () => {
    const fake = loadMain(true);
    fake.ready();
    await settle();
    const engine = FakeEngine.instances[0]!;
    const gone = fake.windows[0]!.listeners.get('wc:render-process-gone') as unknown as (event: object, details: { reason: string }) => void;
    const quiet = console.error;
    console.error = () => undefined;
    try {
      gone({}, { reason: 'crashed' });
    } finally {
      console.error = quiet;
    }
    assert.equal(engine.stopCalls, 1);
    assert.ok(fake.calls.includes('reload'));
  });

  test('quitting waits for the engine to dispose, then quits for real', async () => {
    const fake = loadMain(true);
    fake.ready();
    await settle();
    const engine = FakeEngine.instances[0]!;
    const beforeQuit = fake.appListeners.get('before-quit') as unknown as (event: { preventDefault: () => void }) => void;
    let prevented = 0;
    const event = { preventDefault: () => void prevented++ };

    (fake.appListeners.get('window-all-closed') as () => void)();
    assert.deepEqual(fake.calls.filter((c) => c === 'quit'), ['quit'], 'closing the window quits');

    beforeQuit(event);
    beforeQuit(event);
    assert.equal(prevented, 2, 'quit held back while the engine stops');
    assert.equal(engine.disposeCalls, 1, 'disposed once');
    await settle();
    assert.deepEqual(fake.calls.filter((c) => c === 'quit'), ['quit'], 'not quit before dispose finished');

    engine.finishDispose();
    await settle();
    assert.deepEqual(fake.calls.filter((c) => c === 'quit'), ['quit', 'quit'], 'quit once disposed');
    beforeQuit(event);
    assert.equal(prevented, 2, 'the second quit goes through');
  });

  test('SIGTERM disposes the engine and quits; a repeated signal joins the same shutdown', async () => {
    const fake = loadMain(true);
    fake.ready();
    await settle();
    const engine = FakeEngine.instances[0]!;
    const added = process.listeners('SIGTERM').filter((l) => !signalsBefore.SIGTERM.includes(l));
    assert.equal(added.length, 1);
    (added[0] as () => void)();
    (added[0] as () => void)();
    assert.equal(engine.disposeCalls, 1);
    assert.ok(!fake.calls.includes('quit'), 'not before the engine is disposed');
    engine.finishDispose();
    await settle();
    assert.deepEqual(fake.calls.filter((c) => c === 'quit' || c.startsWith('exit')), ['quit']);
  });

  test('without a build, says what is missing and quits, starting nothing', async () => {
    const fake = loadMain(false);
    fake.ready();
    await settle();
    assert.equal(fake.windows.length, 0);
    assert.equal(FakeEngine.instances.length, 0);
    assert.ok(fake.calls.some((c) => c.startsWith('error box: Node Concurrency Lab: The app is not built')));
    assert.ok(fake.calls.includes('quit'));
  });
});
