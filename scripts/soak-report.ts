/**
 * The arithmetic of the soak's verdict, kept pure so it can be tested without running a soak: the host's
 * memory, descriptors and OS threads between runs (judged), and its memory during runs (reported).
 *
 * Why judge between runs: during a run the host's memory moves with what the strategy of the moment keeps (worker
 * threads live in the host process: their isolates, stacks and allocator arenas are its RSS) and with the jobs a
 * queue holds (main-thread holds one while its own loop runs the jobs); a held queue or a pool of threads is not
 * a leak, and judged during runs it failed soaks that leaked nothing. Between runs every unit has ended and
 * nothing is queued: after a forced GC, what is left is what the lab keeps for good. During runs a checkpoint
 * (a forced GC) every 15 s and each strategy segment's floor (the lowest heapUsed of its ticks with an empty
 * queue) are still reported, to see where memory goes.
 */

/** Below this many checkpoints (rests between runs) a trend is noise: the run is too short to judge. */
export const MIN_CHECKPOINTS = 4;
/** Heap growth above this fraction fails the soak (heap after GC, from the first rest between runs to any later one). */
export const GROWTH_LIMIT = 0.1;

const MIB = 1_048_576;

/** Memory measured after a forced GC. */
export interface Checkpoint {
  /** ms since the soak started. */
  atMs: number;
  heapUsed: number;
  rss: number;
  /** During a run: the strategy in charge then, and the host's OS threads (worker threads live in the host). */
  strategy?: string;
  threads?: number | null;
}

/** One tick's host memory, labelled with the strategy in charge then and the jobs queued then. */
export interface HeapSample {
  atMs: number;
  strategy: string;
  heapUsed: number;
  queued: number;
}

/**
 * The lowest heapUsed in one run of consecutive samples of one strategy, over its samples whose queue was empty:
 * jobs held in a queue are live data the run chose to keep (main-thread holds one while its own loop runs the
 * jobs: floors of 15 to 50 MiB), not a leak. Null when the queue never emptied in the segment.
 */
export interface SegmentFloor {
  strategy: string;
  startMs: number;
  endMs: number;
  floor: number | null;
}

/** How a strategy's floor moved from its first judged segment to its last. */
export interface FloorGrowth {
  strategy: string;
  /** Floors of its segments with one, in order. */
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

/**
 * Segment floors kept as the ticks come: one record per segment, not one per tick, so the soak's own bookkeeping
 * stays out of the heap it measures (a sample per tick was 1,200 objects in 10 minutes, a tenth of a MiB: a
 * point of the 10% the heap may grow).
 */
export class FloorTracker {
  private readonly list: SegmentFloor[] = [];

  add(sample: HeapSample): void {
    let current = this.list.at(-1);
    if (!current || current.strategy !== sample.strategy) {
      current = { strategy: sample.strategy, startMs: sample.atMs, endMs: sample.atMs, floor: null };
      this.list.push(current);
    }
    current.endMs = sample.atMs;
    if (sample.queued === 0) current.floor = Math.min(current.floor ?? Number.POSITIVE_INFINITY, sample.heapUsed);
  }

  segments(): readonly SegmentFloor[] {
    return this.list;
  }
}

/**
 * Splits samples into segments (consecutive samples of one strategy) and gives each its lowest heapUsed over the
 * samples with an empty queue.
 */
export function segmentFloors(samples: readonly HeapSample[]): SegmentFloor[] {
  const tracker = new FloorTracker();
  for (const sample of samples) tracker.add(sample);
  return [...tracker.segments()];
}

/**
 * Per strategy, the floor growth from its first to its last segment that starts at or after `fromMs` (the end
 * of the warm-up: JIT, pools and caches fill first). Strategies with fewer than two such segments are left out.
 */
export function floorGrowth(segments: readonly SegmentFloor[], fromMs: number): FloorGrowth[] {
  const byStrategy = new Map<string, number[]>();
  for (const segment of segments) {
    if (segment.startMs < fromMs || segment.floor === null) continue;
    const floors = byStrategy.get(segment.strategy) ?? [];
    floors.push(segment.floor);
    byStrategy.set(segment.strategy, floors);
  }
  return [...byStrategy]
    .filter(([, floors]) => floors.length >= 2)
    .map(([strategy, floors]) => ({ strategy, floors, growth: relativeGrowth(floors[0], floors[floors.length - 1]) }));
}

const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
const percent = (fraction: number) => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
const perMinute = (slope: number) => `${slope >= 0 ? '+' : ''}${slope.toFixed(2)} MiB/min`;

/**
 * What the host's memory did during the runs, reported, not judged: checkpoints (a forced GC every 15 s while
 * a run goes) move with the strategy of the moment (worker threads live in the host: their isolates, stacks and
 * malloc arenas are its RSS) and with the queue it holds; floors leave out ticks with jobs queued. The verdict is
 * taken between runs ({@link judgeRests}), where nothing may be held.
 */
export function describeRunMemory(checkpoints: readonly Checkpoint[], segments: readonly SegmentFloor[], warmUpMs: number): string[] {
  const lines: string[] = [];
  const first = checkpoints[0];
  const last = checkpoints[checkpoints.length - 1];
  if (first && last) {
    const heapSlope = mibPerMinute(checkpoints.map((c) => ({ atMs: c.atMs, bytes: c.heapUsed })));
    const rssSlope = mibPerMinute(checkpoints.map((c) => ({ atMs: c.atMs, bytes: c.rss })));
    lines.push(
      `during runs (not judged): heap after GC ${mib(first.heapUsed)} -> ${mib(last.heapUsed)} (${percent(relativeGrowth(first.heapUsed, last.heapUsed))}), ` +
        `slope ${perMinute(heapSlope)}; rss ${mib(first.rss)} -> ${mib(last.rss)}, slope ${perMinute(rssSlope)}, over ${checkpoints.length} checkpoints`,
    );
  }
  const byStrategy = new Map<string, Checkpoint[]>();
  for (const c of checkpoints) if (c.strategy) byStrategy.set(c.strategy, [...(byStrategy.get(c.strategy) ?? []), c]);
  if (byStrategy.size > 0) {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
    lines.push(
      `rss during runs by strategy (median of its checkpoints, host OS threads): ${[...byStrategy]
        .map(([strategy, cs]) => `${strategy} ${mib(median(cs.map((c) => c.rss)))} (${median(cs.map((c) => c.threads ?? 0))} threads)`)
        .join(', ')}`,
    );
  }
  const withFloor = segments.filter((s) => s.floor !== null);
  if (segments.length > 0) {
    const held = segments.length - withFloor.length;
    lines.push(
      `heap floor per segment (ticks with an empty queue): ${withFloor.map((s) => `${s.strategy} ${((s.floor as number) / MIB).toFixed(1)}`).join(', ') || 'none'}` +
        (held > 0 ? `; ${held} segment${held === 1 ? '' : 's'} never emptied the queue` : ''),
    );
  }
  for (const g of floorGrowth(segments, warmUpMs)) lines.push(`floor of ${g.strategy}: ${g.floors.map((f) => (f / MIB).toFixed(1)).join(' -> ')} MiB (${percent(g.growth)})`);
  return lines;
}

/** RSS growth above this fraction fails (between runs, from the first rest to any later one). */
export const RSS_GROWTH_LIMIT = 0.15;

/**
 * The host between two runs: the run stopped, every unit ended, nothing queued; then a forced GC. Whatever the
 * lab keeps for good shows here, and nothing a run holds on purpose does.
 */
export interface Rest extends Checkpoint {
  /** Open file descriptors and OS threads of the host (/proc/self/fd, /proc/self/task); null without /proc. */
  fds: number | null;
  threads: number | null;
  /** What the RSS is made of (host-resources.ts), bytes; null without /proc. */
  parts?: { anon: number; file: number; v8Heap: number; native: number } | null;
  /**
   * Of heapUsed, V8's compiled code and bytecode with their metadata (v8.getHeapCodeStatistics): what the JIT
   * keeps of the functions it has met. It grows as the soak's plan meets pairings of strategy and workload it had
   * not run at full pace (40 of them, 15 s each: a 10-minute soak never comes back to one), then stops.
   */
  code?: number;
}

/** The heap the lab's data holds: heapUsed without V8's code ({@link Rest.code}). */
export const dataHeap = (r: Rest) => r.heapUsed - (r.code ?? 0);

/** The soak's memory and resource verdict. */
export interface RestVerdict {
  ok: boolean;
  /** Fewer than {@link MIN_CHECKPOINTS} rests: memory is not judged (descriptors and threads still are). */
  tooShort: boolean;
  /**
   * Worst growth of a later rest over the first (post-warm-up) one; null with no rest. `heapGrowth` is of the
   * data heap (judged), `heapWithCodeGrowth` of the whole heapUsed (reported).
   */
  heapGrowth: number | null;
  heapWithCodeGrowth: number | null;
  rssGrowth: number | null;
  /** The heap or the RSS grew past its limit (on a run long enough to judge). */
  heapFails: boolean;
  rssFails: boolean;
  /** Rests whose descriptors or threads stayed above the level. */
  leaks: string[];
  lines: string[];
}

const worstGrowth = (rests: readonly Rest[], of: (r: Rest) => number) => (rests.length === 0 ? null : Math.max(...rests.map((r) => relativeGrowth(of(rests[0]), of(r)))));

/**
 * Judges the rests: the heap after GC of every rest, without V8's code ({@link dataHeap}), within
 * {@link GROWTH_LIMIT} and its RSS within
 * {@link RSS_GROWTH_LIMIT} of the first rest's (after the warm-up), on a run with at least
 * {@link MIN_CHECKPOINTS} rests; the descriptors and OS threads of every rest at most the first rest's, whatever
 * the run's length: what a run opens, it closes. The level is taken after the warm-up, not before the first run,
 * because the host opens one descriptor for good in its first run (its main thread's CPU clock,
 * /proc/thread-self/stat, opened once and re-read: workloads/metrics/thread-cpu.ts); `before` (the host before
 * the first run) is reported beside it.
 */
export function judgeRests(rests: readonly Rest[], before: { fds: number | null; threads: number | null }): RestVerdict {
  const level = { fds: rests[0]?.fds ?? null, threads: rests[0]?.threads ?? null };
  const tooShort = rests.length < MIN_CHECKPOINTS;
  const heapGrowth = worstGrowth(rests, dataHeap);
  const heapWithCodeGrowth = worstGrowth(rests, (r) => r.heapUsed);
  const rssGrowth = worstGrowth(rests, (r) => r.rss);
  const heapFails = !tooShort && heapGrowth !== null && heapGrowth > GROWTH_LIMIT;
  const rssFails = !tooShort && rssGrowth !== null && rssGrowth > RSS_GROWTH_LIMIT;
  const leaks: string[] = [];
  rests.forEach((r, i) => {
    if (level.fds !== null && r.fds !== null && r.fds > level.fds) leaks.push(`rest ${i}: ${r.fds} descriptors, ${level.fds} after the warm-up`);
    if (level.threads !== null && r.threads !== null && r.threads > level.threads) leaks.push(`rest ${i}: ${r.threads} OS threads, ${level.threads} after the warm-up`);
  });
  const lines: string[] = [];
  if (tooShort) lines.push(`too short to judge memory: ${rests.length} rest${rests.length === 1 ? '' : 's'} between runs, at least ${MIN_CHECKPOINTS} are needed`);
  const first = rests[0];
  const last = rests[rests.length - 1];
  if (first && last && heapGrowth !== null && heapWithCodeGrowth !== null && rssGrowth !== null) {
    lines.push(
      `between runs, heap after GC without V8's code ${mib(dataHeap(first))} -> ${mib(dataHeap(last))} (worst ${percent(heapGrowth)}, limit +${GROWTH_LIMIT * 100}%)${heapFails ? '  FAIL' : ''}; ` +
        `with it ${mib(first.heapUsed)} -> ${mib(last.heapUsed)} (worst ${percent(heapWithCodeGrowth)}, not judged: the JIT's code for paths met)`,
    );
    lines.push(`between runs, rss ${mib(first.rss)} -> ${mib(last.rss)} (worst ${percent(rssGrowth)}, limit +${RSS_GROWTH_LIMIT * 100}%)${rssFails ? '  FAIL' : ''}`);
  }
  lines.push(
    `descriptors and OS threads after every stop: ${rests.map((r) => `${r.fds ?? '-'}/${r.threads ?? '-'}`).join(', ') || 'no stop'} (before the first run ${before.fds ?? '-'}/${before.threads ?? '-'})` +
      (leaks.length > 0 ? `  FAIL: ${leaks.join('; ')}` : ''),
  );
  return { ok: !heapFails && !rssFails && leaks.length === 0, tooShort, heapGrowth, heapWithCodeGrowth, rssGrowth, heapFails, rssFails, leaks, lines };
}
