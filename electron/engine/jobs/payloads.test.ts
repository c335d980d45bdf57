/**
 * What each payload mode must do to a large buffer, whatever the machine's load: the bytes arrive intact, a
 * transfer leaves the sender's buffer detached, a SharedArrayBuffer is the same memory on both sides, a clone is
 * a copy. Which mode is faster is a measurement (the payloads experiment, `npm run bench`), not a test: on a
 * busy 2-core machine clone and transfer can come out within noise of each other.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import type { PayloadMode } from '../../../shared/constants';
import type { JobSpec } from '../../../shared/unit-protocol';
import { makePixels, transformPixels } from '../../../workloads/jobs/pixels';
import { PayloadFactory } from './payloads';

/** A 4-megapixel RGBA image: 16 MB, large enough that a copy is a real copy, not an inline small message. */
const PIXELS = 4_000_000;

/** What the thread saw and did: the job's checksum, and whether its pixels were a SharedArrayBuffer. */
interface Seen {
  checksum: string;
  shared: boolean;
  byteLength: number;
}

/** A thread that runs the job as a pool thread does (run-job's in-place transform) and says what it received. */
const THREAD = `
const { parentPort } = require('node:worker_threads');
const { runCpuJob } = require(${JSON.stringify(join(__dirname, '../../../workloads/run-job.js'))});
parentPort.on('message', (spec) => {
  const shared = spec.pixels.buffer instanceof SharedArrayBuffer;
  const byteLength = spec.pixels.byteLength;
  const { checksum } = runCpuJob(spec);
  parentPort.postMessage({ checksum, shared, byteLength });
});
`;

const thread = new Worker(THREAD, { eval: true });
after(() => thread.terminate());

/** Posts a job as the worker strategies do (its transfer list included) and waits for the thread's answer. */
function post(spec: JobSpec, transferList: ArrayBuffer[]): Promise<Seen> {
  return new Promise((resolve, reject) => {
    thread.once('message', resolve);
    thread.once('error', reject);
    thread.postMessage(spec, transferList);
  });
}

const job = (id: number) => ({ id, workload: 'pixels' as const, size: PIXELS, submittedAt: 0 });
/** The checksum of the image transformed here, independently of any boundary. */
const expectedChecksum = transformPixels(makePixels(PIXELS));
/** The image as the thread must leave it after its in-place transform. */
const transformed = (() => {
  const pixels = makePixels(PIXELS);
  transformPixels(pixels);
  return pixels;
})();

function jobFor(factory: PayloadFactory, id: number, mode: PayloadMode) {
  const threadJob = factory.forThread(job(id), mode);
  assert.ok(threadJob.spec.pixels, `${mode}: the job carries its pixels`);
  return { ...threadJob, pixels: threadJob.spec.pixels };
}

describe('payloads: a 4-megapixel image crosses to a worker thread by clone, transfer or SharedArrayBuffer', () => {
  it('every mode delivers the bytes intact: the thread computes the same checksum as this thread', async () => {
    const factory = new PayloadFactory();
    for (const [id, mode] of (['clone', 'transfer', 'shared'] as const).entries()) {
      const { spec, transferList, release } = jobFor(factory, id, mode);
      const seen = await post(spec, transferList);
      release();
      assert.equal(seen.byteLength, PIXELS * 4, `${mode}: the whole image arrived`);
      assert.equal(seen.checksum, expectedChecksum, `${mode}: the bytes arrived intact`);
    }
  });

  it('a transfer detaches the buffer on the sender: the bytes moved, nothing was copied back', async () => {
    const factory = new PayloadFactory();
    const { spec, transferList, pixels } = jobFor(factory, 1, 'transfer');
    assert.deepEqual(transferList, [pixels.buffer], 'the pixels are on the transfer list');
    const seen = await post(spec, transferList);
    assert.equal(pixels.buffer.byteLength, 0, "the sender's buffer is detached");
    assert.equal(pixels.length, 0, "the sender's view is empty");
    assert.equal(seen.shared, false);
    // The template is untouched: each transfer moves a fresh copy, so the next job starts from the same bytes.
    const next = jobFor(factory, 2, 'transfer');
    assert.deepEqual(next.pixels, makePixels(PIXELS));
  });

  it("a shared buffer is not copied: the thread sees a SharedArrayBuffer and its in-place write shows on the sender's side", async () => {
    const factory = new PayloadFactory();
    const { spec, transferList, pixels, release } = jobFor(factory, 1, 'shared');
    assert.ok(pixels.buffer instanceof SharedArrayBuffer);
    assert.deepEqual(transferList, [], 'nothing to transfer: both sides share the memory');
    const seen = await post(spec, transferList);
    assert.equal(seen.shared, true, 'the thread received a SharedArrayBuffer');
    // The thread wrote into its view; the sender reads the result from its own view without any message carrying it.
    assert.deepEqual(pixels, transformed, "the thread's write is visible to the sender");
    // Released, the same memory serves the next job (refilled from the template), not a new allocation.
    release();
    const next = jobFor(factory, 2, 'shared');
    assert.equal(next.pixels.buffer, pixels.buffer, 'the shared buffer is reused');
    assert.deepEqual(next.pixels, makePixels(PIXELS), 'and starts from the template again');
  });

  it("a clone is a copy: the thread's in-place write leaves the sender's image as it was", async () => {
    const factory = new PayloadFactory();
    const { spec, transferList, pixels } = jobFor(factory, 1, 'clone');
    assert.deepEqual(transferList, []);
    const seen = await post(spec, transferList);
    assert.equal(seen.shared, false);
    assert.equal(seen.checksum, expectedChecksum);
    assert.deepEqual(pixels, makePixels(PIXELS), "the sender's bytes are unchanged");
  });
});
