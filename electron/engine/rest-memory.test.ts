import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LabEngine } from './lab-engine';
import { restMemoryReturn, returnFreedMemory } from './rest-memory';
import { SMALL_SIZES, waitFor } from './testing/harness';
import { assertNothingLeft } from './testing/leak-check';

// glibc's malloc_trim exists on Linux with glibc; this machine's CI is that. Elsewhere the tests say so and skip.
const glibc = process.platform === 'linux' && existsSync('/proc/self/status') && !restMemoryReturn().startsWith('no malloc_trim');
const skip = glibc ? false : `no glibc malloc_trim here: ${restMemoryReturn()}`;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

after(() => assertNothingLeft());

describe('the host gives its freed native memory back at rest', () => {
  it('says how it does it', { skip }, () => {
    assert.equal(restMemoryReturn(), 'malloc_trim(0) at every stop');
  });

  it('returns the pages freed between blocks still in use, which free() alone keeps', { skip }, async () => {
    // 96 MiB of 64 KiB array buffers (below glibc's mmap threshold, so from its heap), every eighth one kept: the
    // freed seven in eight lie between blocks in use, where free() never gives memory back to the OS.
    let blocks: Buffer[] | null = Array.from({ length: 1536 }, () => Buffer.allocUnsafeSlow(64 * 1024).fill(1));
    const kept = blocks.filter((_, i) => i % 8 === 7);
    blocks = null;
    gc();
    gc();
    await sleep(200); // V8 may free array buffers' memory on a thread of its own, a moment after the collection
    const returned = returnFreedMemory();
    assert.ok(returned, 'a return where malloc_trim exists');
    assert.ok(returned.releasedBytes !== null && returned.releasedBytes >= 32 * 1_048_576, `released ${returned.releasedBytes} bytes, not the 84 MiB freed`);
    assert.ok(returned.tookMs >= 0);
    assert.equal(kept.length, 192); // used after the trim: the blocks between the holes were alive through it
  });

  it('does it when a run stops, once its units have ended', { skip, timeout: 60_000 }, async () => {
    const engine = new LabEngine();
    assert.equal(engine.memoryReturnedAtLastStop(), null, 'nothing returned before a stop');
    const started = await engine.start({ strategy: 'worker-pool', workload: 'pixels', size: SMALL_SIZES.pixels, loadMode: 'closed', concurrency: 2, poolSize: 2, intervalMs: 100 });
    assert.ok(started.ok, JSON.stringify(started));
    await sleep(1_000);
    await engine.stop();
    await waitFor(() => engine.liveUnits() === 0, 10_000, 'units ended');
    const returned = engine.memoryReturnedAtLastStop();
    assert.ok(returned, 'the stop returned freed memory');
    assert.ok(returned.releasedBytes !== null && returned.releasedBytes >= 0);
    await engine.dispose();
  });
});
