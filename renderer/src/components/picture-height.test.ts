import { describe, expect, it } from 'vitest';
import { pictureChartHeight } from './picture-height';

describe('the delay chart at the top of the main view', () => {
  it('keeps its own 270 px up to a 720-line window, grows with taller ones, and stops at 460 px', () => {
    expect(pictureChartHeight(600)).toBe(270);
    expect(pictureChartHeight(720)).toBe(274);
    expect(pictureChartHeight(900)).toBe(342);
    expect(pictureChartHeight(1080)).toBe(410);
    expect(pictureChartHeight(1440)).toBe(460);
  });
});
