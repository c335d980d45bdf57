/**
 * The messages of an experiment's run so far, for a viewer that joins late: a page reloaded mid-run, a second tab,
 * a desktop window reopened. A viewer learns what the run is from its `experiment-started` event and judges it
 * from the run's own ticks and events (the verdict reads every segment), so joining with the live stream alone
 * would leave it without the segment bands and with a verdict on half a run. The engine sends each message once;
 * this keeps the run's, so `getState` can hand them over (command-dispatch.ts) and the viewer feeds them through
 * the same ingest actions the live stream uses.
 *
 * Only an experiment's run is kept (at most 18 s of it in the catalog, a few thousand messages), from its
 * `run-started` until its `run-stopped`: a page opened after the end starts empty, as after any run, rather than
 * taking the experiment over (it would select it, and a link to another experiment would run the wrong one).
 */
import type { LabMessage } from '../../shared/messages';
import type { LabEngine } from '../engine/lab-engine';

/**
 * Beyond this many messages the oldest ticks and events go (never the run's start or the experiment's
 * announcement): more than a viewer keeps of a run itself (1,000 ticks and 20,000 events, renderer/src/state/store.ts).
 */
export const BACKLOG_LIMIT = 21_000;

/** What the run is: kept whatever the limit. */
const isHead = (m: LabMessage) => m.type === 'event' && (m.event === 'run-started' || m.event === 'experiment-started');

export class RunBacklog {
  private kept: LabMessage[] = [];
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly engine: Pick<LabEngine, 'onMessage'>,
    private readonly limit = BACKLOG_LIMIT,
  ) {}

  /** Forgets what was kept and keeps the messages of the next run the engine starts, until it stops. */
  keepNextRun(): void {
    this.drop();
    let started = false;
    this.unsubscribe = this.engine.onMessage((message) => {
      if (message.type === 'event' && message.event === 'run-started') started = true;
      if (!started) return;
      // A viewer that was there has it all; one that comes later joins no run.
      if (message.type === 'event' && message.event === 'run-stopped') return this.drop();
      this.kept.push(message);
      if (this.kept.length > this.limit) {
        // Amortised: the oldest tenth goes at once, not one message per message; the order stays as sent.
        let cut = Math.ceil(this.limit / 10);
        this.kept = this.kept.filter((m) => isHead(m) || cut-- <= 0);
      }
    });
  }

  /** Stops keeping and forgets. */
  drop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.kept = [];
  }

  /** The run's messages in the order they were sent, or null when no experiment was announced in it. */
  messages(): LabMessage[] | null {
    return this.kept.some((m) => m.type === 'event' && m.event === 'experiment-started') ? [...this.kept] : null;
  }
}
