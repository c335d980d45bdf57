/** Composes the slices into one zustand store. See store-types.ts for the design. */
import { createStore } from 'zustand/vanilla';
import { EventLog } from './events-log';
import { RingBuffer } from './ring-buffer';
import { RunLog } from './run-log';
import { chartDomain, WINDOW_S } from './series';
import { createAttachSlice } from './slices/attach';
import { createConfigSlice } from './slices/config';
import { createEventsSlice } from './slices/events';
import { createExperimentSlice } from './slices/experiment';
import { createIngestSlice, knownLengthS } from './slices/ingest';
import { createSeriesSlice } from './slices/live-series';
import { createMessagesSlice } from './slices/messages';
import { createUnitsSlice } from './slices/units';
import { createViewSlice } from './slices/view';
import type { LabState, LabStore, LiveBuffers, StoreDeps } from './store-types';
import { UnitTracker } from './units';
import { TimelineModel } from '../timeline/timeline-model';

/** The shortest sampling interval is 50 ms: a full window at that rate, plus slack for late ticks. */
export const SERIES_CAPACITY = Math.ceil((WINDOW_S * 1000) / 50) + 100;
/**
 * Exit markers kept. The restart backoff (100 ms, doubling per crash in a row) bounds how fast units can die,
 * but a big pool crashing on every 2nd job still adds many per second; the newest ones are the ones shown.
 */
export const EXIT_MARKER_CAPACITY = 200;
/** Lines of the event log. */
export const LOG_CAPACITY = 100;
export function createLabStore(deps: StoreDeps): LabStore {
  const live: LiveBuffers = {
    series: new RingBuffer(SERIES_CAPACITY),
    markers: new RingBuffer(64),
    exits: new RingBuffer(EXIT_MARKER_CAPACITY),
    log: new EventLog({ capacity: LOG_CAPACITY }),
    logDirty: false,
    units: new UnitTracker(),
    timeline: new TimelineModel(deps.timelineKeepMs),
    run: new RunLog(deps.wallClock),
    experiment: null,
    plannedEndMs: null,
    card: null,
    latest: null,
    startup: null,
    tickCount: 0,
    lastTickAt: null,
    dirty: false,
  };
  return createStore<LabState>()((set, get) => {
    const ctx = { set, get, deps, live };
    return {
      ...createConfigSlice(ctx),
      ...createSeriesSlice(knownLengthS(deps, live)),
      timeline: { model: live.timeline, fromMs: 0, toMs: chartDomain(undefined, knownLengthS(deps, live))[1] * 1000, version: live.timeline.version },
      ...createEventsSlice(ctx),
      ...createUnitsSlice(),
      ...createMessagesSlice(ctx),
      ...createViewSlice(ctx),
      ...createIngestSlice(ctx),
      ...createExperimentSlice(ctx),
      ...createAttachSlice(ctx),
    };
  });
}
