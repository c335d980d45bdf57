/**
 * The run's messages (every tick, event and the summary, as the engine sent them), kept once in the window: what
 * Save run writes, what an experiment's verdict and the diagnosis read, and what a page that joined a run late
 * rebuilds from. One copy, where there were three (a keeper for saving, the store's run ticks and events, a
 * backlog), so they cannot disagree about what the run was.
 *
 * Bounded: the oldest messages go first past MAX_KEPT_TICKS ticks (an hour at the default 200 ms),
 * MAX_KEPT_MESSAGES messages (worker-per-task sends two events per job, so events, not ticks, fill it first
 * there) or MAX_KEPT_SAMPLES samples. A tick's weight grows with its units (a 64-unit tick holds 65 samples, ~35
 * KiB of heap, 30 KB of JSON): counted in ticks alone, an hour of 64 units was ~600 MiB of page heap, growing
 * ~10 MiB a minute for the hour (`npm run soak:ui`), and a file past Save's 256 MiB. Counted in samples, the window
 * keeps ~16 MiB of run at most, and a page left open stops growing once it holds that: about half an hour of the
 * default 2 units, a minute and a half of 64 (the CLI's `--record` keeps a long run whole, on disk). An
 * experiment (at most 30 s and 8 units: a few thousand samples) always fits whole.
 *
 * Cheap to read per frame: the charts do not read it (they read the series ring, points derived once per tick);
 * the diagnosis reads its newest seconds by scanning back from the end; only a verdict at a segment's end and a
 * save copy it whole.
 */
import type { LabEvent, LabMessage, Summary, Tick } from '../../../shared/messages';
import type { RunConfig } from '../../../shared/run-config';

export const MAX_KEPT_TICKS = 18_000;
export const MAX_KEPT_MESSAGES = 150_000;
/**
 * Samples kept: a tick is one sample of the host and one of each unit it lists; an event or the summary counts
 * as one (~0.55 KiB of heap each). The bound is what a page may hold whatever the pool size, small enough that a
 * page running 64 units fills it within its first minutes, even on a loaded machine where fewer ticks come and
 * fewer units are up: `npm run soak:ui` wants the heap flat after 5 minutes (twice this bound still grew it
 * from minute 6 to 12 there).
 */
export const MAX_KEPT_SAMPLES = 30_000;

/** What a save needs besides the machine: when the run started, its settings, and its messages in order. */
export interface KeptRun {
  /** ISO 8601, UTC. */
  startedAt: string;
  config: RunConfig | null;
  messages: readonly LabMessage[];
  /** Messages dropped from the start because the run outgrew the bound. */
  dropped: number;
  /** The experiment the run is (its `experiment-started` event), kept even when the bound dropped the event. */
  experimentId: string | null;
  /** True once the run's summary arrived: the run ended. */
  ended: boolean;
}

/** The most a bounded log holds. */
export interface RunLogLimits {
  ticks: number;
  messages: number;
  /** Samples (see {@link MAX_KEPT_SAMPLES}); MAX_KEPT_SAMPLES when absent. */
  samples?: number;
}

/** How many samples a message counts as (see {@link MAX_KEPT_SAMPLES}). */
export function samplesOf(message: LabMessage): number {
  return message.type === 'tick' ? 1 + message.units.length : 1;
}

export class RunLog {
  private messages: LabMessage[] = [];
  /** Index of the oldest kept message: dropping from the front is a cursor move, compacted now and then. */
  private head = 0;
  private tickTotal = 0;
  private sampleTotal = 0;
  private readonly maxSamples: number;
  private startedAtMs: number | null = null;
  private config: RunConfig | null = null;
  private dropped = 0;
  private experimentId: string | null = null;
  private lastTick: Tick | null = null;
  private lastEvent: LabEvent | null = null;
  private endSummary: Summary | null = null;

  /** `wallClock` is the wall clock in ms (Date.now), to date the run from its messages' run times. */
  constructor(
    private readonly wallClock: () => number = () => Date.now(),
    private readonly limits: RunLogLimits = { ticks: MAX_KEPT_TICKS, messages: MAX_KEPT_MESSAGES },
  ) {
    this.maxSamples = limits.samples ?? MAX_KEPT_SAMPLES;
  }

  /** Keeps a message of the current run (the caller clears the log when a new run begins). */
  take(message: LabMessage): void {
    this.startedAtMs ??= this.wallClock() - message.t;
    if (message.type === 'event') {
      if (message.event === 'run-started') this.config = message.config;
      if (message.event === 'experiment-started') this.experimentId = message.id;
      this.lastEvent = message;
    } else if (message.type === 'tick') {
      this.tickTotal += 1;
      this.lastTick = message;
    } else this.endSummary = message;
    this.messages.push(message);
    this.sampleTotal += samplesOf(message);
    while (this.size() > this.limits.messages || this.tickTotal > this.limits.ticks || this.sampleTotal > this.maxSamples) this.dropOldest();
  }

  /**
   * Dates the run from its newest message, as arriving now: after a run joined late is taken in one go, its
   * first message (run time 0) arrived long after the run began.
   */
  redate(): void {
    const newest = this.messages[this.messages.length - 1];
    if (newest && this.size() > 0) this.startedAtMs = this.wallClock() - newest.t;
  }

  /** Ticks kept. */
  tickCount(): number {
    return this.tickTotal;
  }

  /** Samples kept (see {@link MAX_KEPT_SAMPLES}). */
  sampleCount(): number {
    return this.sampleTotal;
  }

  /** Messages kept. */
  size(): number {
    return this.messages.length - this.head;
  }

  /** The newest tick and event of the run, and its summary once it ended. */
  latestTick(): Tick | null {
    return this.lastTick;
  }

  latestEvent(): LabEvent | null {
    return this.lastEvent;
  }

  summary(): Summary | null {
    return this.endSummary;
  }

  /** The kept ticks, oldest first (a copy: for a verdict, at a segment's end). */
  ticks(): Tick[] {
    const out: Tick[] = [];
    for (let i = this.head; i < this.messages.length; i++) {
      const message = this.messages[i] as LabMessage;
      if (message.type === 'tick') out.push(message);
    }
    return out;
  }

  /** The kept events, oldest first (a copy). */
  events(): LabEvent[] {
    const out: LabEvent[] = [];
    for (let i = this.head; i < this.messages.length; i++) {
      const message = this.messages[i] as LabMessage;
      if (message.type === 'event') out.push(message);
    }
    return out;
  }

  /**
   * The newest ticks with `t > fromMs` and the newest events with `t >= fromMs`, oldest first: what the diagnosis
   * reads. Scans back from the newest message and stops once both kinds are older, so its cost is the window's,
   * not the run's.
   */
  since(fromMs: number): { ticks: Tick[]; events: LabEvent[] } {
    const ticks: Tick[] = [];
    const events: LabEvent[] = [];
    let ticksDone = false;
    let eventsDone = false;
    for (let i = this.messages.length - 1; i >= this.head && !(ticksDone && eventsDone); i--) {
      const message = this.messages[i] as LabMessage;
      if (message.type === 'tick' && !ticksDone) {
        if (message.t > fromMs) ticks.push(message);
        else ticksDone = true;
      } else if (message.type === 'event' && !eventsDone) {
        if (message.t >= fromMs) events.push(message);
        else eventsDone = true;
      }
    }
    return { ticks: ticks.reverse(), events: events.reverse() };
  }

  /** The run so far, for a save; null before any message. */
  run(): KeptRun | null {
    if (this.startedAtMs === null) return null;
    return {
      startedAt: new Date(this.startedAtMs).toISOString(),
      config: this.config,
      messages: this.messages.slice(this.head),
      dropped: this.dropped,
      experimentId: this.experimentId,
      ended: this.endSummary !== null,
    };
  }

  clear(): void {
    this.messages = [];
    this.head = 0;
    this.tickTotal = 0;
    this.sampleTotal = 0;
    this.startedAtMs = null;
    this.config = null;
    this.dropped = 0;
    this.experimentId = null;
    this.lastTick = null;
    this.lastEvent = null;
    this.endSummary = null;
  }

  private dropOldest(): void {
    const oldest = this.messages[this.head];
    if (!oldest) return;
    if (oldest.type === 'tick') this.tickTotal -= 1;
    this.sampleTotal -= samplesOf(oldest);
    // The slot is let go now, not at the next compaction: a 64-unit tick is ~35 KiB of heap.
    (this.messages as Array<LabMessage | undefined>)[this.head] = undefined;
    this.head += 1;
    this.dropped += 1;
    if (this.head > 4096 && this.head * 2 > this.messages.length) {
      this.messages = this.messages.slice(this.head);
      this.head = 0;
    }
  }
}
