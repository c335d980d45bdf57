import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast';
import { CHART_PALETTES, type ChartPalette } from './palette';

/** The palette's entries that are drawn as lines, marks or text on the chart's background. */
const DRAWN: ReadonlyArray<keyof ChartPalette> = ['axis', 'eldP50', 'eldP99', 'eldMax', 'gc', 'throughput', 'latencyP50', 'latencyP99', 'startup', 'queued', 'inFlight', 'crash', 'injected', 'timeout', 'killed', 'external'];

describe('chart colours read on a washed-out projector', () => {
  it('WCAG contrast: black on white is 21, a colour on itself 1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#3dd6b5', '#3dd6b5')).toBe(1);
  });

  for (const [theme, palette] of Object.entries(CHART_PALETTES)) {
    it(`every series of the ${theme} theme is at least 3:1 against its background`, () => {
      const weak = DRAWN.filter((key) => contrastRatio(palette[key], palette.background) < 3).map((key) => `${key} ${contrastRatio(palette[key], palette.background).toFixed(2)}`);
      expect(weak).toEqual([]);
    });
  }

  it("every series of the stage's (dark) theme is at least 3:1 against the stage's black", () => {
    const weak = DRAWN.filter((key) => contrastRatio(CHART_PALETTES.dark[key], '#000000') < 3);
    expect(weak).toEqual([]);
  });
});
