import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LabSession } from './lab-session';
import { LabEngine } from '../engine/lab-engine';
import { LAB_AGENT } from '../engine/attach/testing/fixtures';

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

describe('attach through the session', () => {
  const ATTACH_REFUSED = 'attaching runs a command on this machine; this host does not allow it. Start browser mode with npm run web -- --allow-attach';

  it('is refused, with the way to allow it, on a host that does not allow it (the default), whatever the payload', async () => {
    const engine = new LabEngine();
    const session = new LabSession(engine);
    try {
      for (const payload of [{ command: ['node', 'app.js'] }, { command: [] }, undefined]) {
        const { result } = await session.dispatch({ id: 1, command: 'attach', payload });
        assert.deepEqual(result, { ok: false, errors: [{ field: 'command', message: ATTACH_REFUSED }] });
      }
      const { result: state } = await session.dispatch({ id: 2, command: 'getState' });
      assert.ok(state.ok && state.canAttach === false && !state.running);
    } finally {
      await engine.dispose();
    }
  });

  it('runs the app where allowed: getState says so, start and configure are refused while it runs, stop ends it', async () => {
    const engine = new LabEngine();
    const session = new LabSession(engine, undefined, { allowAttach: true, attach: { agentPath: LAB_AGENT, output: { to: 'ignore' } } });
    try {
      const { result: bad } = await session.dispatch({ id: 1, command: 'attach', payload: { command: ['node'], cwd: 'not/absolute' } });
      assert.ok(!bad.ok && bad.errors[0].field === 'cwd');
      const command = [process.execPath, '-e', 'setInterval(() => {}, 1000)'];
      const { result } = await session.dispatch({ id: 2, command: 'attach', payload: { command } });
      assert.ok(result.ok && result.running, JSON.stringify(result));
      assert.deepEqual(result.attached?.command, command);
      const { result: state } = await session.dispatch({ id: 3, command: 'getState' });
      assert.ok(state.ok && state.canAttach === true && state.running && state.attached?.command[0] === process.execPath);
      for (const [name, payload, field] of [
        ['start', { strategy: 'cluster' }, 'strategy'],
        ['configure', { poolSize: 3 }, 'strategy'],
        ['crash', {}, 'command'],
      ] as const) {
        const { result: refused } = await session.dispatch({ id: 4, command: name, payload });
        assert.deepEqual(refused, { ok: false, errors: [{ field, message: 'an attached run: the app decides how its work runs; Stop it first' }] }, name);
      }
      const { result: stopped } = await session.dispatch({ id: 5, command: 'stop' });
      assert.ok(stopped.ok && !stopped.running && stopped.attached === undefined);
    } finally {
      await engine.dispose();
    }
  });
});
