/**
 * The two runs of a comparison as stores, for their timelines: each recording fed whole, at once, to a store of
 * its own (createLabStore, through the same ingest as a replay), so the Timeline draws a compared run as it draws
 * a live one. Both are shown over the same window, the longer run's length from each run's own start, which is
 * also the comparison charts' x range (series.ts comparisonDomain).
 */
import type { Recording } from '../../../shared/recording/format';
import { comparisonDomain } from '../state/series';
import { createLabStore } from '../state/store';
import type { LabStore, Theme } from '../state/store-types';
import { replayApi } from './replay-session';
import { replayTimeline } from './timeline';

/** A run of the comparison, drawn by its own timeline. */
export interface ComparedRunView {
  store: LabStore;
  /** The window its timeline shows, ms of its own run time: from its start over the comparison's length. */
  windowMs: readonly [number, number];
}

export interface ComparedRuns {
  a: ComparedRunView;
  b: ComparedRunView;
  /** The comparison charts' x range, seconds from each run's start. */
  domain: [number, number];
}

/** Slack kept beyond the longer run, so its end is not cut off by the timeline's retention. */
const KEEP_SLACK_MS = 1_000;

/** The two recordings' stores and the window both are shown over. */
export function comparedRuns(a: Recording, b: Recording, theme: Theme): ComparedRuns {
  const timelines = [replayTimeline(a), replayTimeline(b)] as const;
  const domain = comparisonDomain(timelines.map((t) => (t.endMs - t.startMs) / 1000));
  const lengthMs = domain[1] * 1000;
  const [ra, rb] = timelines.map((timeline): ComparedRunView => {
    // A run longer than the live window is kept whole: a comparison shows each run from its start to its end.
    const store = createLabStore({ api: replayApi, now: () => timeline.endMs, theme, runLengthMs: lengthMs, timelineKeepMs: lengthMs + KEEP_SLACK_MS });
    store.getState().ingestRun(timeline.messages);
    store.getState().flush();
    return { store, windowMs: [timeline.startMs, timeline.startMs + lengthMs] };
  }) as [ComparedRunView, ComparedRunView];
  return { a: ra, b: rb, domain };
}
