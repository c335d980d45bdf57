import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { BUSY_SLICE_MS, sliceIndex } from '../../../shared/activity/busy-slices';
import type { ExitFacts, LoopSample } from '../../../shared/messages';
import { TickView } from './tick-view';
import type { UnitHandle } from './unit-handle';
import { newUnitRecord, type UnitRecord } from './unit-record';

const sample: LoopSample = { eld: { p50: 0, p99: 0, max: 0 }, elu: 0.5, cpu: 0.5, rss: null, heapUsed: 1 };
const handle: UnitHandle = { kind: 'thread', pid: process.pid, threadId: 8, stop: () => undefined, kill: () => undefined, exited: new Promise(() => undefined) };

/** A grid slice far from now, so the windows below are whole slices of known content. */
const S0 = sliceIndex(1_700_000_000_000);
const window = (first: number, end: number) => ({ first: S0 + first, end: S0 + end });

/** An exited unit that reported busy slices `from`..`to` (offsets from S0) and told of everything up to `to`. */
function exitedUnit(exit: ExitFacts, oneShot: boolean, from: number, to: number, id = 'worker-per-task#1/thread-8'): UnitRecord {
  const unit = newUnitRecord(handle, { id, strategy: 'worker-per-task', generation: 1, oneShot, createdAt: performance.now() });
  unit.sample = sample;
  unit.slices.addBusy((S0 + from) * BUSY_SLICE_MS, (S0 + to) * BUSY_SLICE_MS);
  unit.slices.coveredTo = (S0 + to) * BUSY_SLICE_MS;
  unit.state = 'exited';
  unit.exit = exit;
  return unit;
}

const done: ExitFacts = { cause: 'done', code: 0, signal: null };
const killed: ExitFacts = { cause: 'killed', code: null, signal: 'SIGKILL', detail: 'killed by the user (SIGKILL)' };

describe('tick view of exited units', () => {
  it('lists an exited unit once, with the facts of its exit, when its slices are all placed', () => {
    const view = new TickView();
    const unit = exitedUnit(killed, false, 0, 5);
    view.unitExited(unit, false);
    const [row] = view.snapshot([], 200, performance.now(), window(0, 10));
    assert.equal(row.state, 'exited');
    assert.deepEqual(row.exit, unit.exit);
    assert.deepEqual(view.snapshot([], 200, performance.now(), window(10, 20)), []);
  });

  it('keeps listing an exited unit until a window has placed the last slices it told of', () => {
    const view = new TickView();
    view.unitExited(exitedUnit(killed, false, 5, 15), false);
    const first = view.snapshot([], 200, performance.now(), window(0, 10));
    const second = view.snapshot([], 200, performance.now(), window(10, 20));
    assert.deepEqual(first[0].busy, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    assert.deepEqual(second[0].busy, [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    assert.equal(second[0].state, 'exited');
    assert.deepEqual(view.snapshot([], 200, performance.now(), window(20, 30)), []);
  });

  it('lists a one-shot unit done with its job only in the ticks whose window reaches its life', () => {
    const view = new TickView();
    view.unitExited(exitedUnit(done, true, 12, 14), false);
    assert.deepEqual(view.snapshot([], 200, performance.now(), window(0, 10)), [], 'its life lies past this window');
    const [row] = view.snapshot([], 200, performance.now(), window(10, 20));
    assert.deepEqual(row.busy, [0, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
    assert.equal(row.exit?.cause, 'done');
    assert.deepEqual(view.snapshot([], 200, performance.now(), window(20, 30)), []);
  });

  it('without a window lists a crashed one-shot unit once, not one done with its job or stopped', () => {
    const view = new TickView();
    view.unitExited(exitedUnit({ cause: 'crash', code: 1, signal: null, detail: 'exited with code 1' }, true, 0, 1, 'a'), false);
    view.unitExited(exitedUnit(done, true, 0, 1, 'b'), false);
    view.unitExited(exitedUnit({ cause: 'stop', code: 1, signal: null }, true, 0, 1, 'c'), false);
    assert.deepEqual(view.snapshot([], 200, performance.now()).map((u) => u.exit?.cause), ['crash']);
    assert.deepEqual(view.snapshot([], 200, performance.now()), []);
  });

  it('a unit that died inside a job reads busy from its last report to its exit', () => {
    const view = new TickView();
    const now = performance.timeOrigin + performance.now();
    const unit = exitedUnit(killed, false, 0, 0);
    // Its last report told of everything up to 5 slices ago, idle; it died in a job since.
    unit.slices.coveredTo = now - 5 * BUSY_SLICE_MS;
    view.unitExited(unit, true);
    const last = sliceIndex(now);
    const [row] = view.snapshot([], 200, performance.now(), { first: last - 4, end: last });
    assert.deepEqual(row.busy, [1, 1, 1, 1]);
  });
});
