/**
 * The agent on real processes: fixture apps (testing/*.js) run with the agent preloaded through NODE_OPTIONS, as
 * the lab runs them, and report to a real TCP server playing the lab. What is asserted are facts (what arrived,
 * exit codes, the app's own output), never how long anything took.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { STATUS_CLASSES, type AgentHttp } from '../../shared/attach';
import { LatencyBuckets } from '../../shared/attach/latency-buckets';
import { attachedEnv, FakeLab, plainEnv, runApp, waitFor, within, type Sample } from './testing/fake-lab';

/** Generous: the machine is shared and may be busy. */
const EXIT_TIMEOUT_MS = 60_000;

/** The fixture's own output and exit, without any agent. */
async function ownRun(fixtureName: string) {
  const app = runApp(fixtureName, plainEnv());
  try {
    const exit = await within(app.exited, EXIT_TIMEOUT_MS, `${fixtureName} to exit without the agent`);
    return { exit, stdout: app.stdout(), stderr: app.stderr() };
  } finally {
    app.kill();
  }
}

/** Runs `fixtureName` with the agent preloaded in `env` and checks it behaved as on its own. */
async function assertUnchanged(fixtureName: string, env: NodeJS.ProcessEnv) {
  const own = await ownRun(fixtureName);
  const app = runApp(fixtureName, env);
  // Nothing outlives a failed test: an app the agent kept alive is killed.
  const exit = await within(app.exited, EXIT_TIMEOUT_MS, `${fixtureName} to exit with the agent`).finally(app.kill);
  assert.deepEqual(exit, own.exit, 'the same exit');
  assert.equal(app.stdout(), own.stdout, 'the same stdout, nothing of the agent in it');
  assert.equal(app.stderr(), own.stderr, 'the same stderr: no output, warning or error of the agent');
  return app;
}

/** The figures of several reports added up. */
function totalHttp(samples: Sample[]): AgentHttp & { reports: number } {
  const total = { started: 0, finished: Object.fromEntries(STATUS_CLASSES.map((c) => [c, 0])) as AgentHttp['finished'], aborted: 0, inFlight: 0, latencyBuckets: [] as number[], reports: 0 };
  const latency = new LatencyBuckets();
  for (const { http } of samples) {
    if (!http) continue;
    total.reports++;
    total.started += http.started;
    for (const c of STATUS_CLASSES) total.finished[c] += http.finished[c];
    total.aborted += http.aborted;
    total.inFlight = http.inFlight;
    assert.equal(latency.merge(http.latencyBuckets), 0, 'every latency pair is on the grid');
  }
  total.latencyBuckets = latency.encode();
  return total;
}

describe('the attach agent, in real processes', () => {
  it('a plain script: hello and samples arrive, and its exit code and output are its own', async (t) => {
    const lab = await FakeLab.start();
    try {
      const app = await assertUnchanged('exits-3.js', attachedEnv(lab.port));
      assert.equal(app.stdout(), 'working\ndone true\n');
      assert.deepEqual(
        lab.hellos().map((h) => [h.pid, h.threadId, h.token, h.node]),
        [[app.pid, 0, 'test-token', process.version]],
        'one connection, from its main thread, with the token',
      );
      const [hello] = lab.hellos();
      assert.ok(hello.argv.some((arg) => arg.endsWith('exits-3.js')), `argv ${hello.argv.join(' ')}`);
      assert.equal(lab.received[0].message.type, 'hello', 'hello comes first');
      const samples = lab.samples(hello.connection);
      assert.ok(samples.length >= 2, `${samples.length} samples in a second's run at 100 ms`);
      for (const { sample, activity, http, workers } of samples) {
        assert.ok(sample.rss !== null && sample.rss > 0 && sample.heapUsed > 0, 'a main thread reports its memory');
        assert.ok(sample.elu === null || (sample.elu >= 0 && sample.elu <= 1));
        assert.ok(Array.isArray(activity.busyUs) && Number.isInteger(activity.from) && activity.to > 0);
        assert.equal(http, null, 'no HTTP served, nothing to count');
        assert.deepEqual(workers, []);
      }
      assert.ok(samples.some((s) => s.sample.eld !== null && s.activity.busyUs.some((us) => us > 0)), 'the loop was measured and found busy at times');
      assert.deepEqual(lab.garbage, []);
      const bytes = lab.lineBytes.slice(1);
      t.diagnostic(`sample line bytes: min ${Math.min(...bytes)}, max ${Math.max(...bytes)}, mean ${Math.round(bytes.reduce((a, b) => a + b, 0) / bytes.length)}`);
    } finally {
      await lab.close();
    }
  });

  it('an app that is done exits on its own: the agent keeps nothing alive, the lab still listening', async () => {
    const lab = await FakeLab.start();
    try {
      const app = await assertUnchanged('idle-once-done.mjs', attachedEnv(lab.port));
      assert.equal(app.stdout(), 'done\n');
      await waitFor(() => lab.hellos().length === 1, EXIT_TIMEOUT_MS, 'its hello');
    } finally {
      await lab.close();
    }
  });

  it('a cluster: every process and every thread built from a file reports; each worker process lists its eval worker', async () => {
    const lab = await FakeLab.start();
    try {
      const app = runApp('cluster-app.js', attachedEnv(lab.port));
      const exit = await within(app.exited, EXIT_TIMEOUT_MS, 'the cluster to exit').finally(app.kill);
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.equal(app.stdout() + app.stderr(), '', 'nothing written by the agent');
      const hellos = lab.hellos();
      const mains = hellos.filter((h) => h.threadId === 0);
      const threads = hellos.filter((h) => h.threadId !== 0);
      assert.equal(mains.length, 3, `main threads: ${JSON.stringify(mains.map((h) => h.pid))}`);
      assert.ok(mains.some((h) => h.pid === app.pid), 'the primary is one of them');
      const workerPids = mains.filter((h) => h.pid !== app.pid).map((h) => h.pid);
      assert.ok(workerPids.every((pid) => mains.find((h) => h.pid === pid)?.ppid === app.pid), 'the worker processes are the primary\'s children');
      assert.deepEqual(threads.map((h) => h.pid).sort(), [...workerPids].sort(), 'one file thread in each worker process, none elsewhere');
      for (const pid of workerPids) {
        const own = new Set(hellos.filter((h) => h.pid === pid).map((h) => h.threadId));
        const seen = lab.samples(lab.connectionOf(pid, 0)).flatMap((s) => s.workers);
        const evalThreads = new Set(seen.filter((w) => !own.has(w.threadId)).map((w) => w.threadId));
        assert.equal(evalThreads.size, 1, `process ${pid} saw workers ${JSON.stringify(seen)}; its own agents are threads ${[...own].join(', ')}`);
        assert.ok(seen.some((w) => !own.has(w.threadId) && w.elu !== null && w.elu > 0), 'its eval worker has a utilisation');
        assert.ok(lab.samples(lab.connectionOf(pid, [...own].find((t) => t !== 0) as number)).every((s) => s.sample.rss === null), 'a thread reports no rss of its own');
      }
    } finally {
      await lab.close();
    }
  });

  it('an HTTP server: requests counted by status class, the aborted one too, with latencies', async () => {
    const lab = await FakeLab.start();
    const app = runApp('http-server.js', attachedEnv(lab.port));
    try {
      await waitFor(() => app.stdout().includes('\n'), EXIT_TIMEOUT_MS, 'the server to listen');
      const { port } = JSON.parse(app.stdout().split('\n')[0]) as { port: number };
      const main = () => lab.connectionOf(app.pid, 0);
      await waitFor(() => main() >= 0 && lab.samples(main()).length > 0, EXIT_TIMEOUT_MS, 'a first sample');
      assert.equal(lab.samples(main())[0].http, null, 'listening, but no request yet: nothing counted');
      const get = (path: string) =>
        new Promise<number>((resolve, reject) => {
          request({ host: '127.0.0.1', port, path }, (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          })
            .on('error', reject)
            .end();
        });
      assert.deepEqual(await Promise.all(['/ok', '/ok', '/missing', '/fail'].map(get)), [200, 200, 404, 500]);
      const hanging = request({ host: '127.0.0.1', port, path: '/hang' });
      hanging.on('error', () => {});
      hanging.end();
      await waitFor(() => app.stdout().includes('hanging'), EXIT_TIMEOUT_MS, 'the server to hold /hang');
      hanging.destroy();
      await waitFor(() => totalHttp(lab.samples(main())).aborted === 1, EXIT_TIMEOUT_MS, 'the aborted request to be counted');
      const total = totalHttp(lab.samples(main()));
      assert.equal(total.started, 5);
      assert.deepEqual(total.finished, { '1xx': 0, '2xx': 2, '3xx': 0, '4xx': 1, '5xx': 1 });
      assert.equal(total.inFlight, 0, 'nothing left in flight');
      const latency = new LatencyBuckets();
      latency.merge(total.latencyBuckets);
      assert.equal(latency.count, 4, 'a latency for every finished response');
      const all = lab.samples(main());
      const first = all.findIndex((s) => s.http !== null);
      assert.ok(all.slice(first).every((s) => s.http !== null), 'once counting, every report counts (zeros included)');
      await get('/quit');
      assert.deepEqual(await within(app.exited, EXIT_TIMEOUT_MS, 'the server to exit'), { code: 0, signal: null });
      assert.equal(app.stderr(), '');
    } finally {
      app.kill();
      await lab.close();
    }
  });

  it('the lab going away mid-run changes nothing for the app', async () => {
    const lab = await FakeLab.start((socket, fake) => {
      // Closed as soon as the first sample is in: the agent is mid-run, its next writes find no one.
      const check = setInterval(() => {
        if (fake.samples().length === 0) return;
        clearInterval(check);
        socket.destroy();
      }, 5).unref();
    });
    try {
      await assertUnchanged('exits-3.js', attachedEnv(lab.port));
      assert.ok(lab.samples().length >= 1, 'the lab had a sample before it closed');
    } finally {
      await lab.close();
    }
  });

  it('no lab listening at all changes nothing for the app', async () => {
    const unused = createServer();
    await new Promise<void>((resolve) => unused.listen(0, '127.0.0.1', resolve));
    const port = (unused.address() as { port: number }).port;
    await new Promise<void>((resolve) => unused.close(() => resolve()));
    await assertUnchanged('exits-3.js', attachedEnv(port));
  });

  it('without the lab in its environment the agent does nothing: no connection at all', async () => {
    const lab = await FakeLab.start();
    try {
      // Preloaded, but neither port nor token; then the port without a token: the agent must not even try.
      await assertUnchanged('exits-3.js', attachedEnv(null, { token: null }));
      await assertUnchanged('exits-3.js', attachedEnv(lab.port, { token: null }));
      // A connection attempt would have arrived long before the app's exit; a moment more for a late one.
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(lab.connections, 0);
    } finally {
      await lab.close();
    }
  });
});
