// Quitting: the engine is disposed once, before the app quits, even when disposal hangs or fails.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createShutdown } from './shutdown';

describe('shutdown', () => {
  test('disposes, then quits, once however often it is asked', async () => {
    const steps: string[] = [];
    let release!: () => void;
    const shutdown = createShutdown({
      dispose: () => {
        steps.push('dispose');
        return new Promise<void>((resolve) => (release = resolve));
      },
      quit: () => steps.push('quit'),
      log: () => undefined,
    });
    assert.equal(shutdown.started, false);
    const first = shutdown.begin('quit');
    const second = shutdown.begin('SIGINT');
    assert.equal(first, second);
    assert.equal(shutdown.started, true);
    assert.equal(shutdown.disposed, false, 'a quit during disposal must still be prevented');
    assert.deepEqual(steps, ['dispose']);
    release();
    await first;
    assert.equal(shutdown.disposed, true);
    assert.deepEqual(steps, ['dispose', 'quit']);
  });

  test('quits anyway when disposal times out, and says so', async () => {
    const logs: string[] = [];
    let quits = 0;
    const shutdown = createShutdown({
      dispose: () => new Promise<void>(() => undefined),
      quit: () => quits++,
      timeoutMs: 20,
      log: (m) => logs.push(m),
    });
    await shutdown.begin('SIGTERM');
    assert.equal(quits, 1);
    assert.match(logs[0] ?? '', /did not stop within 20 ms \(SIGTERM\)/);
  });

  test('quits anyway when disposal fails, and says why', async () => {
    const logs: string[] = [];
    let quits = 0;
    const shutdown = createShutdown({
      dispose: async () => {
        throw new Error('cluster primary gone');
      },
      quit: () => quits++,
      log: (m) => logs.push(m),
    });
    await shutdown.begin('quit');
    assert.equal(quits, 1);
    assert.equal(shutdown.disposed, true);
    assert.match(logs[0] ?? '', /cluster primary gone/);
  });
});
