import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../shared/run-config';
import { STRATEGY_LABELS } from '../theme/palette';
import { switchLabel } from './switch-label';

describe('a switch on the timeline', () => {
  it('is named by where the work goes when the strategy changes', () => {
    const config = { ...defaultConfig(), strategy: 'worker-pool' as const };
    expect(switchLabel({ from: 'main-thread', to: 'worker-pool', changed: ['strategy'], config })).toBe(`→ ${STRATEGY_LABELS['worker-pool']}`);
    expect(switchLabel({ from: null, to: 'worker-pool', changed: [], config })).toBe(`→ ${STRATEGY_LABELS['worker-pool']}`);
  });

  it('is named by the setting that needed new units when the strategy stays', () => {
    const config = { ...defaultConfig(), strategy: 'worker-pool' as const, payload: 'transfer' as const };
    expect(switchLabel({ from: 'worker-pool', to: 'worker-pool', changed: ['payload'], config })).toBe('↻ payload transfer');
  });

  it('falls back on the strategy for an older recording that does not say what changed', () => {
    const config = { ...defaultConfig(), strategy: 'worker-pool' as const };
    expect(switchLabel({ from: 'worker-pool', to: 'worker-pool', config })).toBe(`→ ${STRATEGY_LABELS['worker-pool']}`);
  });
});
