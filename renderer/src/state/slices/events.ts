/** Events slice: the published exit markers and event log (their buffers sit in LiveBuffers), and the run summary. */
import type { EventsSlice, SliceContext } from '../store-types';

export function createEventsSlice({ set }: SliceContext): EventsSlice {
  return {
    exitMarkers: [],
    events: [],
    summary: null,
    dismissSummary: () => set({ summary: null }),
  };
}
