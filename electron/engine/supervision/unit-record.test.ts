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

  it('shows a busy unit blocked after 1.5 silent report periods, with its loop full and its delay the silence', () => {
    const row = unitTick(record('busy', 0.2, 1_000), performance.now(), 200);
    assert.equal(row.blocked, true);
    assert.equal(row.elu, 1);
    assert.ok((row.eld?.max ?? 0) >= 800);
    assert.equal(unitTick(record('busy', 0.2, 250), performance.now(), 200).blocked, undefined);
  });

  it('shows an idle unit that stopped reporting (a frozen process) blocked only after 3 silent periods, its utilisation not measured', () => {
    // Between 1.5 and 3 periods a report may merely be late: the engine knows of no job that would hold it.
    assert.equal(unitTick(record('idle', 0.1, 500), performance.now(), 200).blocked, undefined);
    const row = unitTick(record('idle', 0.1, 1_000), performance.now(), 200);
    assert.equal(row.blocked, true);
    assert.equal(row.elu, null);
    assert.ok((row.eld?.max ?? 0) >= 800);
  });

  it('never shows blocked a unit that has not reported yet, nor any while sampling is off', () => {
    assert.equal(unitTick({ ...record('idle', 0.1, 5_000), sample: null, sampleAt: 0 }, performance.now(), 200).blocked, undefined);
    assert.equal(unitTick(record('busy', 0.1, 5_000), performance.now(), 0).blocked, undefined);
    assert.equal(unitTick(record('idle', 0.1, 5_000), performance.now(), 0).blocked, undefined);
  });
});
