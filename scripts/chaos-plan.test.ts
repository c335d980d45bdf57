import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CHAOS, nextWaitMs, pickAction, seededRandom, type ChaosOptions, type ChaosTarget } from './chaos-plan';

const HOST = 1_000;
const options: ChaosOptions = { ...DEFAULT_CHAOS, protectedPids: [HOST] };
/** A generator that returns the given values in turn. */
const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length];
};
const thread = (n: number): ChaosTarget => ({ id: `worker-pool#1/thread-${n}`, kind: 'thread', pid: HOST });
const proc = (pid: number): ChaosTarget => ({ id: `cluster#2/pid-${pid}`, kind: 'process', pid });

describe('chaos monkey: when', () => {
  it('waits about 60/perMinute seconds on average: 10 a minute is a blow every 6 s', () => {
    const random = seededRandom(42);
    const waits = Array.from({ length: 5_000 }, () => nextWaitMs(random, 10));
    const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
    assert.ok(mean > 5_400 && mean < 6_600, `mean wait ${mean} ms`);
  });

  it('never waits less than a tenth of the mean nor more than four means', () => {
    assert.equal(nextWaitMs(() => 0, 10), 600);
    assert.equal(nextWaitMs(() => 0.999_999_999, 10), 24_000);
    // The median of an exponential is ln 2 of its mean.
    assert.equal(nextWaitMs(() => 0.5, 10), Math.round(Math.LN2 * 6_000));
  });

  it('refuses a rate that is not a positive number, naming it', () => {
    assert.throws(() => nextWaitMs(() => 0.5, 0), /perMinute: a number of blows a minute above 0, not 0/);
    assert.throws(() => nextWaitMs(() => 0.5, Number.NaN), /perMinute/);
  });

  it('the same seed gives the same waits', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    assert.deepEqual([1, 2, 3, 4].map(() => nextWaitMs(a, 10)), [1, 2, 3, 4].map(() => nextWaitMs(b, 10)));
    const values = Array.from({ length: 1_000 }, seededRandom(1));
    assert.ok(values.every((v) => v >= 0 && v < 1));
  });
});

describe('chaos monkey: what', () => {
  it('gives a thread the user’s kill, never a signal (its pid is the host’s)', () => {
    assert.deepEqual(pickAction([thread(7)], sequence(0), options), { kind: 'thread-kill', unitId: 'worker-pool#1/thread-7' });
  });

  it('kills a process with SIGKILL or freezes it for a few seconds, by the freeze share', () => {
    assert.deepEqual(pickAction([proc(4242)], sequence(0, 0.9), options), { kind: 'sigkill', unitId: 'cluster#2/pid-4242', pid: 4242 });
    assert.deepEqual(pickAction([proc(4242)], sequence(0, 0.1, 0.5), options), { kind: 'freeze', unitId: 'cluster#2/pid-4242', pid: 4242, forMs: 5_500 });
  });

  it('does not freeze a process already frozen, but may still kill it', () => {
    const action = pickAction([proc(4242)], sequence(0, 0.1), options, new Set([4242]));
    assert.equal(action?.kind, 'sigkill');
  });

  it('picks every target alike', () => {
    const targets = [proc(11), proc(12), thread(3), thread(4)];
    const random = seededRandom(3);
    const picks = new Map<string, number>();
    for (let i = 0; i < 4_000; i++) {
      const action = pickAction(targets, random, options);
      assert.ok(action);
      picks.set(action.unitId, (picks.get(action.unitId) ?? 0) + 1);
    }
    assert.equal(picks.size, 4);
    for (const [id, count] of picks) assert.ok(count > 850 && count < 1_150, `${id} picked ${count} times of 4000`);
  });

  it('never signals a protected pid or an impossible one, and has nothing to do without targets', () => {
    assert.equal(pickAction([proc(HOST), proc(1), proc(0), proc(-1)], sequence(0), options), null);
    assert.equal(pickAction([], sequence(0), options), null);
  });
});
