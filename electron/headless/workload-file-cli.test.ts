import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { RecordingHeader } from '../../shared/recording/format';
import type { LabMessage, Summary } from '../../shared/messages';

const CLI = join(__dirname, 'lab-cli.js');
/** The repository's root (tests run from out/electron/headless): paths are given relative to it, as a user would. */
const root = join(__dirname, '..', '..', '..');

const lab = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('npm run lab -- --workload-file', () => {
  it('refuses a bad module before any load starts, naming the file (exit code 2)', () => {
    const result = lab(['--workload-file', 'electron/engine/testing/workloads/no-default.mjs', '--duration', '5', '--json']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '', 'no run started: nothing printed');
    assert.match(result.stderr, new RegExp(`^workloadFile: ${join(root, 'electron/engine/testing/workloads/no-default.mjs').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: has no default export`));
  });

  it('runs an example, its results checked, and records its file and name in the header', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-custom-'));
    try {
      const file = join(dir, 'run.nclab.jsonl');
      const result = lab(['--workload-file', 'examples/blur.mjs', '--size', '40', '--rate', '20', '--duration', '1.5', '--json', '--record', file]);
      assert.equal(result.status, 0, result.stderr);
      const summary = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as LabMessage).at(-1) as Summary;
      assert.ok(summary.jobs.completed > 0, JSON.stringify(summary.jobs));
      assert.deepEqual(Object.keys(summary.failures), []);
      const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]) as RecordingHeader;
      assert.equal(header.config.workload, 'custom');
      assert.equal(header.config.workloadFile, join(root, 'examples', 'blur.mjs'));
      assert.equal(header.config.workloadModule?.name, 'box blur');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ticks carry the module\'s name beside workload custom, and the human lines and summary say it', () => {
    const json = lab(['--workload-file', 'examples/blur.mjs', '--size', '40', '--rate', '20', '--duration', '1.5', '--json']);
    assert.equal(json.status, 0, json.stderr);
    const ticks = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as LabMessage).filter((m) => m.type === 'tick');
    assert.ok(ticks.length > 0);
    for (const tick of ticks) {
      assert.equal(tick.workload, 'custom', 'the schema\'s value stays');
      assert.equal(tick.workloadName, 'box blur');
    }
    const human = lab(['--workload-file', 'examples/blur.mjs', '--size', '40', '--rate', '20', '--duration', '1.5']);
    assert.equal(human.status, 0, human.stderr);
    assert.match(human.stdout, /^\d+\.\ds worker-pool +box blur host eld/m);
    assert.doesNotMatch(human.stdout, / custom /);
    assert.match(human.stdout, /^workload: box blur \(blur\.mjs\), size 40 \(pixels a side\)$/m);
  });

  for (const strategy of ['main-thread', 'worker-pool', 'child-process'] as const) {
    it(`a module's own output goes to stderr, never into --json stdout (${strategy})`, () => {
      const result = lab(['--workload-file', 'electron/engine/testing/workloads/prints.mjs', '--strategy', strategy, '--size', '100', '--rate', '20', '--duration', '1.2', '--json']);
      assert.equal(result.status, 0, result.stderr);
      const lines = result.stdout.trim().split('\n');
      for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `not JSON on stdout: ${line}`);
      const summary = JSON.parse(lines.at(-1) as string) as LabMessage;
      assert.equal(summary.type, 'summary');
      assert.ok((summary as Summary).jobs.completed > 0);
      assert.match(result.stderr, /prints\.mjs: job of size 100/);
      assert.match(result.stderr, /prints\.mjs: a raw write/);
    });
  }
});
