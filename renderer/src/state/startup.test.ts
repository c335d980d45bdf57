import { describe, expect, it } from 'vitest';
import { makeTick } from '../testing/fake-lab';
import { startupCaption, startupOf } from './startup';

describe('startupOf', () => {
  it('takes the engine’s startup of the interval as it is, with the tick’s time in seconds', () => {
    const tick = { ...makeTick(4_200), startup: { p50: 33, p99: 47, max: 48, count: 5 } };
    expect(startupOf(tick)).toEqual({ p50: 33, p99: 47, max: 48, count: 5, t: 4.2 });
  });

  it('is null for an interval in which no unit became ready', () => {
    expect(startupOf(makeTick(4_200))).toBeNull();
  });
});

describe('startupCaption', () => {
  const startup = { p50: 33, p99: 47, max: 48, count: 4, t: 10 };
  it('says how many units the figure covers, and that it is current', () => {
    expect(startupCaption(startup, 10.4)).toBe('4 units · now');
    expect(startupCaption({ ...startup, count: 1 }, 10)).toBe('1 unit · now');
  });

  it('says how old the figure is once newer ticks measured none (a pool between switches)', () => {
    expect(startupCaption(startup, 22.3)).toBe('4 units · 12 s ago');
  });
});
