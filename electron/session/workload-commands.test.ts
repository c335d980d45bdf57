import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LabSession } from './lab-session';
import { LabEngine } from '../engine/lab-engine';
import { folderCatalog, pickedCatalog } from './workload-catalog';

/** A folder offered by `--workloads`: two modules, a file that is not one, a subfolder, and a module beside it. */
const base = mkdtempSync(join(tmpdir(), 'lab-workloads-'));
const dir = join(base, 'offered');
mkdirSync(join(dir, 'sub.mjs'), { recursive: true });
writeFileSync(join(dir, 'double.mjs'), 'export const name = "double";\nexport default (size) => size * 2;\n');
writeFileSync(join(dir, 'triple.js'), 'export default (size) => size * 3;\n');
writeFileSync(join(dir, 'notes.txt'), 'not offered\n');
writeFileSync(join(base, 'outside.mjs'), 'export default () => 1;\n');
after(() => rmSync(base, { recursive: true, force: true }));

describe('workload modules offered to a page are chosen by name, never by path', () => {
  it('a folder offers its .mjs and .js files, sorted, and nothing below or beside it', async () => {
    const catalog = folderCatalog(dir);
    assert.deepEqual(await catalog.list(), ['double.mjs', 'triple.js']);
    assert.equal(await catalog.resolve('double.mjs'), join(dir, 'double.mjs'));
    for (const name of ['../outside.mjs', 'notes.txt', 'sub.mjs', join(dir, 'double.mjs'), '']) assert.equal(await catalog.resolve(name), null, name);
  });

  it('useWorkload by name runs the module; the answer carries the config and the offered names', async () => {
    const engine = new LabEngine();
    try {
      const { result } = await new LabSession(engine, folderCatalog(dir)).dispatch({ id: 1, command: 'useWorkload', payload: { name: 'double.mjs' } });
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.config.workload, 'custom');
      assert.equal(result.config.workloadFile, join(dir, 'double.mjs'));
      assert.equal(result.config.workloadModule?.name, 'double');
      assert.deepEqual(result.workloads, ['double.mjs', 'triple.js']);
      const listed = await new LabSession(engine, folderCatalog(dir)).dispatch({ id: 2, command: 'workloads' });
      assert.ok(listed.result.ok && listed.result.workloads?.length === 2);
    } finally {
      await engine.dispose();
    }
  });

  it('a name not offered, a path, or a page-sent workloadFile is refused and changes nothing', async () => {
    const engine = new LabEngine();
    try {
      const refusals = [
        { command: 'useWorkload', payload: { name: '../outside.mjs' } },
        { command: 'useWorkload', payload: { name: join(base, 'outside.mjs') } },
        { command: 'useWorkload', payload: { file: '/etc/passwd' } },
        { command: 'configure', payload: { workloadFile: join(base, 'outside.mjs') } },
        { command: 'start', payload: { workloadFile: join(base, 'outside.mjs') } },
        // Browser mode has no file dialog: a name is required.
        { command: 'useWorkload', payload: {} },
      ];
      for (const [i, request] of refusals.entries()) {
        const { result } = await new LabSession(engine, folderCatalog(dir)).dispatch({ id: i, ...request });
        assert.equal(result.ok, false, JSON.stringify(request));
      }
      const { result: notOffered } = await new LabSession(engine, folderCatalog(dir)).dispatch({ id: 9, command: 'useWorkload', payload: { name: 'x.mjs' } });
      assert.deepEqual(!notOffered.ok && notOffered.errors, [{ field: 'name', message: 'is not an offered workload file; offered: double.mjs, triple.js' }]);
      const state = engine.getState();
      assert.ok(state.ok && state.config.workload === 'fib' && !state.running);
    } finally {
      await engine.dispose();
    }
  });

  it('the desktop picks a file in a dialog; a cancelled dialog changes nothing', async () => {
    const engine = new LabEngine();
    let answer: string | null = null;
    const catalog = pickedCatalog(async () => answer);
    try {
      const cancelled = await new LabSession(engine, catalog).dispatch({ id: 1, command: 'useWorkload' });
      assert.ok(cancelled.result.ok && cancelled.result.config.workload === 'fib' && cancelled.result.workloads?.length === 0);
      answer = join(base, 'outside.mjs');
      const picked = await new LabSession(engine, catalog).dispatch({ id: 2, command: 'useWorkload' });
      assert.ok(picked.result.ok && picked.result.config.workloadFile === answer);
      assert.deepEqual(picked.result.workloads, ['outside.mjs']);
      // Picked once, it is offered by name from then on.
      await new LabSession(engine, catalog).dispatch({ id: 3, command: 'configure', payload: { workload: 'fib' } });
      const again = await new LabSession(engine, catalog).dispatch({ id: 4, command: 'useWorkload', payload: { name: 'outside.mjs' } });
      assert.ok(again.result.ok && again.result.config.workloadFile === answer);
    } finally {
      await engine.dispose();
    }
  });
});
