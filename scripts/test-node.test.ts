/**
 * scripts/test-node.mjs, the Node tests' runner, run for real on test files written to a temp folder: every
 * test a file ran is reported (no forced exit cuts a report short), and a file that leaves a handle open fails
 * the run, named, instead of hanging it, with nothing of it left running.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

/** The repository (this file runs as out/scripts/test-node.test.js). */
const runnerScript = join(__dirname, '..', '..', 'scripts', 'test-node.mjs');
const temps: string[] = [];

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab-test-node-case-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function runTests(dir: string, quietLimitS: number) {
  return spawnSync(process.execPath, [runnerScript, '--quiet-limit-s', String(quietLimitS), dir], { encoding: 'utf8', timeout: 120_000 });
}

/** Whether `pid` runs (a zombie, killed and not yet reaped, does not). */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('the Node tests runner', () => {
  it('reports every test of every file, and exits 0 when all pass', () => {
    // Files of suites whose tests each do a little work: run alone under --test-force-exit, Node 20 dropped the
    // last suites of such a file from the report now and then (2 runs of 15 here; not in every setting, so this
    // does not pin that defect: it checks that the runner reports all that ran, and passes the paths it is given).
    const suite = (d: number) =>
      `describe('suite ${d}', () => {\n` +
      Array.from({ length: 12 }, (_, i) => `  it('test ${i} of suite ${d}', () => { JSON.stringify(Array.from({ length: 2000 }, (_, k) => ({ k }))); });`).join('\n') +
      '\n});\n';
    const file = `const { describe, it } = require('node:test');\n${[0, 1, 2, 3].map(suite).join('')}`;
    const dir = folderWith(Object.fromEntries(Array.from({ length: 6 }, (_, f) => [`suites-${f}.test.js`, file])));
    const run = runTests(dir, 60);
    assert.equal(run.status, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /tests 288\b/);
    assert.match(run.stdout, /pass 288\b/);
  });

  it('exits 1 when a test fails', () => {
    const dir = folderWith({ 'fails.test.js': `const { test } = require('node:test');\ntest('no', () => { throw new Error('planted'); });\n` });
    const run = runTests(dir, 60);
    assert.equal(run.status, 1, run.stderr + run.stdout);
    assert.match(run.stdout, /planted/);
  });

  it('fails a file that leaves a handle open, even one that keeps printing, names it, and ends its process', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'lab-test-node-pid-')), 'pid');
    temps.push(join(pidFile, '..'));
    const dir = folderWith({
      'fine.test.js': `const { test } = require('node:test');\ntest('fine', () => {});\n`,
      'leaves-a-timer.test.js':
        `const { test } = require('node:test');\nconst { writeFileSync } = require('node:fs');\n` +
        // Its output lands in the report too: only test results count as progress.
        `test('passes, then keeps its process alive', () => { writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => console.log('still here'), 500); });\n`,
    });
    const run = runTests(dir, 8);
    assert.equal(run.status, 1, run.stderr + run.stdout);
    assert.match(run.stderr, /leaves-a-timer\.test\.js is still running/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(pid > 0);
    // Killed, it may linger a moment as a zombie until the system reaps it.
    for (let waited = 0; alive(pid) && waited < 10_000; waited += 100) await sleep(100);
    assert.ok(!alive(pid), `the hung file's process ${pid} was ended`);
  });

  it("passes other options on to Node's runner", () => {
    const dir = folderWith({ 'two.test.js': `const { test } = require('node:test');\ntest('health one', () => {});\ntest('other', () => { throw new Error('not selected'); });\n` });
    const run = spawnSync(process.execPath, [runnerScript, '--test-name-pattern=health', dir], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /pass 1\b/);
  });

  it('refuses a quiet limit that is not a positive number, naming the option', () => {
    const run = spawnSync(process.execPath, [runnerScript, '--quiet-limit-s', 'soon'], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--quiet-limit-s: must be a positive number of seconds/);
  });
});
