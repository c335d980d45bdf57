import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { SliceBins } from '../../../shared/activity/busy-slices';
import type { LoopSample } from '../../../shared/messages';
import type { UnitHandle } from './unit-handle';
import { unitTick, type UnitRecord } from './unit-record';

const sample = (elu: number): LoopSample => ({ eld: { p50: 0, p99: 0, max: 0 }, elu, cpu: elu, rss: null, heapUsed: 1 });

function record(state: UnitRecord['state'], elu: number, silentMs: number): UnitRecord {
  const now = performance.now();
  return {
    id: 'worker-pool#1/thread-7',
    kind: 'thread',
    strategy: 'worker-pool',
    generation: 1,
    pid: process.pid,
    threadId: 7,
    handle: {} as UnitHandle,
    oneShot: false,
    createdAt: now - silentMs,
    state,
    sample: sample(elu),
    sampleAt: now - silentMs,
    slices: new SliceBins(),
    done: 0,
    running: new Set(),
    expectedExit: null,
    exit: null,
  };
}

describe('unit record as a tick shows it', () => {
  it('shows a unit busy when its last report found its loop mostly busy, though no job was announced', () => {
    assert.equal(unitTick(record('idle', 0.9, 0), performance.now(), 200).state, 'busy');
    assert.equal(unitTick(record('idle', 0.1, 0), performance.now(), 200).state, 'idle');
  });

  it('shows blocked only for a job the unit announced (or the engine gave it)', () => {
    assert.equal(unitTick(record('idle', 0.9, 1_000), performance.now(), 200).blocked, undefined);
    assert.equal(unitTick(record('busy', 0.9, 1_000), performance.now(), 200).blocked, true);
  });
});
