import assert from 'node:assert/strict';
import * as net from 'node:net';
import { after, describe, it } from 'node:test';
import type { AgentMessage } from '../../../shared/attach';
import { waitFor } from '../testing/harness';
import { AgentServer, MAX_LINE_CHARS, type AgentSink } from './agent-server';

/** What a server told its sink. */
function recordingSink() {
  const told = { hellos: [] as number[], reports: 0, closed: [] as number[] };
  const sink: AgentSink = {
    hello: (_id, hello) => told.hellos.push(hello.pid),
    report: () => told.reports++,
    closed: (id) => told.closed.push(id),
  };
  return { told, sink };
}

/** A raw client: connects, writes `lines` as they are, and resolves once the server closed it (or after `openMs`). */
function client(port: number, lines: string[], openMs = 10_000): Promise<'closed' | 'open'> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      for (const line of lines) socket.write(line);
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('open');
    }, openMs);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
  });
}

const line = (message: AgentMessage | Record<string, unknown>) => `${JSON.stringify(message)}\n`;
const hello = (token: string, pid = 4242) => line({ type: 'hello', token, pid, ppid: 1, threadId: 0, argv: ['node', 'app.js'], node: 'v20.0.0', startedAt: Date.now() });
const report = line({
  type: 'sample',
  sample: { eld: { p50: 1, p99: 2, max: 3 }, elu: 0.1, cpu: 0.1, rss: 1_000, heapUsed: 1_000 },
  activity: { from: 1, busyUs: [0, 100], gc: [], to: 50 },
  http: null,
  workers: [],
});

const servers: AgentServer[] = [];
after(async () => {
  for (const server of servers) await server.close();
});

async function serve(helloTimeoutMs = 500) {
  const { told, sink } = recordingSink();
  const server = new AgentServer(sink, helloTimeoutMs);
  servers.push(server);
  const port = await server.listen();
  return { told, server, port };
}

describe('the agent server', () => {
  it('makes a random 32-byte token per server', () => {
    const a = new AgentServer(recordingSink().sink);
    const b = new AgentServer(recordingSink().sink);
    assert.match(a.token, /^[0-9a-f]{64}$/);
    assert.notEqual(a.token, b.token);
  });

  it('accepts a connection that opens with the token, and takes its reports', async () => {
    const { told, server, port } = await serve();
    const outcome = await client(port, [hello(server.token), report, report], 1_500);
    assert.equal(outcome, 'open', 'the right token keeps the connection open');
    assert.deepEqual(told.hellos, [4242]);
    assert.equal(told.reports, 2);
    assert.equal(server.refused, 0);
    await waitFor(() => told.closed.length === 1, 5_000, 'the closed connection told');
  });

  it('refuses and counts: no token, a wrong token, garbage, a silent client, a bad line after hello, an endless line', async () => {
    const { told, server, port } = await serve();
    const outcomes = await Promise.all([
      client(port, [line({ type: 'hello', pid: 1, ppid: 1, threadId: 0, argv: [], node: 'v20', startedAt: 1 })]),
      client(port, [hello('0'.repeat(64))]),
      client(port, [hello(`${server.token.slice(1)}x`)]),
      client(port, ['GET / HTTP/1.1\r\nHost: x\r\n\r\n']),
      client(port, ['{"type":"sample"}\n']),
      client(port, []),
      client(port, [hello(server.token, 7), '{"type":"sample","sample":"nope"}\n']),
      client(port, ['x'.repeat(MAX_LINE_CHARS + 10)]),
    ]);
    assert.deepEqual(outcomes, Array(8).fill('closed'), 'every one of them was closed by the server');
    assert.equal(server.refused, 8);
    assert.deepEqual(told.hellos, [7], 'only the one with the token said hello');
    assert.equal(told.reports, 0);
  });

  it('refuses a hello that comes too slowly', async () => {
    const { server, port } = await serve(300);
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await closed;
    // Too late: the server closed it already.
    assert.equal(server.refused, 1);
  });

  it('takes a hello split over several packets, and several lines in one', async () => {
    const { told, server, port } = await serve();
    const text = hello(server.token) + report;
    const outcome = await client(port, [text.slice(0, 10), text.slice(10, 100), text.slice(100)], 1_000);
    assert.equal(outcome, 'open');
    assert.deepEqual(told.hellos, [4242]);
    assert.equal(told.reports, 1);
    assert.equal(server.refused, 0);
  });

  it('closes every connection when it closes', async () => {
    const { server, port } = await serve();
    const outcome = client(port, [hello(server.token)], 10_000);
    // Long enough for the hello to arrive on any machine: the close must end an accepted connection too.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await server.close();
    assert.equal(await outcome, 'closed');
  });
});
