import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alternate, pairedRatio } from './bench-ratio';

const off = (n: number) => Array<number>(n).fill(100);
const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

describe('bench: paired on/off ratio', () => {
  it('is the ratio every pair shows when they agree, with no spread', () => {
    const r = pairedRatio([99, 198, 49.5, 99, 99, 99, 99, 99], [100, 200, 50, 100, 100, 100, 100, 100], 0.98);
    assert.ok(close(r.ratio, 0.99) && close(r.mean, 0.99));
    assert.ok(close(r.low, 0.99) && close(r.high, 0.99));
    assert.equal(r.verdict, 'meets');
  });

  it('misses when even the top of the interval is under the aim', () => {
    const r = pairedRatio([95, 96, 94, 95, 96, 94, 95, 95], off(8), 0.98);
    assert.equal(r.verdict, 'misses');
    assert.ok(r.high < 0.98);
  });

  it('says inconclusive when the interval straddles the aim, and with too few pairs for an interval', () => {
    const noisy = pairedRatio([90, 105, 99, 96, 93, 104, 97, 100], off(8), 0.98);
    assert.ok(noisy.low < 0.98 && noisy.high > 0.98);
    assert.equal(noisy.verdict, 'inconclusive');
    // Five pairs all at 0.99: still no 95 % interval (it needs six), so no verdict.
    assert.equal(pairedRatio([99, 99, 99, 99, 99], off(5), 0.98).verdict, 'inconclusive');
    assert.equal(pairedRatio([99], [100], 0.98).verdict, 'inconclusive');
  });

  it('one window hit by a burst moves the estimate by a place, where it drags the mean', () => {
    const steady = [99.5, 99, 100, 99.5, 99, 100, 99.5, 99, 100, 99.5, 99, 100, 99.5, 99, 100, 99.5, 99, 100, 99.5, 99];
    const hit = [...steady.slice(0, 19), 85];
    const clean = pairedRatio(steady, off(20), 0.98);
    const burst = pairedRatio(hit, off(20), 0.98);
    assert.ok(clean.mean - burst.mean > 0.006, `mean ${clean.mean} -> ${burst.mean}`);
    assert.ok(clean.ratio - burst.ratio < 0.003, `estimate ${clean.ratio} -> ${burst.ratio}`);
    assert.equal(burst.verdict, 'meets');
  });

  it('more pairs narrow the interval', () => {
    const alternate = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? 103 : 97));
    const eight = pairedRatio(alternate(8), off(8), 0.98);
    const forty = pairedRatio(alternate(40), off(40), 0.98);
    assert.ok(eight.high - eight.low > forty.high - forty.low);
  });

  it('refuses windows that do not pair', () => {
    assert.throws(() => pairedRatio([1, 2], [1], 0.98), /as many on as off/);
    assert.throws(() => pairedRatio([], [], 0.98), /at least one/);
  });
});

describe('bench: alternate', () => {
  it('runs a b, b a, a b ... and returns each side in run order', async () => {
    const order: string[] = [];
    let n = 0;
    const run = (side: string) => async () => {
      order.push(side);
      return n++;
    };
    const { a, b } = await alternate(3, run('a'), run('b'));
    assert.deepEqual(order, ['a', 'b', 'b', 'a', 'a', 'b']);
    assert.deepEqual(a, [0, 3, 4]);
    assert.deepEqual(b, [1, 2, 5]);
  });
});
