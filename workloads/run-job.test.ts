import assert from 'node:assert/strict';
import { pbkdf2 } from 'node:crypto';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { fibKnown, fibRecursive } from './jobs/fib';
import { makePixels, transformPixels } from './jobs/pixels';
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
});
