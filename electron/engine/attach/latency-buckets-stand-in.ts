/**
 * STAND-IN until the agent's shared/attach/latency-buckets.ts lands: the same two functions by their planned
 * names, so the lab's side is written against them, and the swap is one import (latency-histogram.ts). Its
 * bucket scheme (8 per doubling, of µs) is a guess; the real module's wins.
 */
import type { Percentiles } from '../../../shared/unit-samples';

/** The bucket of a latency of `ms`. */
export function bucketOf(ms: number): number {
  return Math.max(0, Math.ceil(Math.log2(Math.max(1, ms * 1000)) * 8));
}

/** The upper bound of bucket `bucket`, in ms. */
function boundOf(bucket: number): number {
  return 2 ** (bucket / 8) / 1000;
}

/** Two flat [bucket, count] lists as one, by bucket. */
export function mergeBuckets(a: readonly number[], b: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const list of [a, b]) for (let i = 0; i + 1 < list.length; i += 2) counts.set(list[i], (counts.get(list[i]) ?? 0) + list[i + 1]);
  return [...counts.entries()].sort(([x], [y]) => x - y).flat();
}

/** p50, p99 and max (each a bucket's upper bound) of a flat list; null when it counts nothing. */
export function bucketPercentiles(buckets: readonly number[]): Percentiles | null {
  const sorted = mergeBuckets(buckets, []);
  let total = 0;
  for (let i = 1; i < sorted.length; i += 2) total += sorted[i];
  if (total === 0) return null;
  const at = (p: number) => {
    const rank = Math.max(1, Math.ceil(p * total));
    let seen = 0;
    for (let i = 0; i < sorted.length; i += 2) {
      seen += sorted[i + 1];
      if (seen >= rank) return boundOf(sorted[i]);
    }
    return boundOf(sorted[sorted.length - 2]);
  };
  return { p50: at(0.5), p99: at(0.99), max: at(1) };
}
