/**
 * The arithmetic of the soak's verdict, kept pure so it can be tested without running a soak: the slope and
 * change of memory over the checkpoints, the heap floor of each strategy segment, and the verdict text.
 *
 * Why two measures: a checkpoint is taken after a forced GC, so it shows what is really retained. The floor
 * (the lowest heapUsed a segment's ticks saw) needs no GC of its own, but without one it mostly shows how much
 * garbage V8 let pile up before its next full collection; the soak forces one at every checkpoint, so a segment
 * that holds a checkpoint has a floor close to what is retained while that strategy runs.
 */

/** Below this many checkpoints a trend is noise: the run is too short to judge. */
export const MIN_CHECKPOINTS = 4;
/** Growth above this fraction fails the soak (heap after GC, first to last checkpoint; a strategy's floor). */
export const GROWTH_LIMIT = 0.1;

const MIB = 1_048_576;

/** Memory measured after a forced GC. */
export interface Checkpoint {
  /** ms since the soak started. */
  atMs: number;
  heapUsed: number;
  rss: number;
}

/** One tick's host memory, labelled with the strategy in charge then. */
export interface HeapSample {
  atMs: number;
  strategy: string;
  heapUsed: number;
}

/** The lowest heapUsed in one run of consecutive samples of one strategy. */
export interface SegmentFloor {
  strategy: string;
  startMs: number;
  endMs: number;
  floor: number;
}

/** How a strategy's floor moved from its first judged segment to its last. */
export interface FloorGrowth {
  strategy: string;
  /** Floors of its judged segments, in order. */
  floors: number[];
  /** (last - first) / first. */
  growth: number;
}

/** Least-squares slope of y over x; 0 with fewer than two distinct x. */
export function leastSquaresSlope(points: ReadonlyArray<{ x: number; y: number }>): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.x - meanX) * (p.y - meanY);
    variance += (p.x - meanX) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}

/** Relative change from `first` to `last`; 0 when there is no baseline. */
export function relativeGrowth(first: number, last: number): number {
  return first > 0 ? (last - first) / first : 0;
}

/** MiB per minute of a series of (ms, bytes). */
export function mibPerMinute(points: ReadonlyArray<{ atMs: number; bytes: number }>): number {
  return leastSquaresSlope(points.map((p) => ({ x: p.atMs / 60_000, y: p.bytes / MIB })));
}

/** Splits samples into segments (consecutive samples of one strategy) and gives each its lowest heapUsed. */
export function segmentFloors(samples: readonly HeapSample[]): SegmentFloor[] {
  const segments: SegmentFloor[] = [];
  for (const sample of samples) {
    const current = segments.at(-1);
    if (current && current.strategy === sample.strategy) {
      current.endMs = sample.atMs;
      current.floor = Math.min(current.floor, sample.heapUsed);
    } else {
      segments.push({ strategy: sample.strategy, startMs: sample.atMs, endMs: sample.atMs, floor: sample.heapUsed });
    }
  }
  return segments;
}

/**
 * Per strategy, the floor growth from its first to its last segment that starts at or after `fromMs` (the end
 * of the warm-up: JIT, pools and caches fill first). Strategies with fewer than two such segments are left out.
 */
export function floorGrowth(segments: readonly SegmentFloor[], fromMs: number): FloorGrowth[] {
  const byStrategy = new Map<string, number[]>();
  for (const segment of segments) {
    if (segment.startMs < fromMs) continue;
    const floors = byStrategy.get(segment.strategy) ?? [];
    floors.push(segment.floor);
    byStrategy.set(segment.strategy, floors);
  }
  return [...byStrategy]
    .filter(([, floors]) => floors.length >= 2)
    .map(([strategy, floors]) => ({ strategy, floors, growth: relativeGrowth(floors[0], floors[floors.length - 1]) }));
}

/** The soak's memory verdict. */
export interface MemoryVerdict {
  /** False when the run is long enough to judge and something grew past the limit. */
  ok: boolean;
  /** Fewer than {@link MIN_CHECKPOINTS} checkpoints: nothing is judged. */
  tooShort: boolean;
  /** Human-readable lines, in order. */
  lines: string[];
}

const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
const percent = (fraction: number) => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
const perMinute = (slope: number) => `${slope >= 0 ? '+' : ''}${slope.toFixed(2)} MiB/min`;

/**
 * Judges the checkpoints (heap after a forced GC: its change first to last) and the floors (each strategy's
 * first to last judged segment). RSS is reported, not judged: it moves with the threads and processes the
 * strategy of the moment keeps, and with what the allocator keeps after they end.
 */
export function judgeMemory(checkpoints: readonly Checkpoint[], segments: readonly SegmentFloor[], warmUpMs: number): MemoryVerdict {
  const lines: string[] = [];
  const tooShort = checkpoints.length < MIN_CHECKPOINTS;
  const first = checkpoints[0];
  const last = checkpoints[checkpoints.length - 1];
  let ok = true;
  if (tooShort) {
    lines.push(
      `too short to judge memory: ${checkpoints.length} checkpoint${checkpoints.length === 1 ? '' : 's'}, ` +
        `at least ${MIN_CHECKPOINTS} are needed (one every 15 s after the ${warmUpMs / 1000} s warm-up); growth is not judged`,
    );
  }
  if (first && last) {
    const heapGrowth = relativeGrowth(first.heapUsed, last.heapUsed);
    const heapSlope = mibPerMinute(checkpoints.map((c) => ({ atMs: c.atMs, bytes: c.heapUsed })));
    const rssSlope = mibPerMinute(checkpoints.map((c) => ({ atMs: c.atMs, bytes: c.rss })));
    const heapFails = !tooShort && heapGrowth > GROWTH_LIMIT;
    ok &&= !heapFails;
    lines.push(
      `heap after GC ${mib(first.heapUsed)} -> ${mib(last.heapUsed)} (${percent(heapGrowth)}, limit +${GROWTH_LIMIT * 100}%), ` +
        `slope ${perMinute(heapSlope)} over ${checkpoints.length} checkpoints${heapFails ? '  FAIL' : ''}`,
    );
    lines.push(`rss ${mib(first.rss)} -> ${mib(last.rss)} (${percent(relativeGrowth(first.rss, last.rss))}), slope ${perMinute(rssSlope)} (not judged)`);
  }
  if (segments.length > 0) {
    lines.push(`heap floor per segment: ${segments.map((s) => `${s.strategy} ${(s.floor / MIB).toFixed(1)}`).join(', ')}`);
  }
  const growths = floorGrowth(segments, warmUpMs);
  if (growths.length === 0 && segments.length > 0) lines.push('no strategy ran two segments after the warm-up: floors not compared');
  for (const g of growths) {
    const fails = !tooShort && g.growth > GROWTH_LIMIT;
    ok &&= !fails;
    lines.push(`floor of ${g.strategy}: ${g.floors.map((f) => (f / MIB).toFixed(1)).join(' -> ')} MiB (${percent(g.growth)})${fails ? '  FAIL' : ''}`);
  }
  return { ok, tooShort, lines };
}
