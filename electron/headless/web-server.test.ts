import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { WORKLOAD_SIZES } from '../../shared/constants';
import { MAX_COMMAND_BYTES, type CommandResult } from '../../shared/lab-api';
import type { AppExitedEvent, LabMessage, Tick } from '../../shared/messages';
import { alive, descendants, waitFor } from '../engine/testing/harness';
import { hostAllowed, originAllowed } from './host-policy';
import { HARD_FRAME_LIMIT } from './lab-socket';
import { resolveRequestPath } from '../page-files/static-files';
import { parseWebArgs, startWebServer, type WebServer } from './web-server';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';

interface Response {
  type: 'response';
  id: number | null;
  result: CommandResult;
}

/** A ws client that collects every frame and can wait for the next one matching a predicate. */
class Client {
  readonly messages: Array<Response | LabMessage> = [];
  private waiters: Array<() => void> = [];
  closeCode: number | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as Response | LabMessage);
      for (const wake of this.waiters.splice(0)) wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<Client> {
    const ws = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
    });
  }

  async next<T extends Response | LabMessage>(match: (m: Response | LabMessage) => m is T, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.messages.findIndex(match);
      if (index >= 0) return this.messages.splice(index, 1)[0] as T;
      if (this.closeCode !== null) throw new Error(`socket closed (${this.closeCode}) while waiting`);
      if (Date.now() > deadline) throw new Error('timed out waiting for a message');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  response(id: number | null): Promise<Response> {
    return this.next((m): m is Response => m.type === 'response' && m.id === id);
  }

  async command(id: number, command: string, payload?: unknown, timeoutMs?: number): Promise<Response> {
    this.ws.send(JSON.stringify(payload === undefined ? { id, command } : { id, command, payload }));
    return this.next((m): m is Response => m.type === 'response' && m.id === id, timeoutMs);
  }

  closed(): Promise<number> {
    return new Promise((resolve) => (this.closeCode !== null ? resolve(this.closeCode) : this.ws.once('close', (code) => resolve(code))));
  }
}

/** Pids of processes whose command line has `text` (pgrep exits 1 when there is none). */
function running(text: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', text], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function errorText(result: CommandResult): string {
  return result.ok ? '' : result.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
}

/** A raw GET (node's client sends the path exactly as given, so `..` reaches the server unnormalized). */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode web server', () => {
  let server: WebServer;
  let dir: string;
  let wsUrl: string;

  before(async () => {
    // A renderer folder of our own, with a secret file next to it (outside the served root).
    dir = mkdtempSync(join(tmpdir(), 'lab-web-'));
    mkdirSync(join(dir, 'site', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><title>lab</title>');
    writeFileSync(join(dir, 'site', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'TOP-SECRET');
    server = await startWebServer({ port: 0, rendererDir: join(dir, 'site') });
    wsUrl = `ws://127.0.0.1:${server.port}/ws`;
  });

  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the renderer with the CSP header', async () => {
    const page = await get(server.port, '/');
    assert.equal(page.status, 200);
    assert.match(page.body, /<title>lab<\/title>/);
    assert.equal(page.headers['content-security-policy'], CONTENT_SECURITY_POLICY, 'the one policy the desktop app sends too');
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    const script = await get(server.port, '/assets/app.js');
    assert.equal(script.status, 200);
    assert.match(String(script.headers['content-type']), /^text\/javascript/);
  });

  it('refuses path traversal in every spelling', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/assets/%00.js']) {
      const res = await get(server.port, path);
      assert.ok([400, 403, 404].includes(res.status), `${path} answered ${res.status}`);
      assert.doesNotMatch(res.body, /TOP-SECRET|root:/, path);
    }
    assert.equal((await get(server.port, '/..%2fsecret.txt')).status, 403);
    assert.deepEqual(resolveRequestPath('/srv/site', '/a/../../secret'), { ok: true, path: '/srv/site/secret' });
    assert.equal(resolveRequestPath('/srv/site', '/..%2f..%2fsecret').ok, false);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin on the WebSocket', async () => {
    assert.equal((await get(server.port, '/', { Host: `evil.example:${server.port}` })).status, 403);
    await assert.rejects(Client.open(wsUrl, { Origin: 'http://evil.example' }), /403/);
    const same = await Client.open(wsUrl, { Origin: `http://127.0.0.1:${server.port}` });
    same.ws.close();
    assert.equal(hostAllowed('localhost:5174', { host: '127.0.0.1', port: 5174 }), true);
    assert.equal(hostAllowed('evil.example:5174', { host: '127.0.0.1', port: 5174 }), false);
    assert.equal(originAllowed('http://127.0.0.1:5174', '127.0.0.1:5174'), true);
    assert.equal(originAllowed('http://127.0.0.1:5175', '127.0.0.1:5174'), false);
  });

  it('answers a non-JSON frame with an error naming the problem, and keeps serving', async () => {
    const client = await Client.open(wsUrl);
    client.ws.send('this is not json');
    const error = await client.response(null);
    assert.equal(error.result.ok, false);
    assert.match(errorText(error.result), /not valid JSON/);
    const state = await client.command(1, 'getState');
    assert.equal(state.result.ok, true);
    client.ws.close();
  });

  it('answers an oversized frame with an error naming the limit, and keeps the connection', async () => {
    const client = await Client.open(wsUrl);
    client.ws.send(JSON.stringify({ id: 7, command: 'configure', payload: { pad: 'x'.repeat(MAX_COMMAND_BYTES) } }));
    const error = await client.response(null);
    assert.match(errorText(error.result), new RegExp(`larger than ${MAX_COMMAND_BYTES} bytes`));
    assert.equal((await client.command(2, 'getState')).result.ok, true);
    client.ws.close();
  });

  it('closes a connection that sends a frame beyond the hard cap (1009), and still serves new ones', async () => {
    const client = await Client.open(wsUrl);
    client.ws.send('x'.repeat(HARD_FRAME_LIMIT + 1));
    assert.equal(await client.closed(), 1009);
    const next = await Client.open(wsUrl);
    assert.equal((await next.command(1, 'getState')).result.ok, true);
    next.ws.close();
  });

  it('rejects bad commands with the field named, and changes nothing', async () => {
    const client = await Client.open(wsUrl);
    const bad = await client.command(3, 'configure', { size: 99 });
    assert.equal(bad.id, 3);
    assert.equal(errorText(bad.result), 'size: for fib must be an integer between 1 and 40 (n)');
    const unknown = await client.command(4, 'explode');
    assert.match(errorText(unknown.result), /^command: must be one of/);
    client.ws.send(JSON.stringify({ command: 'getState' }));
    assert.match(errorText((await client.response(null)).result), /^id: /);
    const state = await client.command(5, 'getState');
    assert.ok(state.result.ok && state.result.config.size === WORKLOAD_SIZES.fib.default);
    client.ws.close();
  });

  it('refuses attach without --allow-attach, naming the flag, and says so in getState: nothing starts', async () => {
    const client = await Client.open(wsUrl);
    const state = await client.command(1, 'getState');
    assert.ok(state.result.ok && state.result.canAttach === false);
    const tag = `nclab-web-refused-${process.pid}-${Date.now()}`;
    const refused = await client.command(2, 'attach', { command: [process.execPath, '-e', 'setInterval(() => {}, 1000)', tag] });
    assert.equal(refused.result.ok, false);
    assert.match(errorText(refused.result), /^command: .*npm run web -- --allow-attach/);
    const after = await client.command(3, 'getState');
    assert.ok(after.result.ok && !after.result.running && after.result.attached === undefined);
    assert.deepEqual(running(tag), [], 'the command was not run');
    client.ws.close();
  });

  it('broadcasts the engine messages, unchanged, to every client', async () => {
    const a = await Client.open(wsUrl);
    const b = await Client.open(wsUrl);
    const started = await a.command(1, 'start', { strategy: 'worker-pool', workload: 'fib', size: 20, rate: 20, intervalMs: 100 });
    assert.equal(started.result.ok, true, errorText(started.result));
    const isTick = (m: Response | LabMessage): m is Tick => m.type === 'tick';
    const [tickA, tickB] = await Promise.all([a.next(isTick), b.next(isTick)]);
    for (const tick of [tickA, tickB]) {
      assert.equal(tick.strategy, 'worker-pool');
      assert.ok(tick.host && Array.isArray(tick.units) && typeof tick.jobs.submitted === 'number');
    }
    const stopped = await b.command(2, 'stop');
    assert.ok(stopped.result.ok && !stopped.result.running);
    assert.equal(server.engine.liveUnits(), 0);
    a.ws.close();
    b.ws.close();
  });
});

describe('web-server process', () => {
  it('prints its URL, and on SIGTERM disposes the engine: every process it started ends', async () => {
    const child = spawn(process.execPath, [join(__dirname, 'web-server.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const deadline = Date.now() + 10_000;
    while (!/serving (http:\/\/127\.0\.0\.1:\d+\/)/.test(out) && Date.now() < deadline) await sleep(50);
    const url = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
    assert.ok(url, `printed its URL: ${out}`);
    const client = await Client.open(`${url.replace('http', 'ws')}ws`);
    const started = await client.command(1, 'start', { strategy: 'cluster', workload: 'fib', size: 20, rate: 20, poolSize: 2 });
    assert.equal(started.result.ok, true, errorText(started.result));
    let workers: number[] = [];
    while (workers.length < 2 && Date.now() < deadline + 10_000) {
      await sleep(100);
      workers = descendants(child.pid as number);
    }
    assert.ok(workers.length >= 2, 'cluster workers started');
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    // An ended process is reaped a moment later, longer on a busy machine: wait for it, with a deadline.
    await waitFor(() => workers.filter(alive).length === 0, 5_000, 'every process the server started to end').catch(() => undefined);
    assert.deepEqual(workers.filter(alive), [], 'every process the server started has ended');
  });

  it('refuses a bad --port with a message and exit code 2', async () => {
    const child = spawn(process.execPath, [join(__dirname, 'web-server.js'), '--port', 'abc'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /--port must be an integer/);
  });
});

describe('browser mode with --allow-attach', () => {
  let server: WebServer;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lab-web-attach-'));
    mkdirSync(join(dir, 'site'));
    writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><title>lab</title>');
    server = await startWebServer({ port: 0, rendererDir: join(dir, 'site'), allowAttach: true });
  });

  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--allow-attach is off unless given', () => {
    assert.equal(parseWebArgs([]).allowAttach, false);
    assert.equal(parseWebArgs(['--allow-attach']).allowAttach, true);
  });

  it('says canAttach, attaches over the WebSocket, streams the app, and Stop ends it: nothing left', async () => {
    const client = await Client.open(`ws://127.0.0.1:${server.port}/ws`);
    const state = await client.command(1, 'getState');
    assert.ok(state.result.ok && state.result.canAttach === true);
    const tag = `nclab-web-attached-${process.pid}-${Date.now()}`;
    const command = [process.execPath, '-e', 'setInterval(() => {}, 1000)', tag];
    const attached = await client.command(2, 'attach', { command, cwd: dir }, 30_000);
    assert.equal(attached.result.ok, true, errorText(attached.result));
    assert.ok(attached.result.ok && attached.result.attached?.command.includes(tag));
    const tick = await client.next((m): m is Tick => m.type === 'tick' && m.strategy === 'attached', 30_000);
    assert.ok(tick.app?.processes.some((p) => p.root && p.command.includes(tag)), 'the tick lists the app');
    assert.ok(running(tag).length > 0, 'the app runs');
    const stopped = await client.command(3, 'stop', undefined, 30_000);
    assert.ok(stopped.result.ok && !stopped.result.running, errorText(stopped.result));
    const exited = await client.next((m): m is AppExitedEvent => m.type === 'event' && m.event === 'app-exited', 30_000);
    assert.equal(exited.byLab, true);
    await waitFor(() => running(tag).length === 0, 10_000, 'the app to end').catch(() => undefined);
    assert.deepEqual(running(tag), [], 'nothing of the app is left');
    client.ws.close();
  });
});

describe('browser mode offers the workload modules of --workloads DIR, by name', () => {
  let server: WebServer;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lab-web-workloads-'));
    mkdirSync(join(dir, 'site'), { recursive: true });
    mkdirSync(join(dir, 'offered'));
    writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><title>lab</title>');
    writeFileSync(join(dir, 'offered', 'double.mjs'), 'export const name = "double";\nexport default (size) => size * 2;\n');
    writeFileSync(join(dir, 'outside.mjs'), 'export default () => 1;\n');
    server = await startWebServer({ port: 0, rendererDir: join(dir, 'site'), workloadsDir: join(dir, 'offered') });
  });

  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists them, runs one by name, and refuses a path from the page', async () => {
    const client = await Client.open(`ws://127.0.0.1:${server.port}/ws`);
    const listed = await client.command(1, 'workloads');
    assert.ok(listed.result.ok && listed.result.workloads?.join() === 'double.mjs');
    const used = await client.command(2, 'useWorkload', { name: 'double.mjs' });
    assert.ok(used.result.ok && used.result.config.workloadFile === join(dir, 'offered', 'double.mjs') && used.result.config.workloadModule?.name === 'double');
    const path = await client.command(3, 'configure', { workloadFile: join(dir, 'outside.mjs') });
    assert.match(errorText(path.result), /workloadFile: is not set by a page/);
    const traversal = await client.command(4, 'useWorkload', { name: '../outside.mjs' });
    assert.match(errorText(traversal.result), /name: is not an offered workload file; offered: double.mjs/);
    client.ws.close();
  });

  it('--workloads takes a folder that exists', () => {
    assert.equal(parseWebArgs(['--workloads', dir]).workloadsDir, dir);
    assert.throws(() => parseWebArgs(['--workloads', join(dir, 'missing')]), /--workloads: no such folder/);
  });
});
