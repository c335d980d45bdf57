import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COUNTER_SLOTS } from '../../../shared/unit-protocol';
import { SharedCounter } from './shared-counter';

describe('shared counter', () => {
  it('reads nothing until a job used it', () => {
    const counter = new SharedCounter();
    assert.equal(counter.read(), null);
    counter.forJob();
    assert.deepEqual(counter.read(), { done: 0, value: 0, lost: 0 });
  });

  it('counts as lost what the counter is short of the increments done, and never forgets a loss', () => {
    const counter = new SharedCounter();
    const view = counter.forJob();
    view[COUNTER_SLOTS.value] = 900;
    view[COUNTER_SLOTS.done] = 1_000;
    assert.deepEqual(counter.read(), { done: 1_000, value: 900, lost: 100 });
    // A job in flight incremented a chunk it has not recorded yet: the shortfall reads smaller, the loss stays.
    view[COUNTER_SLOTS.value] = 1_950;
    assert.deepEqual(counter.read(), { done: 1_000, value: 1_950, lost: 100 });
  });

  it('keeps counting past the 2^31 wrap of its Int32 slots', () => {
    const counter = new SharedCounter();
    const view = counter.forJob();
    view[COUNTER_SLOTS.value] = 2_000_000_000;
    view[COUNTER_SLOTS.done] = 2_000_000_000;
    counter.read();
    view[COUNTER_SLOTS.value] = (2_000_000_000 + 500_000_000) | 0;
    view[COUNTER_SLOTS.done] = (2_000_000_000 + 500_000_010) | 0;
    assert.deepEqual(counter.read(), { done: 2_500_000_010, value: 2_500_000_000, lost: 10 });
  });

  it('starts from zero at a new run', () => {
    const counter = new SharedCounter();
    const view = counter.forJob();
    view[COUNTER_SLOTS.done] = 50;
    counter.read();
    counter.rebase();
    assert.equal(counter.read(), null);
    counter.forJob();
    assert.deepEqual(counter.read(), { done: 0, value: 0, lost: 0 });
  });
});
