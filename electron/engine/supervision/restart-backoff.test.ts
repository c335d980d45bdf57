import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RestartBackoff } from './restart-backoff';

it('restart waits double per crash in a row, stop at the cap, and reset after a stable period', () => {
  const backoff = new RestartBackoff(100, 1_000, 5_000);
  assert.deepEqual([0, 10, 20, 30, 40, 50].map((t) => backoff.crashed(t)), [100, 200, 400, 800, 1_000, 1_000]);
  assert.equal(backoff.paused(60), true);
  assert.equal(backoff.paused(1_051), false);
  assert.equal(backoff.crashed(10_000), 100, 'a long quiet period starts over');
});
