import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, percentile, quantile, valuePercentiles } from './percentiles';

describe('median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    assert.equal(median([7]), 7);
    assert.equal(median([9, 1, 5]), 5);
    assert.equal(median([3, 1, 2, 5, 4]), 3);
  });

  it('is the mean of the two middle values of an even count', () => {
    assert.equal(median([1, 2]), 1.5);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([10, 10, 0, 0]), 5);
  });

  it('is null for no values: not measured, not 0 and not NaN', () => {
    assert.equal(median([]), null);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    assert.deepEqual(values, [3, 1, 2]);
  });
});

describe('quantile (interpolated)', () => {
  it('interpolates between ranks and reaches the extremes at 0 and 1', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
    assert.equal(quantile([4, 3, 2, 1], 0), 1);
    assert.equal(quantile([4, 3, 2, 1], 1), 4);
    assert.equal(quantile([5], 0.9), 5);
  });

  it('at 0.5 is the median, for odd and even counts', () => {
    assert.equal(quantile([1, 2, 3], 0.5), median([1, 2, 3]));
    assert.equal(quantile([1, 2, 3, 4], 0.5), median([1, 2, 3, 4]));
  });

  it('is null for no values', () => {
    assert.equal(quantile([], 0.5), null);
  });
});

describe('percentile (nearest rank)', () => {
  it('is always one of the values: p50 of 1..10 is 5, p95 is 10, p0 the smallest', () => {
    const values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    assert.equal(percentile(values, 50), 5);
    assert.equal(percentile(values, 95), 10);
    assert.equal(percentile(values, 0), 1);
    assert.equal(percentile(values, 100), 10);
  });

  it('of an odd count at 50 is the median; of an even count it is the lower middle value', () => {
    assert.equal(percentile([3, 1, 2], 50), 2);
    assert.equal(percentile([1, 2, 3, 4], 50), 2);
  });

  it('is null for no values', () => {
    assert.equal(percentile([], 99), null);
  });

  it('agrees with valuePercentiles, which is null for no values too', () => {
    const values = [12, 3, 8, 1, 30];
    assert.deepEqual(valuePercentiles(values), { p50: percentile(values, 50), p99: percentile(values, 99), max: 30 });
    assert.equal(valuePercentiles([]), null);
  });
});
