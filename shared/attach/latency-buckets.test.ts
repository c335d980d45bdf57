import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bucketLowerMs, bucketOf, bucketPercentiles, bucketValueMs, LATENCY_BUCKET_COUNT, LATENCY_GRID, LatencyBuckets, mergeBuckets } from './latency-buckets';

/** Relative distance of `value` from `truth`. */
const off = (value: number, truth: number) => Math.abs(value - truth) / truth;

describe('latency buckets', () => {
  it('every latency from 0.01 ms to 10 minutes falls in a bucket whose value is within 1.5 % of it', () => {
    for (let ms = LATENCY_GRID.minMs; ms <= LATENCY_GRID.maxMs; ms *= 1.0137) {
      const bucket = bucketOf(ms);
      assert.ok(bucket > 0 && bucket < LATENCY_BUCKET_COUNT - 1, `${ms} ms in bucket ${bucket}`);
      // The bounds hold it (a hair of floating point at an exact bound is all the slack there is).
      assert.ok(bucketLowerMs(bucket) <= ms * (1 + 1e-9) && ms < bucketLowerMs(bucket + 1) * (1 + 1e-9), `${ms} ms within bucket ${bucket}'s bounds`);
      assert.ok(off(bucketValueMs(bucket), ms) <= 0.0151, `${ms} ms reads ${bucketValueMs(bucket)}`);
    }
  });

  it('buckets are 3 % wide, several hundred of them in all', () => {
    assert.ok(LATENCY_BUCKET_COUNT > 500 && LATENCY_BUCKET_COUNT < 700, `${LATENCY_BUCKET_COUNT}`);
    for (const bucket of [1, 100, 400]) assert.ok(Math.abs(bucketLowerMs(bucket + 1) / bucketLowerMs(bucket) - 1.03) < 1e-9);
  });

  it('below the grid reads bucket 0, beyond it the last bucket; nonsense does not throw', () => {
    assert.equal(bucketOf(0), 0);
    assert.equal(bucketOf(0.001), 0);
    assert.equal(bucketOf(-5), 0);
    assert.equal(bucketOf(Number.NaN), 0);
    assert.equal(bucketOf(LATENCY_GRID.maxMs * 10), LATENCY_BUCKET_COUNT - 1);
    assert.equal(bucketOf(Infinity), LATENCY_BUCKET_COUNT - 1);
  });

  it('records, encodes the used buckets only as ascending [bucket, count] pairs, and clears', () => {
    const h = new LatencyBuckets();
    for (const ms of [5, 1, 5, 5, 100]) h.record(ms);
    assert.equal(h.count, 5);
    assert.deepEqual(h.encode(), [bucketOf(1), 1, bucketOf(5), 3, bucketOf(100), 1]);
    h.clear();
    assert.equal(h.count, 0);
    assert.deepEqual(h.encode(), []);
  });

  it('percentiles are nearest-rank over the buckets; empty is null, not zeros', () => {
    const h = new LatencyBuckets();
    assert.equal(h.percentiles(), null);
    for (let i = 1; i <= 100; i++) h.record(i);
    const p = h.percentiles();
    assert.ok(p);
    assert.ok(off(p.p50, 50) <= 0.0151, `p50 ${p.p50}`);
    assert.ok(off(p.p99, 99) <= 0.0151, `p99 ${p.p99}`);
    assert.ok(off(p.max, 100) <= 0.0151, `max ${p.max}`);
    const one = new LatencyBuckets();
    one.record(7);
    const single = one.percentiles();
    assert.ok(single && single.p50 === single.p99 && single.p99 === single.max);
  });

  it("merging threads' pairs gives the histogram of all their requests, exactly", () => {
    const a = new LatencyBuckets();
    const b = new LatencyBuckets();
    const all = new LatencyBuckets();
    for (let i = 0; i < 300; i++) {
      const ms = 0.05 * 1.07 ** i;
      (i % 3 === 0 ? a : b).record(ms);
      all.record(ms);
    }
    const merged = new LatencyBuckets();
    assert.equal(merged.merge(a.encode()), 0);
    assert.equal(merged.merge(b.encode()), 0);
    assert.deepEqual(merged.encode(), all.encode());
    assert.deepEqual(merged.percentiles(), all.percentiles());
    // The same through the functions a reader of flat pairs uses.
    assert.deepEqual(mergeBuckets(a.encode(), b.encode()), all.encode());
    assert.deepEqual(bucketPercentiles(mergeBuckets(a.encode(), b.encode())), all.percentiles());
    assert.equal(bucketPercentiles([]), null);
  });

  it('a merge skips pairs off the grid and counts them, keeping the rest', () => {
    const h = new LatencyBuckets();
    const skipped = h.merge([3, 2, -1, 1, 2.5, 1, LATENCY_BUCKET_COUNT, 1, 4, 0, 5, -2, 6, 1.5, 7, Number.NaN, 8]);
    assert.equal(skipped, 8, 'seven bad pairs and a lone bucket');
    assert.deepEqual(h.encode(), [3, 2]);
    assert.equal(h.count, 2);
  });
});
