/** Live series slice: the published chart window (the ring buffers sit in LiveBuffers). */
import { WINDOW_S, windowDomain } from '../series';
import type { SeriesSlice } from '../store-types';

export function createSeriesSlice(): SeriesSlice {
  return { points: [], markers: [], domain: windowDomain(undefined, WINDOW_S), latest: null, startup: null, tickCount: 0 };
}
