/**
 * A closed loop whose jobs all fail at once must not freeze the host. The engine runs in a worker thread here,
 * as its host: if its loop froze, this thread still runs, sees no tick, fails the test and ends the worker.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { waitFor } from './testing/harness';

/** The engine's host: runs a closed loop on the host's own thread where every job carries a refused fault. */
const HOST = `
const { parentPort } = require('node:worker_threads');
const { LabEngine } = require(${JSON.stringify(join(__dirname, 'lab-engine.js'))});
const engine = new LabEngine();
engine.onMessage((m) => { if (m.type === 'tick') parentPort.postMessage({ failed: m.jobs.failed }); });
parentPort.on('message', () => engine.stop().then(() => parentPort.postMessage({ stopped: true })));
engine.start({ strategy: 'main-thread', workload: 'fib', size: 20, loadMode: 'closed', concurrency: 2, fault: 'exit', faultEvery: 1, intervalMs: 50 });
`;

it('a closed loop whose every job fails at once (a fault the host refuses) still lets the host tick and stop', async () => {
  const host = new Worker(HOST, { eval: true });
  const ticks: number[] = [];
  let stopped = false;
  host.on('message', (m: { failed?: number; stopped?: boolean }) => {
    if (m.failed !== undefined) ticks.push(m.failed);
    if (m.stopped) stopped = true;
  });
  try {
    await waitFor(() => ticks.length >= 3, 10_000, 'three ticks from the engine');
    assert.ok((ticks.at(-1) ?? 0) > 0, 'the jobs did fail');
    host.postMessage('stop');
    await waitFor(() => stopped, 10_000, 'the engine to stop');
  } finally {
    await host.terminate();
  }
});
