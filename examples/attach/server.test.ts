import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';

/** The repository's root: tests run from out/examples/attach, the example stays in the sources. */
const root = join(__dirname, '..', '..', '..');
const SERVER = join(root, 'examples', 'attach', 'server.mjs');
/** Generous: two busy loops may run beside the test on two cores. */
const TIMEOUT_MS = 60_000;

const started: ChildProcess[] = [];
// Whatever a failed test left: the example runs in its own process group, so one signal ends all of it.
after(() => {
  for (const child of started) if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
});

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Nothing left in it.
  }
}

/** Whether any process is left in the process group. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A process's command line, from /proc; '' once it has ended. */
function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** The pids whose parent is `pid`, from /proc (the stat line's 4th field, after the command in parentheses). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // Ended while we looked.
    }
  }
  return children;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

interface Running {
  child: ChildProcess;
  pid: number;
  origin: string;
  output: () => string;
}

/** Starts the example on a free port in its own process group and waits for its "listening" line. */
async function startServer(env: Record<string, string> = { PORT: '0' }, args: string[] = []): Promise<Running> {
  const { NODE_TEST_CONTEXT: _runner, NODE_OPTIONS: _options, DEMO_LOAD: _load, ...inherited } = process.env;
  const child = spawn(process.execPath, [SERVER, ...args], { env: { ...inherited, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await waitFor(() => /listening on (http:\S+)/.test(text) || child.exitCode !== null, 'the listening line');
  const origin = /listening on (http:\S+)/.exec(text)?.[1];
  assert.ok(origin, `no listening line; the example said: ${text}`);
  assert.ok(child.pid !== undefined);
  return { child, pid: child.pid, origin, output: () => text };
}

async function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  return { code, signal };
}

async function getJson(origin: string, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(origin + path);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('examples/attach/server.mjs', () => {
  it('serves every route from its two workers, and refuses a bad n naming it and the allowed values', async () => {
    const server = await startServer();
    const workers = childrenOf(server.pid);
    assert.equal(workers.length, 2, 'two cluster workers');

    const home = await getJson(server.origin, '/');
    assert.equal(home.status, 200);
    assert.ok(workers.includes(home.body.pid as number), 'answered by a worker');

    assert.deepEqual((await getJson(server.origin, '/fib?n=20')).body, { n: 20, result: 6765, ranOn: 'event loop' });
    assert.deepEqual((await getJson(server.origin, '/offload?n=20')).body, { n: 20, result: 6765, ranOn: 'worker thread' });

    const health = await getJson(server.origin, '/health');
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'ok');
    assert.equal(health.body.threads, 2, 'the pool has its two threads');

    const bad = await getJson(server.origin, '/fib?n=abc');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, 'n must be an integer from 0 to 35, not "abc"');
    assert.equal((await getJson(server.origin, '/offload?n=36')).status, 400);
    assert.equal((await getJson(server.origin, '/nowhere')).status, 404);

    killGroup(server.pid, 'SIGTERM');
    assert.deepEqual(await exitOf(server.child), { code: 0, signal: null });
  });

  it('exits 0 on a SIGTERM to its first process alone, its workers gone with it', async () => {
    const server = await startServer();
    const workers = childrenOf(server.pid);
    assert.equal(workers.length, 2);
    // A request answered first, so the workers hold a kept-alive connection when the signal comes.
    assert.equal((await getJson(server.origin, '/offload?n=15')).status, 200);

    process.kill(server.pid, 'SIGTERM');
    assert.deepEqual(await exitOf(server.child), { code: 0, signal: null });
    await waitFor(() => !groupAlive(server.pid), 'its process group to empty');
    assert.match(server.output(), /listening on/);
    assert.doesNotMatch(server.output(), /worker \d+ (exited|killed)/, 'no worker was replaced or killed');
  });

  it('exits 0 when the whole group gets SIGTERM, as the lab\'s Stop sends it, leaving nothing', async () => {
    const server = await startServer();
    killGroup(server.pid, 'SIGTERM');
    assert.deepEqual(await exitOf(server.child), { code: 0, signal: null });
    await waitFor(() => !groupAlive(server.pid), 'its process group to empty');
  });

  const ways: Array<{ name: string; args: string[]; env: Record<string, string> }> = [
    { name: '--demo-load', args: ['--demo-load'], env: {} },
    { name: 'DEMO_LOAD=1', args: [], env: { DEMO_LOAD: '1' } },
  ];
  for (const how of ways) {
    it(`with ${how.name} loads itself from one more process, printing nothing, and a SIGTERM to its first process ends it all (exit 0)`, async () => {
      const server = await startServer({ PORT: '0', ...how.env }, how.args);
      // The two workers and the load, which is forked once they listen.
      await waitFor(() => childrenOf(server.pid).length === 3, 'the load process beside the two workers');
      const load = childrenOf(server.pid).filter((pid) => commandOf(pid).includes('demo-load.mjs'));
      assert.equal(load.length, 1, 'one load process');
      assert.match(commandOf(load[0]!), /demo-load\.mjs http:\/\/127\.0\.0\.1:\d+/, 'told the port the workers listen on (PORT=0: a free one)');

      // Requests happen: the workers count what they served (ours are a handful; the load's, hundreds).
      const served = new Map<number, number>();
      const total = () => [...served.values()].reduce((sum, n) => sum + n, 0);
      const deadline = Date.now() + TIMEOUT_MS;
      while (total() < 200) {
        assert.ok(Date.now() < deadline, `timed out waiting for the load's requests (served so far: ${total()})`);
        const health = await getJson(server.origin, '/health');
        served.set(health.body.pid as number, health.body.served as number);
        await sleep(200);
      }

      process.kill(server.pid, 'SIGTERM');
      assert.deepEqual(await exitOf(server.child), { code: 0, signal: null });
      await waitFor(() => !groupAlive(server.pid), 'its process group (the load included) to empty');
      // The app's output is the app's: one listening line, nothing of the load's.
      assert.deepEqual(server.output().trim().split('\n'), [server.output().trim().split('\n')[0]]);
      assert.match(server.output(), /^server\.mjs: listening on /);
    });
  }

  it('starts no load without the flag', async () => {
    const server = await startServer();
    await sleep(1_000);
    assert.equal(childrenOf(server.pid).length, 2, 'the two workers only');
    const health = await getJson(server.origin, '/health');
    assert.equal(health.body.served, 1, 'this request was the worker\'s first');
    killGroup(server.pid, 'SIGTERM');
    assert.deepEqual(await exitOf(server.child), { code: 0, signal: null });
  });

  it('refuses a bad PORT before starting anything, naming it and the allowed values (exit 2)', async () => {
    const { NODE_TEST_CONTEXT: _runner, NODE_OPTIONS: _options, ...inherited } = process.env;
    const child = spawn(process.execPath, [SERVER], { env: { ...inherited, PORT: 'eighty' }, stdio: ['ignore', 'ignore', 'pipe'] });
    started.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // 'close': its stderr read to the end, not only its exit seen.
    await once(child, 'close');
    assert.deepEqual({ code: child.exitCode, signal: child.signalCode }, { code: 2, signal: null });
    assert.equal(stderr.trim(), 'server.mjs: PORT must be an integer from 0 to 65535, not "eighty"');
  });
});
