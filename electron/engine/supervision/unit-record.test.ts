import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { SliceBins } from '../../../shared/activity/busy-slices';
import type { LoopSample } from '../../../shared/messages';
import type { UnitHandle } from './unit-handle';
import { TickView, unitTick, type UnitRecord } from './unit-record';

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

  it('lists an exited unit once, with the facts of its exit', () => {
    const view = new TickView();
    const unit: UnitRecord = { ...record('exited', 0.1, 0), exit: { cause: 'killed', code: null, signal: 'SIGKILL', detail: 'killed by the user (SIGKILL)' } };
    view.unitExited(unit);
    const [row] = view.snapshot([], 200, performance.now());
    assert.equal(row.state, 'exited');
    assert.deepEqual(row.exit, unit.exit);
    assert.deepEqual(view.snapshot([], 200, performance.now()), []);
  });

  it('lists a one-shot unit that crashed, but not one done with its job or stopped', () => {
    const view = new TickView();
    const crashed: UnitRecord = { ...record('exited', 0, 0), oneShot: true, exit: { cause: 'crash', code: 1, signal: null, detail: 'exited with code 1' } };
    const done: UnitRecord = { ...record('exited', 0, 0), id: 'worker-per-task#1/thread-8', oneShot: true, exit: { cause: 'done', code: 0, signal: null } };
    const stopped: UnitRecord = { ...record('exited', 0, 0), id: 'worker-per-task#1/thread-9', oneShot: true, exit: { cause: 'stop', code: 1, signal: null } };
    view.unitExited(crashed);
    view.unitExited(done);
    view.unitExited(stopped);
    assert.deepEqual(view.snapshot([], 200, performance.now()).map((u) => u.exit?.cause), ['crash']);
  });
});
