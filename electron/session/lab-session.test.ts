import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LabSession } from './lab-session';
import { LabEngine } from '../engine/lab-engine';

describe('command dispatch', () => {
  it('reports one error per field even when a value breaks several of its checks', async () => {
    const engine = new LabEngine();
    const session = new LabSession(engine);
    try {
      // 1e20 is past both the safe-integer check of an integer setting and its range; -1.5 is neither an
      // integer nor in range.
      const { result } = await session.dispatch({ id: 1, command: 'configure', payload: { drainMs: 1e20, poolSize: -1.5 } });
      assert.equal(result.ok, false);
      assert.deepEqual(!result.ok && result.errors, [
        { field: 'poolSize', message: 'must be an integer between 1 and 64' },
        { field: 'drainMs', message: 'must be an integer between 0 and 120000' },
      ]);
    } finally {
      await engine.dispose();
    }
  });

  it('answers `machine` with the state and the facts of the machine, as browser mode outside Electron', async () => {
    const engine = new LabEngine();
    const session = new LabSession(engine);
    try {
      const { id, result } = await session.dispatch({ id: 3, command: 'machine' });
      assert.equal(id, 3);
      assert.ok(result.ok && result.machine);
      assert.equal(result.machine.host, 'browser');
      assert.equal(result.machine.electron, null);
      assert.ok(result.machine.cores >= 1 && result.machine.memoryBytes > 0 && result.machine.node.startsWith('v'));
    } finally {
      await engine.dispose();
    }
  });
});
