import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { alive, waitFor } from '../testing/harness';
import { PROC_AVAILABLE, ProcScan, readStat } from './proc-scan';

describe('the /proc scan', { skip: !PROC_AVAILABLE && 'no /proc here: the scan finds nothing, by design' }, () => {
  it("finds a process group's members with their command, CPU and memory, and finds them gone after a kill", async () => {
    // A shell leading its own group, with two children.
    const shell = spawn('sh', ['-c', 'sleep 30 & sleep 30 & wait'], { detached: true, stdio: 'ignore' });
    const root = shell.pid as number;
    const exited = new Promise((resolve) => shell.once('exit', resolve));
    try {
      const scan = new ProcScan(root);
      await waitFor(() => scan.scan(true).alive.size === 3, 10_000, 'the shell and its two sleeps');
      const second = scan.scan(true);
      const readings = [...second.alive.values()];
      assert.deepEqual(readings.map((r) => r.pgid), [root, root, root], 'all in the shell group');
      assert.equal(readings.filter((r) => r.command === 'sleep 30').length, 2, readings.map((r) => r.command).join(' | '));
      assert.ok(readings.some((r) => r.pid === root && r.command.startsWith('sh -c')), 'the shell with its command line');
      assert.ok(readings.every((r) => r.rss > 0 && r.cpu !== null && r.cpu >= 0 && r.ppid > 0), 'memory and a CPU share on the second scan');
      assert.ok(readings.every((r) => Math.abs(r.startedAt - Date.now()) < 600_000), 'start times on the epoch clock');
      // A quick scan reads the known ones only, and says the same.
      assert.equal(scan.scan(false).alive.size, 3);

      process.kill(-root, 'SIGKILL');
      await exited;
      await waitFor(() => scan.remaining().length === 0, 10_000, 'nothing of the group left');
    } finally {
      if (alive(root)) process.kill(-root, 'SIGKILL');
    }
  });

  it('tells which known processes ended since the last scan', async () => {
    const child = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    const pid = child.pid as number;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const scan = new ProcScan(pid);
    assert.ok(scan.scan(true).alive.has(pid));
    child.kill('SIGKILL');
    await exited;
    const after = scan.scan(false);
    assert.equal(after.alive.size, 0);
    assert.deepEqual(after.ended.map((e) => e.pid), [pid]);
  });

  it('reads a process of its own with the fields it uses', () => {
    const stat = readStat(process.pid);
    assert.ok(stat);
    assert.equal(stat.pid, process.pid);
    assert.equal(stat.ppid, process.ppid);
    assert.ok(stat.cpuTicks >= 0 && stat.rssPages > 0 && stat.startTicks > 0);
    assert.equal(stat.exitStatus, null);
    assert.equal(readStat(2 ** 22 + 12345), null, 'a pid that does not exist');
  });
});
