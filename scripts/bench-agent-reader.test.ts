import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { startAgentReader, type AgentTally } from './bench-agent-reader';

const TOKEN = 'a'.repeat(64);
const hello = (token: string, pid: number, threadId: number) => JSON.stringify({ type: 'hello', token, pid, ppid: 1, threadId, argv: ['node'], node: process.version, startedAt: Date.now() });
const sample = JSON.stringify({ type: 'sample', sample: {}, activity: {}, http: null, workers: [] });

async function dial(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  // The reader resets a connection it refuses while we may still be writing.
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  return socket;
}

async function until(tally: AgentTally, condition: (t: AgentTally) => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition(tally)) {
    if (Date.now() > deadline) throw new Error(`reader tally stuck at ${JSON.stringify({ ...tally, hellos: [...tally.hellos] })}`);
    await sleep(20);
  }
}

describe('bench: the lab-side reader of the agent overhead bench', () => {
  it('counts hellos with the token and every sample line after them, split across packets or not', async () => {
    const reader = await startAgentReader(TOKEN);
    try {
      const main = await dial(reader.port);
      main.write(`${hello(TOKEN, 42, 0)}\n${sample}\n${sample.slice(0, 10)}`);
      await sleep(50);
      main.write(`${sample.slice(10)}\n`);
      const thread = await dial(reader.port);
      thread.write(`${hello(TOKEN, 42, 1)}\n${sample}\n`);
      await until(reader.tally, (t) => t.samples === 3 && t.hellos.size === 2);
      assert.deepEqual([...reader.tally.hellos].sort(), ['42:0', '42:1']);
      assert.equal(reader.tally.refused, 0);
      main.destroy();
      thread.destroy();
    } finally {
      await reader.close();
    }
  });

  it('refuses and counts a wrong token, a sample before the hello and a line that is not JSON, closing each', async () => {
    const reader = await startAgentReader(TOKEN);
    try {
      for (const first of [hello('b'.repeat(64), 7, 0), sample, 'GET / HTTP/1.1']) {
        const socket = await dial(reader.port);
        const closed = once(socket, 'close');
        socket.write(`${first}\n${sample}\n`);
        await closed;
      }
      await until(reader.tally, (t) => t.refused === 3);
      assert.equal(reader.tally.hellos.size, 0);
      assert.equal(reader.tally.samples, 0);
    } finally {
      await reader.close();
    }
  });
});
