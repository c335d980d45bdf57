import assert from 'node:assert/strict';
import { pbkdf2 } from 'node:crypto';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { fibKnown, fibRecursive } from './jobs/fib';
import { makePixels, transformPixels } from './jobs/pixels';
import { COUNTER_SLOTS } from '../shared/unit-protocol';
import { runJob } from './run-job';

describe('workloads compute the right answers', () => {
  it('fib matches known values', () => {
    assert.equal(fibRecursive(20), 6765);
    assert.equal(fibKnown(30), 832040);
    assert.equal(fibRecursive(25), fibKnown(25));
  });

  it('hash equals an independent async pbkdf2 of the same input', async () => {
    const expected = (await promisify(pbkdf2)('node-concurrency-lab', 'a fixed salt', 1_000, 32, 'sha256')).toString('hex');
    assert.equal((await runJob({ workload: 'hash', size: 1_000 })).checksum, expected);
  });

  it('json round-trips a document of about the requested size', async () => {
    const { checksum } = await runJob({ workload: 'json', size: 100_000 });
    const [length, items] = checksum.split(':').map(Number);
    assert.ok(length > 80_000 && length < 130_000, `length ${length}`);
    assert.equal(items, 1_250);
  });

  it('pixels are turned gray and inverted, alpha untouched', () => {
    const data = new Uint8ClampedArray([255, 0, 0, 9, 0, 0, 0, 200]);
    transformPixels(data);
    assert.deepEqual([...data], [255 - ((255 * 77) >> 8), 255 - ((255 * 77) >> 8), 255 - ((255 * 77) >> 8), 9, 255, 255, 255, 200]);
    assert.equal(transformPixels(makePixels(1_000)), transformPixels(makePixels(1_000)));
  });

  it('io-wait waits without using the CPU', async () => {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await runJob({ workload: 'io-wait', size: 100 });
    const waited = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    assert.ok(waited >= 99, `waited ${waited} ms`);
    // Robust: a wait of 100 ms costs a small fraction of that in CPU time.
    assert.ok((cpu.user + cpu.system) / 1000 < waited / 2, 'CPU time stays well below the wait');
  });

  it('hash-async gives the hash\'s answer and leaves the calling loop free while libuv hashes', async () => {
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    const output = await runJob({ workload: 'hash-async', size: 300_000 });
    clearInterval(ticker);
    assert.equal(output.checksum, (await runJob({ workload: 'hash', size: 300_000 })).checksum);
    // A hash of ~50 ms or more: a blocked loop would have turned the timer at most once or twice.
    assert.ok(turns >= 5, `timer turned ${turns} times`);
  });

  it('sab-counter adds its increments to the shared counter and records them as done', async () => {
    for (const counterMode of ['plain', 'atomics'] as const) {
      const counter = new Int32Array(new SharedArrayBuffer(8));
      const output = await runJob({ workload: 'sab-counter', size: 25_001, counter, counterMode });
      assert.equal(output.checksum, 'counted:25001');
      // Alone, no increment races: nothing is lost either way.
      assert.equal(counter[COUNTER_SLOTS.value], 25_001);
      assert.equal(counter[COUNTER_SLOTS.done], 25_001);
    }
  });

  it('sab-counter refuses to run without a shared counter', async () => {
    await assert.rejects(runJob({ workload: 'sab-counter', size: 10 }), /only on worker threads/);
  });
});
