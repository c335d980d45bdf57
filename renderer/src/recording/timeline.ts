/**
 * A recording as the stream the engine sent: ticks and events merged back into time order (parseRecording
 * keeps them apart), then the summary. A replay feeds this stream to a store exactly as the live transport
 * feeds engine messages, so the charts, unit table and event log cannot tell a replay from a run.
 */
import type { LabMessage } from '../../../shared/messages';
import type { Recording } from '../../../shared/recording/format';

export interface Timeline {
  messages: LabMessage[];
  /** Time of the first and the last message, ms since the run started. */
  startMs: number;
  endMs: number;
}

export function replayTimeline(recording: Recording): Timeline {
  const { ticks, events, summary, header } = recording;
  const merged: LabMessage[] = [];
  let e = 0;
  // Both lists are in time order; an event at a tick's time goes first, as the engine sends a tick's events
  // (a run-started before the run's first tick, a switch before the tick that shows it).
  for (const tick of ticks) {
    while (e < events.length && events[e]!.t <= tick.t) merged.push(events[e++]!);
    merged.push(tick);
  }
  while (e < events.length) merged.push(events[e++]!);
  if (summary) merged.push(summary);
  const first = merged[0];
  // A recording cut at its start (the bounded run log dropped it) still begins a run in the store, with its settings
  // (and, for a run attached to the user's app, its command, which the summary repeats).
  if (!first || first.type !== 'event' || first.event !== 'run-started') {
    const attached = summary?.attached ? { attached: { command: summary.attached.command, cwd: summary.attached.cwd } } : {};
    merged.unshift({ type: 'event', event: 'run-started', t: first?.t ?? 0, config: header.config, ...attached });
  }
  let endMs = merged[0]!.t;
  for (const message of merged) endMs = Math.max(endMs, message.t);
  return { messages: merged, startMs: merged[0]!.t, endMs };
}
