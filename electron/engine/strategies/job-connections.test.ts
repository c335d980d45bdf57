import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { JobConnections } from './job-connections';

/** A server that answers every request with the number of the connection it came on (1, 2, ...). */
function countingServer(): { server: Server; connections: () => number } {
  let count = 0;
  const server = createServer((_request, response) => response.end(String(count)));
  server.on('connection', () => count++);
  return { server, connections: () => count };
}

describe('the load generator\'s connections to a cluster generation', () => {
  let origin = '';
  let counting: ReturnType<typeof countingServer>;

  before(async () => {
    counting = countingServer();
    await new Promise<void>((resolve) => counting.server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(counting.server.address() as AddressInfo).port}`;
  });

  after(async () => {
    counting.server.closeAllConnections();
    await new Promise((resolve) => counting.server.close(resolve));
  });

  /** Sends `n` requests one after another and gives the server's connection count before and after. */
  async function inTurn(connections: JobConnections, n: number): Promise<number> {
    const from = counting.connections();
    for (let i = 0; i < n; i++) {
      const answer = await connections.get('/job', {});
      assert.equal(answer.statusCode, 200);
    }
    await connections.destroy();
    return counting.connections() - from;
  }

  it('keep-alive: requests one after another share one connection', async () => {
    assert.equal(await inTurn(new JobConnections(origin, 'keep-alive'), 5), 1);
  });

  it('new-per-request: every request opens a connection of its own', async () => {
    assert.equal(await inTurn(new JobConnections(origin, 'new-per-request'), 5), 5);
  });

  it('keep-alive: two requests at once open a second connection, and later ones reuse both', async () => {
    const connections = new JobConnections(origin, 'keep-alive');
    const from = counting.connections();
    await Promise.all([connections.get('/a', {}), connections.get('/b', {})]);
    await Promise.all([connections.get('/c', {}), connections.get('/d', {})]);
    await connections.destroy();
    assert.equal(counting.connections() - from, 2);
  });
});
