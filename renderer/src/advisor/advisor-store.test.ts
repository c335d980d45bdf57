import { describe, expect, it, vi } from 'vitest';
import { FakeLab } from '../testing/fake-lab';
import { CANCELLED_AFTER_MS, createAdvisorStore, progressShare } from './advisor-store';
import type { Advice } from '../../../shared/advisor/types';
import type { LabEvent } from '../../../shared/messages';

/** FakeLab with a way to send an event to its listeners. */
class EventLab extends FakeLab {
  private readonly listeners = new Set<(event: LabEvent) => void>();
  override onEvent(listener: (event: LabEvent) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  send(event: LabEvent) {
    for (const listener of this.listeners) listener(event);
  }
}

describe('advisor store', () => {
  it('sends the budget, follows the progress and keeps the advice', async () => {
    const lab = new EventLab();
    const store = createAdvisorStore(lab);
    store.getState().setBudget(30);
    await store.getState().start();
    expect(lab.calls.at(-1)).toEqual({ command: 'advise', payload: { budgetS: 30 } });
    expect(store.getState().status).toBe('running');
    lab.send({ type: 'event', t: 5, event: 'advisor-progress', progress: { done: 3, total: 10, current: { strategy: 'worker-pool', poolSize: 2 } } });
    expect(progressShare(store.getState().progress)).toBeCloseTo(0.35);
    const advice = { kind: 'io-bound', headline: 'I/O-bound', reasons: ['why'], cells: [] } as unknown as Advice;
    lab.send({ type: 'event', t: 9, event: 'advice', advice });
    expect(store.getState()).toMatchObject({ status: 'done', advice, progress: null });
    store.dispose();
  });

  it('takes a stop with no next cell after it as the advisor cancelled, but not the stops between its cells', async () => {
    vi.useFakeTimers();
    try {
      const lab = new EventLab();
      const store = createAdvisorStore(lab);
      await store.getState().start();
      const config = lab.config;
      lab.send({ type: 'event', t: 1, event: 'run-stopped', config });
      vi.advanceTimersByTime(100);
      lab.send({ type: 'event', t: 0, event: 'advisor-progress', progress: { done: 1, total: 10, current: { strategy: 'cluster', poolSize: 1 } } });
      vi.advanceTimersByTime(CANCELLED_AFTER_MS * 2);
      expect(store.getState().status).toBe('running');
      lab.send({ type: 'event', t: 2, event: 'run-stopped', config });
      vi.advanceTimersByTime(CANCELLED_AFTER_MS + 1);
      expect(store.getState()).toMatchObject({ status: 'idle', progress: null });
      store.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows why the engine refused a start, and stays idle', async () => {
    const lab = new EventLab();
    lab.advise = async () => ({ ok: false, errors: [{ field: 'budgetS', message: 'must be a number of seconds between 20 and 600' }] });
    const store = createAdvisorStore(lab);
    store.getState().setBudget(5);
    await store.getState().start();
    expect(store.getState()).toMatchObject({ status: 'idle', error: 'budget: must be a number of seconds between 20 and 600' });
  });
});
