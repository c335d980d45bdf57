import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pairedRatio } from './bench-ratio';

describe('bench: paired on/off ratio', () => {
  it('is the geometric mean of the pairs, with no spread when every pair agrees', () => {
    const r = pairedRatio([99, 198, 49.5], [100, 200, 50], 0.98);
    assert.ok(Math.abs(r.ratio - 0.99) < 1e-12);
    assert.ok(Math.abs(r.low - 0.99) < 1e-12 && Math.abs(r.high - 0.99) < 1e-12);
    assert.equal(r.verdict, 'meets');
  });

  it('misses when even the top of the interval is under the aim', () => {
    const r = pairedRatio([95, 96, 94, 95], [100, 100, 100, 100], 0.98);
    assert.equal(r.verdict, 'misses');
    assert.ok(r.high < 0.98);
  });

  it('says inconclusive when the interval straddles the aim, and with one pair', () => {
    const noisy = pairedRatio([90, 105, 99, 96], [100, 100, 100, 100], 0.98);
    assert.ok(noisy.low < 0.98 && noisy.high > 0.98);
    assert.equal(noisy.verdict, 'inconclusive');
    assert.equal(pairedRatio([99], [100], 0.98).verdict, 'inconclusive');
  });

  it('uses Student t: four pairs 5 % apart give a wider interval than sixteen', () => {
    const four = pairedRatio([95, 105, 95, 105], [100, 100, 100, 100], 0.98);
    const sixteen = pairedRatio(Array.from({ length: 16 }, (_, i) => (i % 2 ? 105 : 95)), Array(16).fill(100), 0.98);
    assert.ok(four.high - four.low > 2 * (sixteen.high - sixteen.low));
  });

  it('refuses windows that do not pair', () => {
    assert.throws(() => pairedRatio([1, 2], [1], 0.98), /as many on as off/);
    assert.throws(() => pairedRatio([], [], 0.98), /at least one/);
  });
});
