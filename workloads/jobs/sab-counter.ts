import { COUNTER_SLOTS } from '../../shared/unit-protocol';
import type { CounterMode } from '../../shared/constants';

/**
 * Increments after which a job records what it finished (one Atomics.add on the `done` slot): the engine's
 * count of lost updates lags by at most this many per job in flight, and the extra atomic costs nothing.
 */
export const COUNTER_CHUNK = 10_000;

/**
 * Adds `increments` to the shared counter, one at a time. `plain` is a read, an add and a write: two threads
 * that read the same value both write value + 1, and one increment is gone. `atomics` makes each increment one
 * indivisible step (slower: the cores must agree on the cache line every time), and none is lost.
 */
export function countShared(counter: Int32Array, increments: number, mode: CounterMode): string {
  const { value, done } = COUNTER_SLOTS;
  for (let finished = 0; finished < increments; ) {
    const chunk = Math.min(COUNTER_CHUNK, increments - finished);
    if (mode === 'atomics') for (let i = 0; i < chunk; i++) Atomics.add(counter, value, 1);
    else for (let i = 0; i < chunk; i++) counter[value]++;
    Atomics.add(counter, done, chunk);
    finished += chunk;
  }
  // The job cannot know what other threads lost; its answer is only that it did its share.
  return `counted:${increments}`;
}
