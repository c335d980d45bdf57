import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../shared/run-config';
import { settingChangeLabel } from './switch-label';

describe('a switch on the timeline', () => {
  it('is left to the strategy\'s name when the strategy changes', () => {
    const config = { ...defaultConfig(), strategy: 'worker-pool' as const };
    expect(settingChangeLabel({ from: 'main-thread', to: 'worker-pool', changed: ['strategy'], config })).toBeNull();
    expect(settingChangeLabel({ from: null, to: 'worker-pool', changed: [], config })).toBeNull();
  });

  it('is named by the setting that needed new units when the strategy stays', () => {
    const config = { ...defaultConfig(), strategy: 'worker-pool' as const, payload: 'transfer' as const };
    expect(settingChangeLabel({ from: 'worker-pool', to: 'worker-pool', changed: ['payload'], config })).toBe('↻ payload transfer');
  });

  it('falls back on the strategy for an older recording that does not say what changed', () => {
    const config = { ...defaultConfig(), strategy: 'worker-pool' as const };
    expect(settingChangeLabel({ from: 'worker-pool', to: 'worker-pool', config })).toBeNull();
  });
});
