import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, it } from 'node:test';
import { runSession } from './run-session';

const quickRun = (signal: AbortSignal, durationS: number | null) =>
  runSession({ config: { strategy: 'main-thread', workload: 'fib', size: 5, rate: 20 }, plan: [], durationS, signal, onMessage: () => {}, onRefused: () => {} });

describe('runSession and the caller\'s abort signal', () => {
  it('a run that ends at its deadline leaves no listener on a signal shared by the runs after it', async () => {
    const controller = new AbortController();
    for (let run = 0; run < 3; run++) {
      const result = await quickRun(controller.signal, 0.2);
      assert.equal(result.ok, true);
      assert.equal(getEventListeners(controller.signal, 'abort').length, 0, `after run ${run + 1}`);
    }
  });

  it('an aborted run ends at once and leaves no listener either', async () => {
    const controller = new AbortController();
    const running = quickRun(controller.signal, null);
    setTimeout(() => controller.abort(), 300);
    const result = await running;
    assert.equal(result.ok, true);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });
});
