// The desktop app end to end, with Playwright's Electron driver: launch, check the page's globals and the CSP,
// start a run that forks processes, see a tick, quit, and check that no process is left behind.
// Runs wherever the Electron binary and a display exist (CI: under xvfb-run); skips cleanly elsewhere.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { _electron } from 'playwright-core';
import { COMMAND_NAMES } from '../../shared/lab-api';

const root = join(__dirname, '..', '..', '..');
/** What window.lab must have (the commands, three subscriptions, the desktop's saveFile), and all it may have. */
const API_KEYS = [...COMMAND_NAMES, 'onTick', 'onEvent', 'onSummary', 'saveFile'].sort();

/**
 * The Electron binary if it is on disk, found the way node_modules/electron/index.js finds it. Requiring
 * 'electron' itself is not an option: it starts a download, without a time limit, when the binary is missing.
 */
function electronBinary(): string | null {
  let electronDir: string;
  try {
    electronDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(electronDir, 'path.txt');
  const relativePath = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relativePath || 'electron') : relativePath ? join(electronDir, 'dist', relativePath) : null;
  return binary !== null && existsSync(binary) ? binary : null;
}

/** Every live process as pid -> parent pid, or null where that cannot be read. */
function processTable(): Map<number, number> | null {
  const table = new Map<number, number>();
  if (process.platform === 'linux') {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // Fields after the command name (which may hold spaces and parentheses): state, ppid, ...
        const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (state !== 'Z') table.set(Number(entry), Number(ppid));
      } catch {
        // The process ended while we read: it is not live.
      }
    }
    return table;
  }
  if (process.platform === 'win32') return null;
  const lines = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat='], { encoding: 'utf8' }).trim().split('\n');
  for (const line of lines) {
    const [pid, ppid, stat] = line.trim().split(/\s+/);
    if (!stat?.startsWith('Z')) table.set(Number(pid), Number(ppid));
  }
  return table;
}

/** All descendants of `pid` alive now. */
function descendants(pid: number): number[] {
  const table = processTable();
  if (table === null) return [];
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of table) {
      if (ppid === parent && !found.includes(child)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** True while `pid` runs (a zombie, already dead but not yet reaped, does not count). */
function alive(pid: number): boolean {
  const table = processTable();
  if (table !== null) return table.has(pid);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const binary = electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skip =
  binary === null
    ? 'Electron binary not available: desktop test skipped; the same UI is tested in Chromium against browser mode'
    : noDisplay
      ? 'No display (run under xvfb-run): desktop test skipped; the same UI is tested in Chromium against browser mode'
      : false;

interface RunOutcome {
  result: { ok: boolean; running?: boolean; errors?: unknown };
  tick?: { t: number; strategy: string; units: Array<{ pid: number; kind: string; state: string }> };
}

test('desktop app: isolated page, a run with forked processes, a clean quit', { skip, timeout: 180_000 }, async () => {
  assert.ok(existsSync(join(root, 'out/renderer/index.html')), 'the renderer is built (node scripts/build.mjs)');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  // Chromium will not start as root with its OS sandbox (CI containers often run as root). The renderer is
  // still sandboxed and isolated by Electron (sandbox, contextIsolation); only the OS layer is given up, in tests.
  const rootArgs = process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await _electron.launch({ executablePath: binary!, args: [root, ...rootArgs], cwd: root, env, timeout: 60_000 });
  const mainPid = app.process().pid!;
  let quit = false;
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');

    // Only window.lab reaches the page: no Node, no require, no Electron.
    const globals = await page.evaluate(`({
      lab: typeof window.lab,
      keys: Object.keys(window.lab ?? {}).sort(),
      require: typeof window.require,
      process: typeof window.process,
      module: typeof window.module,
      ipcRenderer: typeof window.ipcRenderer,
      electron: typeof window.electron,
    })`);
    assert.deepEqual(globals, {
      lab: 'object',
      keys: API_KEYS,
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
    });

    // The CSP header is in force: a script injected inline does not run.
    const inlineRan = await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.appendChild(script);
      return window.__inlineRan === true;
    })()`);
    assert.equal(inlineRan, false, 'inline script blocked by the CSP');

    // A run that forks processes (Electron as Node, ELECTRON_RUN_AS_NODE=1): subscribe, start, wait for a tick
    // that shows the processes.
    const outcome = (await page.evaluate(`(async () => {
      let off = () => {};
      const tick = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no tick with running processes within 30 s')), 30000);
        off = window.lab.onTick((t) => {
          if (t.units.filter((u) => u.kind === 'process' && u.state !== 'starting').length >= 2) {
            clearTimeout(timer);
            resolve(t);
          }
        });
      });
      const result = await window.lab.start({ strategy: 'child-process', childMode: 'fork', poolSize: 2, workload: 'fib', size: 20, loadMode: 'open', rate: 20 });
      if (!result.ok) { off(); return { result }; }
      try { return { result, tick: await tick }; } finally { off(); }
    })()`)) as RunOutcome;
    assert.equal(outcome.result.ok, true, `run started: ${JSON.stringify(outcome.result)}`);
    assert.ok(outcome.tick, 'a tick arrived');
    assert.equal(outcome.tick.strategy, 'child-process');
    const unitPids = outcome.tick.units.filter((u) => u.kind === 'process').map((u) => u.pid);
    assert.ok(unitPids.length >= 2 && unitPids.every((pid) => pid !== mainPid && alive(pid)), `forked processes running: ${unitPids.join(', ')}`);

    // Everything the app started (its forks and Chromium's own helpers), then quit while the run is going.
    const before = [...new Set([...descendants(mainPid), ...unitPids])];
    await app.close();
    quit = true;

    const deadline = Date.now() + 15_000;
    let left = before.filter(alive);
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      left = before.filter(alive);
    }
    assert.deepEqual(left, [], 'no process of the app is left after quitting');
    assert.equal(alive(mainPid), false, 'the app itself ended');
  } finally {
    if (!quit) await app.close().catch(() => undefined);
  }
});
