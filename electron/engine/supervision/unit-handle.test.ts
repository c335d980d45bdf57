// What a unit handle leaves behind on a real cluster worker once it exited. node:cluster keeps a dead worker
// reachable when a message to it was never acknowledged (a connection handed to a worker that died): found with
// heap snapshots of a 10-minute soak, where every cluster generation stayed alive through our listeners.
import assert from 'node:assert/strict';
import cluster from 'node:cluster';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { clusterHandle } from './unit-handle';

const dir = mkdtempSync(join(tmpdir(), 'lab-handle-'));
after(() => rmSync(dir, { recursive: true, force: true }));

it('a cluster worker that exited keeps none of the listeners the handle added', async () => {
  const entry = join(dir, 'worker.js');
  writeFileSync(entry, "process.send({ type: 'hello' }, () => process.exit(0));\n");
  cluster.setupPrimary({ exec: entry, args: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const worker = cluster.fork();
  const baseline = worker.listenerCount('message');
  const handle = clusterHandle(worker);
  const received: unknown[] = [];
  handle.onMessage?.((message) => received.push(message));
  assert.ok(worker.listenerCount('message') > baseline);
  const exit = await handle.exited;
  assert.equal(exit.code, 0);
  assert.deepEqual(received, [{ type: 'hello' }]);
  assert.equal(worker.listenerCount('message'), baseline, 'every message listener the handle added is gone');
  assert.equal(worker.listenerCount('listening'), 0);
});
