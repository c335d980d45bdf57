/**
 * The pacing of a replay, with no timers and no clock of its own (both injected), so it is tested exactly:
 * recording time advances by the wall time elapsed times the speed; every message whose `t` has been reached
 * is emitted once, in order. Seeking forward emits what lies between; seeking back starts the feed again from
 * the beginning (the store rebuilds the window from the run's start, a few ms even for a 10-minute run).
 */
import type { LabMessage } from '../../../shared/messages';
import type { Timeline } from './timeline';

export const REPLAY_SPEEDS = [1, 2, 4, 10] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

export interface ReplaySink {
  /** One message, in order; `t` is its recording time (ms). */
  emit(message: LabMessage): void;
  /** The feed starts again from the beginning (a seek back). */
  restart(): void;
}

export class ReplayPlayer {
  /** Recording time shown, ms. */
  position: number;
  speed: ReplaySpeed = 1;
  playing = false;
  private next = 0;
  private lastWall: number | null = null;

  constructor(
    private readonly timeline: Timeline,
    private readonly sink: ReplaySink,
  ) {
    this.position = timeline.startMs;
    // The run's start (its settings, its first event) shows at once, before the first tick is due.
    this.feedTo(this.position);
  }

  get atEnd(): boolean {
    return this.position >= this.timeline.endMs && this.next >= this.timeline.messages.length;
  }

  play(wallMs: number): void {
    if (this.atEnd) this.seek(this.timeline.startMs);
    this.playing = true;
    this.lastWall = wallMs;
  }

  pause(): void {
    this.playing = false;
    this.lastWall = null;
  }

  setSpeed(speed: ReplaySpeed, wallMs: number): void {
    // Time already elapsed at the old speed counts at the old speed.
    this.advance(wallMs);
    this.speed = speed;
  }

  /** Moves recording time on by the wall time since the last call (while playing); stops at the end. */
  advance(wallMs: number): void {
    if (!this.playing || this.lastWall === null) return;
    const elapsed = Math.max(0, wallMs - this.lastWall);
    this.lastWall = wallMs;
    this.position = Math.min(this.timeline.endMs, this.position + elapsed * this.speed);
    this.feedTo(this.position);
    if (this.atEnd) this.pause();
  }

  /** Jumps to recording time `t` (ms), clamped to the recording. */
  seek(t: number): void {
    const target = Math.min(this.timeline.endMs, Math.max(this.timeline.startMs, t));
    if (target < this.position) {
      this.next = 0;
      this.sink.restart();
    }
    this.position = target;
    this.feedTo(target);
  }

  private feedTo(t: number): void {
    const { messages } = this.timeline;
    while (this.next < messages.length && messages[this.next]!.t <= t) this.sink.emit(messages[this.next++]!);
  }
}
