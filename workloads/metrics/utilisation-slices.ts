/**
 * Busy slices (shared/activity/busy-slices.ts) of a thread whose work has no start and end the sampler sees: the
 * host's loop outside its own jobs (electron/engine/probes/host-sampler.ts), and every thread of an attached app
 * (workloads/attach/), which has no "jobs" at all. Busy is then the event-loop utilisation between two readings,
 * spread over the free time of the slices between them; the caller reads it as often as its timer turns, so the
 * slices are as sharp as that timer. Spans the caller does know exactly (a job on the host's loop) go in as they
 * are, and the utilisation read next is that much smaller. Collections come from a `gc` performance observer.
 */
import { performance, PerformanceObserver, type EventLoopUtilization, type PerformanceEntry } from 'node:perf_hooks';
import { SliceBins } from '../../shared/activity/busy-slices';
import { toEpoch } from './activity-recorder';

/** One thread's busy time and collections, binned on the epoch grid from its utilisation. */
export class UtilisationSlices {
  readonly bins: SliceBins;
  private lastElu: EventLoopUtilization = performance.eventLoopUtilization();
  /** Epoch ms of the last utilisation reading. */
  private lastAt = toEpoch(performance.now());
  /** ms of exact spans since that reading (in the slices already, so not spread again). */
  private exactMs = 0;
  private readonly gcObserver = new PerformanceObserver((list) => this.collected(list.getEntries()));

  /** @param maxSlices what the bins hold at most (shared/activity/busy-slices.ts SliceBins). */
  constructor(maxSlices?: number) {
    this.bins = new SliceBins(maxSlices);
  }

  /** Starts (again) at `now` (performance.now()): what came before is not spread over anything, and collections are observed. */
  start(now = performance.now()): void {
    this.lastElu = performance.eventLoopUtilization();
    this.lastAt = toEpoch(now);
    this.bins.coveredTo = this.lastAt;
    this.exactMs = 0;
    this.gcObserver.observe({ entryTypes: ['gc'] });
  }

  /** Stops observing collections; the slices are kept. */
  stop(): void {
    this.gcObserver.disconnect();
  }

  /** The loop's busy time since the last reading, less the exact spans', spread up to `now` (performance.now()). */
  read(now: number): void {
    const elu = performance.eventLoopUtilization();
    const at = toEpoch(now);
    this.bins.spreadBusy(this.lastAt, at, performance.eventLoopUtilization(elu, this.lastElu).active - this.exactMs);
    this.bins.coveredTo = at;
    this.lastElu = elu;
    this.lastAt = at;
    this.exactMs = 0;
  }

  /** Reads the utilisation up to `now` and takes the collections not delivered yet: the slices are then complete to `now`. */
  flush(now: number): void {
    this.read(now);
    this.collected(this.gcObserver.takeRecords());
  }

  /** The thread was busy from `startedAt` to `now` (performance.now()), exactly. */
  addSpan(startedAt: number, now: number): void {
    this.bins.addBusy(toEpoch(startedAt), toEpoch(now));
    this.exactMs += now - startedAt;
  }

  private collected(entries: PerformanceEntry[]): void {
    for (const entry of entries) this.bins.addGc(toEpoch(entry.startTime), entry.duration);
  }
}
