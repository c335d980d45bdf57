/** Live series slice: the published chart window (the ring buffers sit in LiveBuffers). */
import { chartDomain } from '../series';
import type { SeriesSlice } from '../store-types';

/** `knownLengthS`: the run's length if the viewer knows it already (a replay's), for the first domain. */
export function createSeriesSlice(knownLengthS: number | null = null): SeriesSlice {
  return { points: [], markers: [], domain: chartDomain(undefined, knownLengthS), latest: null, startup: null, tickCount: 0 };
}
