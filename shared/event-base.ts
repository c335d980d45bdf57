/** What every event of the engine starts with (shared/messages.ts lists them; guided-run-events.ts has two kinds). */
export interface EventBase {
  type: 'event';
  /** ms since the run started. */
  t: number;
}
