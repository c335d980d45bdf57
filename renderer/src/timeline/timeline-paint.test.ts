import { describe, expect, it } from 'vitest';
import { scaledText, timeGridStep } from './timeline-paint';

describe('timeline time axis', () => {
  it('marks a short run every few seconds and the full window every 10 s', () => {
    expect(timeGridStep(12_000)).toBe(2_000);
    expect(timeGridStep(10_000)).toBe(2_000);
    expect(timeGridStep(25_000)).toBe(5_000);
    expect(timeGridStep(60_000)).toBe(10_000);
  });
  it('keeps a long comparison readable', () => {
    expect(timeGridStep(600_000)).toBe(120_000);
    expect(timeGridStep(1e9)).toBe(600_000);
  });
});

describe('timeline text on a stage', () => {
  it('draws text larger by the scale and leaves every other mark alone', () => {
    const calls: string[] = [];
    const painter = {
      rect: () => calls.push('rect'),
      line: () => calls.push('line'),
      polygon: () => calls.push('polygon'),
      text: (_x: number, _y: number, text: string, _color: string, size: number) => calls.push(`${text}@${size}`),
    };
    const scaled = scaledText(painter, 16 / 11);
    scaled.text(0, 0, '12 s', '#fff', 11);
    scaled.rect(0, 0, 1, 1, '#fff');
    expect(calls).toEqual(['12 s@16', 'rect']);
    expect(scaledText(painter, 1)).toBe(painter);
  });
});
