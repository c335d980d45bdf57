import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { SoakLine } from './soak-output';

const run = promisify(execFile);

describe('npm run soak -- --chaos (half a minute)', () => {
  it('kills from outside, keeps the invariant, loses no job, leaves nothing alive, and ends with one soak line', { timeout: 180_000 }, async () => {
    const soak = join(__dirname, 'soak.js');
    const { stdout, code } = await run(process.execPath, ['--expose-gc', soak, '--chaos', '--minutes', '0.5', '--json', '--seed', '11'], { maxBuffer: 16 * 1024 * 1024 }).then(
      ({ stdout }) => ({ stdout, code: 0 }),
      (error: { stdout: string; code: number }) => ({ stdout: error.stdout, code: error.code }),
    );
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 1, 'stdout holds only the soak line');
    const line = JSON.parse(lines[0]) as SoakLine;
    assert.equal(line.type, 'soak');
    assert.equal(line.invariant.brokenTicks, 0);
    assert.equal(line.invariant.brokenSummaries, 0);
    assert.equal(line.jobsLost, 0);
    assert.equal(line.unitsLeftAlive, 0);
    assert.equal(line.threadsLeft, 0);
    assert.ok(line.kills, 'kills are counted');
    assert.equal(typeof line.kills.sigkill, 'number');
    assert.equal(line.memoryJudged, false, 'half a minute is too short to judge memory');
    // The exit code is the verdict.
    assert.equal(code, line.ok ? 0 : 1, line.failures.join('; '));
  });

  it('refuses a bad option, naming it, with exit code 2', async () => {
    const soak = join(__dirname, 'soak.js');
    await assert.rejects(run(process.execPath, [soak, '--minutes', 'x']), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /--minutes: a number of minutes above 0 and at most 1440, not x/);
      return true;
    });
  });
});
