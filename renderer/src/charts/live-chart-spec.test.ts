import { describe, expect, it } from 'vitest';
import { CHART_PALETTES } from '../theme/palette';
import { axisSeries, liveSeries } from './live-chart-spec';
import { HEALTH_CHART } from './HealthChart';
import { QUEUE_CHART } from './QueueChart';
import { THROUGHPUT_CHART } from './ThroughputChart';

describe('live chart descriptions', () => {
  it('each y axis is scaled to the series that name it, counts on whole numbers', () => {
    expect(axisSeries(THROUGHPUT_CHART)).toEqual([
      { keys: ['throughput'], allowDecimals: false },
      { keys: ['latencyP50', 'latencyP99', 'startupP50'], allowDecimals: true },
    ]);
    expect(axisSeries(HEALTH_CHART)).toEqual([
      { keys: ['healthP50', 'healthP99'], allowDecimals: true },
      { keys: ['healthTimeouts'], allowDecimals: false },
    ]);
    // A chart's only axis, without an id, takes every series.
    expect(axisSeries(QUEUE_CHART)).toEqual([{ keys: ['queued', 'inFlight'], allowDecimals: false }]);
  });

  it('a series is drawn in its palette colour, on its axis, with its label and unit', () => {
    const [timeouts] = liveSeries(HEALTH_CHART, CHART_PALETTES.dark).filter((s) => s.dataKey === 'healthTimeouts');
    expect(timeouts).toMatchObject({ name: 'timeouts', unit: 'timed out', stroke: CHART_PALETTES.dark.crash, yAxisId: 'count', type: 'stepAfter' });
  });
});
