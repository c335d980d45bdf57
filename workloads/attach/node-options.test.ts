import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ATTACH_ENV } from '../../shared/attach';
import { agentEntryPath, agentNodeOption, appendNodeOption } from './node-options';
import { FakeLab, plainEnv, waitFor } from './testing/fake-lab';

describe('the agent in NODE_OPTIONS', () => {
  it("is appended to the user's own options, or stands alone", () => {
    assert.equal(appendNodeOption(undefined, '--import="x"'), '--import="x"');
    assert.equal(appendNodeOption('  ', '--import="x"'), '--import="x"');
    assert.equal(appendNodeOption('--max-old-space-size=100 ', '--import="x"'), '--max-old-space-size=100 --import="x"');
  });

  it('names the agent by its file URL, quoted', () => {
    assert.equal(agentNodeOption('/a b/c%d#e/agent.js'), '--import="file:///a%20b/c%25d%23e/agent.js"');
    assert.equal(agentNodeOption(), `--import="${pathToFileURL(agentEntryPath()).href}"`);
  });

  it('loads the agent from a folder whose name has a space, a % and a #, through NODE_OPTIONS and on the command line', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'lab agent %20 #'));
    const lab = await FakeLab.start();
    try {
      // The built tree under that awkward name: the agent at <folder>/out/workloads/attach/agent.js.
      const out = join(__dirname, '../..');
      symlinkSync(out, join(folder, 'out'), 'dir');
      const agent = join(folder, 'out', relative(out, agentEntryPath()));
      const env = { ...plainEnv(), [ATTACH_ENV.port]: String(lab.port), [ATTACH_ENV.token]: 'test-token' };
      const script = "console.log('ran'); setTimeout(() => {}, 300)";
      const viaOptions = spawnSync(process.execPath, ['-e', script], { env: { ...env, NODE_OPTIONS: appendNodeOption('--max-old-space-size=200', agentNodeOption(agent)) }, encoding: 'utf8', timeout: 60_000 });
      const onCommandLine = spawnSync(process.execPath, [`--import=${pathToFileURL(agent).href}`, '-e', script], { env, encoding: 'utf8', timeout: 60_000 });
      for (const [how, run] of [['NODE_OPTIONS', viaOptions], ['command line', onCommandLine]] as const) {
        assert.deepEqual([run.status, run.stdout, run.stderr], [0, 'ran\n', ''], `through the ${how}`);
      }
      await waitFor(() => lab.hellos().length === 2, 60_000, 'a hello from each');
      assert.deepEqual(lab.hellos().map((h) => h.pid).sort(), [viaOptions.pid, onCommandLine.pid].sort());
    } finally {
      await lab.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
