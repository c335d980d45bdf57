import { describe, expect, it } from 'vitest';
import { healthCheckUnit, VALUE_FORMATTERS } from './axis';

describe('chart units', () => {
  it('the health chart says how often the host is checked, when the tick says', () => {
    expect(healthCheckUnit(800)).toBe('ms · timeouts · a check every 800 ms');
    expect(healthCheckUnit(200)).toBe('ms · timeouts · a check every 200 ms');
    // A recording made before ticks carried it.
    expect(healthCheckUnit(undefined)).toBe('ms · timeouts');
  });

  it('a tooltip writes each value in its series unit, and a missing value as a dash, never as 0', () => {
    expect(VALUE_FORMATTERS.jobs(12)).toBe('12 jobs');
    expect(VALUE_FORMATTERS['timed out'](2)).toBe('2 timed out');
    expect(VALUE_FORMATTERS.ms(null)).toBe('–');
    expect(VALUE_FORMATTERS['jobs/s'](undefined)).toBe('–');
  });
});
