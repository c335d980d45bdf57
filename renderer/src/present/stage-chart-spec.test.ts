import { describe, expect, it } from 'vitest';
import { ELD_CHART } from '../charts/EldChart';
import { THROUGHPUT_CHART } from '../charts/ThroughputChart';
import { stageTextPx } from './stage-text';
import { LAB_TICK_PX, stageChartSpec } from './stage-chart-spec';

/** What DejaVu Sans (the projector's fallback font) gives a digit: about 0.64 em. */
const DIGIT_EM = 0.64;

describe("a chart's axes on the stage", () => {
  it('are as wide, in characters, as in the lab: "2000" fits at 24 px, as it does at the lab size', () => {
    const textPx = stageTextPx(1080);
    const spec = stageChartSpec(THROUGHPUT_CHART, textPx);
    const rate = spec.axes.find((axis) => axis.id === 'rate')!;
    const labRate = THROUGHPUT_CHART.axes.find((axis) => axis.id === 'rate')!;
    expect(rate.width / textPx).toBeCloseTo(labRate.width / LAB_TICK_PX, 1);
    // Four digits and the tick mark's room (about 10 px) fit.
    expect(rate.width).toBeGreaterThanOrEqual(4 * DIGIT_EM * textPx + 10);
  });

  it('keeps everything else of the chart, gives it the stage text size, and never narrows an axis', () => {
    const spec = stageChartSpec(ELD_CHART, stageTextPx(768));
    expect({ ...spec, axes: [] }).toEqual({ ...ELD_CHART, axes: [], stageTextPx: 20 });
    expect(spec.axes.map((axis) => axis.tick)).toEqual(ELD_CHART.axes.map((axis) => axis.tick));
    expect(stageChartSpec(ELD_CHART, 8).axes[0]!.width).toBe(ELD_CHART.axes[0]!.width);
  });
});
