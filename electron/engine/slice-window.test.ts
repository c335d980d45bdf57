import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUSY_SLICE_MS, sliceIndex } from '../../shared/activity/busy-slices';
import { MAX_SLICE_LAG_MS, MAX_TICK_SLICES, sliceLagMs, sliceWindowAt } from './slice-window';

/** A grid-aligned epoch time. */
const T0 = 1_700_000_000_000;

describe("a tick's slice window", () => {
  it('lags the units that report every few intervals by their report period, not by one interval', () => {
    assert.equal(sliceLagMs(200, 200), 200);
    assert.ok(sliceLagMs(200, 800) >= 800, '16 units on 2 cores report every 4 intervals');
    assert.equal(sliceLagMs(200, 60_000), MAX_SLICE_LAG_MS, 'but the timeline never trails by more than 5 s');
    assert.equal(sliceLagMs(10_000, 10_000), 10_000, 'nor lags less than an interval');
  });

  it('ends where every unit has told of its slices, and each window starts where the last ended', () => {
    const lag = sliceLagMs(200, 800);
    const first = sliceWindowAt(sliceIndex(T0), T0 + 2_000, lag);
    // A unit reporting every 800 ms has told of everything up to 800 ms ago.
    assert.ok(first.end * BUSY_SLICE_MS <= T0 + 2_000 - 800, JSON.stringify(first));
    assert.equal(first.first, sliceIndex(T0));
    const second = sliceWindowAt(first.end, T0 + 2_200, lag);
    assert.equal(second.first, first.end);
    assert.equal(second.end - second.first, 10);
  });

  it('is empty where the next one starts while none is due, and carries at most 5 s of slices', () => {
    assert.deepEqual(sliceWindowAt(sliceIndex(T0), T0 + 100, 200), { first: sliceIndex(T0), end: sliceIndex(T0) });
    const late = sliceWindowAt(sliceIndex(T0), T0 + 60_000, 200);
    assert.equal(late.end - late.first, MAX_TICK_SLICES);
  });
});
