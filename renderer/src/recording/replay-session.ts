/**
 * One opened recording being replayed: its own store (made by createLabStore, like the live one) fed through
 * the same ingest actions the live transport calls, paced by a ReplayPlayer. The live store is left alone, so
 * a live run goes on in the engine and its view is whole again on "back to live". The replay store's clock is
 * the recording's time, so the heartbeat, the unit rows' linger and the startup captions read as they did live.
 */
import type { CommandResult, LabApi } from '../../../shared/lab-api';
import type { LabMessage } from '../../../shared/messages';
import type { Recording } from '../../../shared/recording/format';
import { createLabStore } from '../state/store';
import type { LabStore, Theme } from '../state/store-types';
import { ReplayPlayer } from './replay-player';
import { replayTimeline, type Timeline } from './timeline';

const REFUSED: CommandResult = {
  ok: false,
  errors: [{ field: 'replay', message: 'this window shows a recording; press "Back to live" to control the lab' }],
};

/** A LabApi that controls nothing: the replay's controls are shown for what they were, not to be used. */
export const replayApi: LabApi = {
  start: async () => REFUSED,
  stop: async () => REFUSED,
  configure: async () => REFUSED,
  getState: async () => REFUSED,
  crash: async () => REFUSED,
  machine: async () => REFUSED,
  experiment: async () => REFUSED,
  advise: async () => REFUSED,
  attach: async () => REFUSED,
  onTick: () => () => undefined,
  onEvent: () => () => undefined,
  onSummary: () => () => undefined,
};

/** Feeds one engine message to a store, as connectStore does for the live transport. */
export function ingest(store: LabStore, message: LabMessage): void {
  const state = store.getState();
  if (message.type === 'tick') state.ingestTick(message);
  else if (message.type === 'event') state.ingestEvent(message);
  else state.ingestSummary(message);
}

export class ReplaySession {
  readonly store: LabStore;
  readonly timeline: Timeline;
  readonly player: ReplayPlayer;
  /** Recording time (ms) the store's clock reads. */
  private clock = 0;

  constructor(
    readonly recording: Recording,
    theme: Theme,
  ) {
    this.timeline = replayTimeline(recording);
    // The recording's length is known: the charts and the timeline span it from the start (or roll past 60 s).
    this.store = createLabStore({ api: replayApi, now: () => this.clock, theme, runLengthMs: this.timeline.endMs });
    this.store.getState().setConnection('open');
    this.player = new ReplayPlayer(this.timeline, {
      emit: (message) => {
        this.clock = message.t;
        ingest(this.store, message);
      },
      restart: () => this.store.getState().clearMessages(),
    });
    this.publish();
  }

  /** Shows the store at the player's position (the flush the live app runs on a timer). */
  publish(): void {
    this.clock = this.player.position;
    this.store.getState().flush();
  }
}
