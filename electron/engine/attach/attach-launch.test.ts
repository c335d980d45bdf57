import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, describe, it } from 'node:test';
import type { CommandResult } from '../../../shared/lab-api';
import { LabEngine } from '../lab-engine';
import { descendants, record } from '../testing/harness';
import { assertNothingLeft } from '../testing/leak-check';
import { LAB_AGENT } from './testing/fixtures';

after(() => assertNothingLeft());

const quiet = { output: { to: 'ignore' as const }, agentPath: LAB_AGENT };

/** The one error of a refused command. */
function onlyError(result: CommandResult): { field: string; message: string } {
  assert.equal(result.ok, false, JSON.stringify(result));
  assert.ok(!result.ok);
  assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
  return result.errors[0];
}

/** Attaches with `payload` on a fresh engine; returns the answer, what was emitted, and the state after. */
async function attach(payload: unknown, options: Parameters<LabEngine['attach']>[1] = quiet) {
  const engine = new LabEngine();
  const rec = record(engine);
  try {
    const result = await engine.attach(payload, options);
    return { result, rec, state: engine.getState() };
  } finally {
    await engine.dispose();
  }
}

describe('attach refuses what it cannot run, and leaves nothing', () => {
  it('a payload that is not a command, a folder that is not one: errors naming the field, nothing changes', async () => {
    for (const [payload, field] of [
      [{ command: [] }, 'command'],
      [{ command: 'node app.js' }, 'command'],
      [{ command: ['node'], cwd: 'relative/dir' }, 'cwd'],
      [{ command: ['node'], cwd: '/no/such/folder/anywhere' }, 'cwd'],
      [{ command: ['node'], cwd: LAB_AGENT }, 'cwd'],
      [{ command: ['node'], extra: 1 }, 'extra'],
    ] as const) {
      const { result, rec, state } = await attach(payload);
      assert.equal(onlyError(result).field, field, JSON.stringify(payload));
      assert.equal(rec.events.length + rec.ticks.length + rec.summaries.length, 0, 'nothing emitted');
      assert.ok(state.ok && !state.running && state.attached === undefined);
    }
  });

  it('a program that does not exist: an error naming it, before anything stops', async () => {
    const engine = new LabEngine();
    const rec = record(engine);
    try {
      await engine.start({ strategy: 'worker-pool', poolSize: 1, rate: 5, intervalMs: 100 });
      const error = onlyError(await engine.attach({ command: ['no-such-program-4c1d', 'x'] }, quiet));
      assert.equal(error.field, 'command');
      assert.match(error.message, /no-such-program-4c1d/);
      const state = engine.getState();
      assert.ok(state.ok && state.running, 'the run goes on');
      assert.equal(rec.events.filter((e) => e.event === 'run-stopped').length, 0);
      const missingFile = onlyError(await engine.attach({ command: ['./not-here.js'], cwd: tmpdir() }, quiet));
      assert.match(missingFile.message, /not-here\.js/);
    } finally {
      await engine.dispose();
    }
  });

  it('a lab agent that is not built: an error saying so', async () => {
    const { result } = await attach({ command: ['node', '-e', '0'] }, { output: { to: 'ignore' }, agentPath: '/no/such/agent.js' });
    assert.match(onlyError(result).message, /agent is not built/);
  });

  it('a command that exits at once: an error naming it and its exit code, nothing emitted, nothing left', async () => {
    const { result, rec, state } = await attach({ command: [process.execPath, '-e', 'process.exit(4)'] });
    const error = onlyError(result);
    assert.equal(error.field, 'command');
    assert.match(error.message, /exited with code 4/);
    assert.ok(error.message.includes(process.execPath), error.message);
    assert.equal(rec.events.length + rec.ticks.length + rec.summaries.length, 0);
    assert.ok(state.ok && !state.running);
    assert.deepEqual(descendants(process.pid), []);
  });

  it('a command that is not Node: the not-a-Node-app error once no hello came, and its whole group ended', async () => {
    const { result, rec } = await attach({ command: ['sh', '-c', 'sleep 30 & sleep 30'] }, { ...quiet, helloTimeoutMs: 1_500 });
    const error = onlyError(result);
    assert.match(error.message, /no Node\.js process of sh -c 'sleep 30 & sleep 30' reported/);
    assert.match(error.message, /not one or ignores NODE_OPTIONS/);
    assert.equal(rec.events.length, 0);
    assert.deepEqual(descendants(process.pid), [], 'the shell and both sleeps are gone');
  });

  it('a Stop while the app has not reported yet: the launch ends at once, and the app with it', async () => {
    const engine = new LabEngine();
    try {
      const attaching = engine.attach({ command: ['sleep', '30'] }, quiet);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const stopped = await engine.stop();
      assert.ok(stopped.ok && !stopped.running);
      assert.match(onlyError(await attaching).message, /Stop came/);
      assert.deepEqual(descendants(process.pid), []);
    } finally {
      await engine.dispose();
    }
  });
});
