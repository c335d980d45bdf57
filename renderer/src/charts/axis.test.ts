import { describe, expect, it } from 'vitest';
import { healthCheckUnit } from './axis';

describe('chart units', () => {
  it('the health chart says how often the host is checked, when the tick says', () => {
    expect(healthCheckUnit(800)).toBe('ms · timeouts · a check every 800 ms');
    expect(healthCheckUnit(200)).toBe('ms · timeouts · a check every 200 ms');
    // A recording made before ticks carried it.
    expect(healthCheckUnit(undefined)).toBe('ms · timeouts');
  });
});
