import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../shared/lab-api';
import { FakeLab, fakeClock } from '../testing/fake-lab';
import { createLabStore } from './store';

/** A host that offers one module by name, as browser mode with --workloads does. */
class OfferingLab extends FakeLab {
  async workloads(): Promise<CommandResult> {
    this.calls.push({ command: 'workloads' });
    return { ...(await this.getState()), workloads: ['blur.mjs'] } as CommandResult;
  }

  async useWorkload(payload?: unknown): Promise<CommandResult> {
    this.calls.push({ command: 'useWorkload', payload });
    const name = (payload as { name?: string }).name;
    if (name !== 'blur.mjs') return { ok: false, errors: [{ field: 'name', message: 'is not an offered workload file; offered: blur.mjs' }] };
    const state = await this.configure({ workloadFile: '/srv/workloads/blur.mjs', size: 300 });
    return { ...state, workloads: ['blur.mjs'] } as CommandResult;
  }
}

describe('store: your own workload', () => {
  it('keeps the names the host offers, runs one by name, and reports a refusal', async () => {
    const lab = new OfferingLab();
    const store = createLabStore({ api: lab, now: fakeClock().now });
    await store.getState().listWorkloads();
    expect(store.getState().workloadFiles).toEqual(['blur.mjs']);
    await store.getState().pickWorkload('blur.mjs');
    expect(lab.calls.at(-2)).toEqual({ command: 'useWorkload', payload: { name: 'blur.mjs' } });
    expect(store.getState().config.workload).toBe('custom');
    expect(store.getState().config.workloadFile).toBe('/srv/workloads/blur.mjs');
    const refused = await store.getState().pickWorkload('other.mjs');
    expect(refused.ok).toBe(false);
    expect(store.getState().config.workloadFile).toBe('/srv/workloads/blur.mjs');
  });

  it('a host without the commands offers nothing and says so when asked to run a module', async () => {
    const store = createLabStore({ api: new FakeLab(), now: fakeClock().now });
    expect((await store.getState().listWorkloads()).ok).toBe(true);
    expect(store.getState().workloadFiles).toEqual([]);
    const result = await store.getState().pickWorkload();
    expect(result.ok).toBe(false);
  });
});
