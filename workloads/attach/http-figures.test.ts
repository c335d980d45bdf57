import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { LatencyBuckets } from '../../shared/attach/latency-buckets';
import { HttpFigures, timedAtMost, timeOneIn, TIMED_PER_SECOND } from './http-figures';

/** A real server in this process: `/` answers, `/hold` answers when released, `/fail` is a 500. */
let server: Server;
let port = 0;
const held: Array<() => void> = [];
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hold') held.push(() => res.end('late'));
    else if (req.url === '/fail') res.writeHead(500).end('no');
    else res.end('ok');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  agent.destroy();
  server.closeAllConnections();
  server.close();
});

/** A request on the kept-alive agent; resolves with its status (or 0 when it was cut). */
function get(path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(check(), what);
};

describe("an agent's HTTP figures (one thread's, counted by connection)", () => {
  it('counts every request exactly, by status class, and times each one below the sampling rate', async () => {
    const figures = new HttpFigures();
    figures.start();
    try {
      assert.equal(figures.take(), null, 'no request seen: nothing to say');
      for (let i = 0; i < 30; i++) assert.equal(await get('/'), 200);
      assert.equal(await get('/fail'), 500);
      const http = figures.take();
      assert.ok(http);
      assert.equal(http.started, 31);
      assert.deepEqual(http.finished, { '1xx': 0, '2xx': 30, '3xx': 0, '4xx': 0, '5xx': 1 });
      assert.equal(http.inFlight, 0);
      assert.equal(http.aborted, 0);
      const latency = new LatencyBuckets();
      latency.merge(http.latencyBuckets);
      assert.equal(latency.count, 31, 'a latency for every response: 31 requests are under a thousand a second');
      const quiet = figures.take();
      assert.ok(quiet && quiet.started === 0 && quiet.latencyBuckets.length === 0, 'then zeros, not null');
    } finally {
      figures.stop();
    }
  });

  it('holds a request in flight until it finishes, and counts one whose client went away as aborted', async () => {
    const figures = new HttpFigures();
    figures.start();
    try {
      const answered = get('/hold');
      await waitFor(() => held.length === 1, 'the request held');
      assert.equal(figures.take()?.inFlight, 1);
      held.shift()?.();
      assert.equal(await answered, 200);
      assert.equal(figures.take()?.inFlight, 0);

      // A client that gives up: its connection closes with the request unanswered.
      const cut = request({ host: '127.0.0.1', port, path: '/hold' });
      cut.on('error', () => undefined);
      cut.end();
      await waitFor(() => held.length === 1, 'the second request held');
      cut.destroy();
      let aborted = 0;
      await waitFor(() => {
        const http = figures.take();
        aborted += http?.aborted ?? 0;
        return aborted === 1 && http?.inFlight === 0;
      }, 'the cut request counted aborted, nothing in flight');
      held.shift()?.();
    } finally {
      figures.stop();
    }
  });

  it('times no more in a window than a thousand a second of the window before, even in a burst after a quiet one', async () => {
    let clock = 0;
    const figures = new HttpFigures(() => clock);
    figures.start();
    try {
      assert.equal(await get('/'), 200);
      clock = 10; // a quiet window of 10 ms (one request): the next one times 1 in 1, but at most 10
      figures.take();
      for (let i = 0; i < 40; i++) assert.equal(await get('/'), 200);
      const http = figures.take();
      assert.ok(http);
      assert.equal(http.started, 40, 'every request counted');
      const latency = new LatencyBuckets();
      latency.merge(http.latencyBuckets);
      assert.equal(latency.count, 10, 'the first ten timed, the burst after them not');
    } finally {
      figures.stop();
    }
  });

  it('caps a window at a thousand a second of the one before', () => {
    assert.equal(timedAtMost(0.2), 200);
    assert.equal(timedAtMost(0), 1, 'a window of no time still times one');
  });

  it('times all requests up to a thousand a second, then an even share that keeps about that many', () => {
    assert.equal(timeOneIn(0, 0.2), 1);
    assert.equal(timeOneIn(TIMED_PER_SECOND * 0.2, 0.2), 1);
    assert.equal(timeOneIn(TIMED_PER_SECOND * 0.2 * 28, 0.2), 28, '28 000 a second: one in 28');
    assert.equal(timeOneIn(5_000, 0), 5_000, 'a window of no time is taken as a millisecond, not a division by 0');
  });
});
