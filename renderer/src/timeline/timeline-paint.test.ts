import { describe, expect, it } from 'vitest';
import { timeGridStep } from './timeline-paint';

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
