import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { it } from 'node:test';
import { LabLink, MAX_BACKLOG_BYTES } from './lab-link';
import { waitFor } from './testing/fake-lab';

/** A lab that accepts and then never reads: what the agent writes piles up in the kernel, then in the socket. */
async function deafLab() {
  const sockets: Socket[] = [];
  const server = createServer({ pauseOnConnect: true }, (socket) => sockets.push(socket.on('error', () => {})));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    sockets,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

it("a lab that does not keep up costs the app at most the link's backlog: lines beyond it are dropped", async () => {
  const lab = await deafLab();
  let closed = 0;
  const link = new LabLink(lab.port, () => closed++);
  try {
    await waitFor(() => lab.sockets.length === 1, 60_000, 'the connection');
    // Let the connect complete on the agent's side too, so lines go to the kernel before they queue.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const line = { type: 'sample', pad: 'x'.repeat(1024) };
    let sent = 0;
    // Far more than the kernel's buffers on both ends hold (a few MiB on loopback), all in one turn of the loop.
    for (let i = 0; i < 100_000 && link.dropped === 0; i++) if (link.send(line)) sent++;
    assert.ok(link.dropped > 0, `dropped after ${sent} lines`);
    assert.equal(link.send(line), false, 'still backed up: dropped again');
    assert.ok(sent * 1024 > MAX_BACKLOG_BYTES, 'it did take lines up to its backlog');
    assert.equal(closed, 0);
  } finally {
    link.close();
    await lab.close();
  }
  assert.equal(closed, 0, 'closing it itself is not the lab going away');
});

it('the lab going away is told once, and nothing is sent after it', async () => {
  const lab = await deafLab();
  let closed = 0;
  const link = new LabLink(lab.port, () => closed++);
  await waitFor(() => lab.sockets.length === 1, 60_000, 'the connection');
  await lab.close();
  await waitFor(() => closed > 0, 60_000, 'the link to notice');
  assert.equal(link.send({ type: 'sample' }), false);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(closed, 1);
});

it('no lab at all: the link closes quietly (a refused connect is no error of the app)', async () => {
  const lab = await deafLab();
  const port = lab.port;
  await lab.close();
  let closed = 0;
  const link = new LabLink(port, () => closed++);
  await waitFor(() => closed === 1, 60_000, 'the refused connect to close the link');
  assert.equal(link.send({ type: 'hello' }), false);
});
