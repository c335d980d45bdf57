/**
 * Keeps the live run's messages (every tick, event and the summary) so the window can save it as a recording,
 * the same recording file (shared/recording/format.ts) the CLI writes with --record. Bounded: the oldest messages go first past
 * MAX_KEPT_TICKS ticks (an hour at the default 200 ms) or MAX_KEPT_MESSAGES messages (worker-per-task sends two
 * events per job, so events, not ticks, fill it first there). A 10-minute run at 200 ms is ~3000 ticks.
 */
import type { LabMessage } from '../../../shared/messages';
import type { RunConfig } from '../../../shared/run-config';

export const MAX_KEPT_TICKS = 18_000;
export const MAX_KEPT_MESSAGES = 150_000;

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

export class RunKeeper {
  private messages: LabMessage[] = [];
  /** Index of the oldest kept message: dropping from the front is a cursor move, compacted now and then. */
  private head = 0;
  private ticks = 0;
  private startedAt: string | null = null;
  private config: RunConfig | null = null;
  private dropped = 0;
  private lastTickT = -1;
  private experimentId: string | null = null;
  private ended = false;

  /** `now` is the wall clock in ms (Date.now), to date the run from its first message. */
  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly limits = { ticks: MAX_KEPT_TICKS, messages: MAX_KEPT_MESSAGES },
  ) {}

  take(message: LabMessage): void {
    const newRun = (message.type === 'event' && message.event === 'run-started') || (message.type === 'tick' && message.t < this.lastTickT);
    if (newRun) this.clear();
    if (this.startedAt === null) this.startedAt = new Date(this.now() - message.t).toISOString();
    if (message.type === 'event' && message.event === 'run-started') this.config = message.config;
    if (message.type === 'event' && message.event === 'experiment-started') this.experimentId = message.id;
    if (message.type === 'summary') this.ended = true;
    if (message.type === 'tick') {
      this.ticks += 1;
      this.lastTickT = message.t;
    }
    this.messages.push(message);
    while (this.size() > this.limits.messages || this.ticks > this.limits.ticks) this.dropOldest();
  }

  /** Ticks kept. */
  tickCount(): number {
    return this.ticks;
  }

  size(): number {
    return this.messages.length - this.head;
  }

  /** The run so far, or null before any message. */
  run(): KeptRun | null {
    if (this.startedAt === null) return null;
    return { startedAt: this.startedAt, config: this.config, messages: this.messages.slice(this.head), dropped: this.dropped, experimentId: this.experimentId, ended: this.ended };
  }

  clear(): void {
    this.messages = [];
    this.head = 0;
    this.ticks = 0;
    this.startedAt = null;
    this.config = null;
    this.dropped = 0;
    this.lastTickT = -1;
    this.experimentId = null;
    this.ended = false;
  }

  private dropOldest(): void {
    const oldest = this.messages[this.head];
    if (!oldest) return;
    if (oldest.type === 'tick') this.ticks -= 1;
    this.head += 1;
    this.dropped += 1;
    if (this.head > 4096 && this.head * 2 > this.messages.length) {
      this.messages = this.messages.slice(this.head);
      this.head = 0;
    }
  }
}
