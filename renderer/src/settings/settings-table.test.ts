import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../shared/run-config';
import { SETTINGS, settingsShown } from './settings-table';

const labels = (panel: 'toolbar' | 'run' | 'faults', config = defaultConfig()) => settingsShown(panel, config).map((s) => s.label);

describe('the settings table', () => {
  it('the toolbar shows what a run is, in order: the rate in the open loop and the concurrency in the closed one', () => {
    expect(labels('toolbar', { ...defaultConfig(), loadMode: 'open' })).toEqual(['size', 'load', 'rate', 'pool size']);
    expect(labels('toolbar', { ...defaultConfig(), loadMode: 'closed' })).toEqual(['size', 'load', 'concurrency', 'pool size']);
  });

  it('the settings panel shows the other run settings, then the faults and limits', () => {
    expect(labels('run')).toEqual(['payload', 'child mode']);
  });

  it('the faults panel shows the fault and limit settings in order', () => {
    expect(labels('faults')).toEqual(['fault', 'fault every', 'job timeout', 'memory limit', 'retry', 'max queue', 'interval']);
  });

  it('each setting has its own key and test id', () => {
    expect(new Set(SETTINGS.map((s) => s.key)).size).toBe(SETTINGS.length);
    expect(new Set(SETTINGS.map((s) => s.testId)).size).toBe(SETTINGS.length);
  });

  it('a setting says when it has no effect, and its range and unit follow the config', () => {
    const find = (key: string) => SETTINGS.find((s) => s.key === key);
    const config = { ...defaultConfig(), workload: 'fib' as const, fault: 'none' as const, strategy: 'main-thread' as const };
    expect(find('faultEvery')?.inactiveWhen?.(config)).toBe(true);
    expect(find('payload')?.inactiveWhen?.(config)).toBe(true);
    const size = find('size');
    const poolSize = find('poolSize');
    expect(size?.kind === 'number' && size.range(config)).toMatchObject({ min: 1, max: 40 });
    expect(size?.kind === 'number' && size.hint(config)).toBe('n · 1–40');
    expect(poolSize?.kind === 'number' && poolSize.hint(config)).toBe('unused by main-thread');
  });
});
