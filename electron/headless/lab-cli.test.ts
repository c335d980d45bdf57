import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { EXPERIMENTS } from '../../shared/experiments/catalog';
import type { Verdict } from '../../shared/experiments/types';
import type { LabMessage, Summary, Tick } from '../../shared/messages';
import { alive, descendants, invariantHolds, waitFor } from '../engine/testing/harness';

const CLI = join(__dirname, 'lab-cli.js');

describe('headless CLI', () => {
  it('a --plan run through all five strategies prints NDJSON, keeps the invariant and leaves no process behind', async () => {
    const child = spawn(
      process.execPath,
      [CLI, '--workload', 'fib', '--size', '22', '--rate', '60', '--interval', '100', '--duration', '5.5',
        '--plan', 'main-thread@0,worker-per-task@1,worker-pool@2,child-process@3,cluster@4', '--json'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const seen = new Set<number>();
    const watch = setInterval(() => descendants(child.pid as number).forEach((pid) => seen.add(pid)), 100);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(watch);
    assert.equal(code, 0);
    const messages = out.trim().split('\n').map((line) => JSON.parse(line) as LabMessage);
    const ticks = messages.filter((m): m is Tick => m.type === 'tick');
    const summary = messages.at(-1) as Summary;
    assert.equal(summary.type, 'summary');
    assert.ok(ticks.length > 20);
    assert.ok(ticks.every((t) => invariantHolds(t.jobs)));
    assert.deepEqual([...new Set(ticks.map((t) => t.strategy))], ['main-thread', 'worker-per-task', 'worker-pool', 'child-process', 'cluster']);
    assert.equal(summary.unitsAlive, 0);
    assert.ok(seen.size >= 4, `saw ${seen.size} child processes`);
    // An ended process is reaped a moment later, longer on a busy machine: wait for it, with a deadline.
    await waitFor(() => [...seen].filter(alive).length === 0, 5_000, 'every process the CLI started to end').catch(() => undefined);
    assert.deepEqual([...seen].filter(alive), [], 'every process the CLI started has ended');
  });

  it('a run that ends with a queue counts those jobs as cancelled, not failed: "jobs.failed==0" holds', () => {
    // One thread against 1,000 fib(30) jobs a second (each takes milliseconds): the queue at the end is certain
    // by rate against job length, whatever the machine's speed or load.
    const run = spawnSync(
      process.execPath,
      [CLI, '--strategy', 'main-thread', '--workload', 'fib', '--size', '30', '--rate', '1000', '--duration', '1', '--threshold', 'jobs.failed==0', '--threshold', 'jobs.cancelled>0'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const line = /summary: (\d+) completed, (\d+) failed, (\d+) dropped, (\d+) cancelled \(queued at the stop\) of (\d+)/.exec(run.stdout);
    assert.ok(line, run.stdout);
    const [completed, failed, dropped, cancelled, submitted] = line.slice(1).map(Number);
    assert.equal(failed, 0);
    assert.ok(cancelled > 0, `cancelled ${cancelled}`);
    assert.equal(submitted, completed + failed + dropped + cancelled);
  });

  it('Ctrl-C stops cleanly: the CLI exits and every process it started is gone', async () => {
    const child = spawn(process.execPath, [CLI, '--strategy', 'cluster', '--workload', 'fib', '--size', '22', '--rate', '50'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const deadline = Date.now() + 15_000;
    let workers: number[] = [];
    while (workers.length < 2 && Date.now() < deadline) {
      await sleep(100);
      workers = descendants(child.pid as number);
    }
    assert.ok(workers.length >= 2, 'cluster workers started');
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    assert.match(out, /summary: .* completed/);
    await waitFor(() => workers.filter(alive).length === 0, 5_000, 'the cluster workers to end').catch(() => undefined);
    assert.deepEqual(workers.filter(alive), []);
  });

  for (const [label, args] of [
    ['forked processes', ['--strategy', 'child-process', '--child-mode', 'fork']],
    ['cluster workers', ['--strategy', 'cluster']],
    ['spawned programs', ['--strategy', 'child-process', '--child-mode', 'spawn', '--workload', 'io-wait', '--size', '20000', '--concurrency', '2']],
    ['forked processes stuck in a job', ['--strategy', 'child-process', '--fault', 'hang', '--fault-every', '1', '--concurrency', '2']],
  ] as const) {
    it(`no ${label} survive the host being killed with SIGKILL`, async () => {
      const child = spawn(process.execPath, [CLI, ...args, '--interval', '100'], { stdio: ['ignore', 'ignore', 'inherit'] });
      const deadline = Date.now() + 15_000;
      let units: number[] = [];
      while (units.length < 2 && Date.now() < deadline) {
        await sleep(100);
        units = descendants(child.pid as number);
      }
      assert.ok(units.length >= 2, `${label} started`);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('exit', resolve));
      // They notice their channel (IPC, or stdin for one-shot programs) closing and leave on their own.
      const gone = Date.now() + 5_000;
      while (units.some(alive) && Date.now() < gone) await sleep(100);
      assert.deepEqual(units.filter(alive), [], 'orphans left behind');
    });
  }

  it('--experiment runs a short experiment and prints its verdict, with numbers per segment, before the summary', async () => {
    // At about a third of its length (4.2 s): ticks enough in each segment, even when the pool is slow to start.
    const child = spawn(process.execPath, [CLI, '--experiment', 'main-thread-blocks', '--time-scale', '0.35', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    const lines = out.trim().split('\n').map((line) => JSON.parse(line) as { type: string } & Record<string, unknown>);
    assert.equal(lines.at(-1)?.type, 'summary');
    const verdict = lines.at(-2) as unknown as Verdict & { type: string };
    assert.equal(verdict.type, 'verdict');
    assert.equal(verdict.experiment, 'main-thread-blocks');
    assert.ok([true, false, null].includes(verdict.holds));
    for (const segment of ['main', 'pool']) assert.ok(Number.isFinite(verdict.measured[segment]['host-eld-p99.median']), `${segment}: ${JSON.stringify(verdict.measured)}`);
    assert.match(verdict.expected, /host event-loop delay p99/);
    assert.ok(verdict.why.length > 0);
    assert.equal(verdict.machine.node, process.version);
    assert.ok(verdict.machine.cores >= 1);
    // The plan switched to the pool, and ticks came from both segments.
    assert.deepEqual([...new Set(lines.filter((m) => m.type === 'tick').map((m) => m.strategy))], ['main-thread', 'worker-pool']);
    assert.equal((lines.at(-1) as unknown as Summary).unitsAlive, 0);
  });

  it('--experiments --json prints one line per experiment of the catalog', () => {
    const result = spawnSync(process.execPath, [CLI, '--experiments', '--json'], { encoding: 'utf8' });
    assert.equal(result.status, 0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; id: string; claims: number[]; durationS: number });
    assert.deepEqual(lines.map((l) => l.id), EXPERIMENTS.map((e) => e.id));
    assert.ok(lines.every((l) => l.type === 'experiment' && l.claims.length > 0 && l.durationS <= 30));
  });

  const badOptions: Array<[string[], RegExp]> = [
    [['--strategy', 'threads'], /--strategy: must be one of main-thread, worker-per-task, worker-pool, child-process, cluster/],
    [['--size', '99'], /--size: for fib must be an integer between 1 and 40/],
    [['--pool-size', '0'], /--pool-size: must be an integer between 1 and 64/],
    [['--rate', 'fast'], /--rate: "fast" is not a number/],
    [['--payload', 'mail'], /--payload: must be one of clone, transfer, shared/],
    [['--plan', 'main-thread@0,warp@3'], /--plan: "warp" is not a strategy/],
    [['--rate', '5', '--concurrency', '3'], /choose one/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--fault', 'meteor'], /--fault: must be one of none, throw, exit, hang, oom/],
    [['--memory-limit', '8'], /--memory-limit: must be 0 \(no limit\) or an integer between 16 and 16384/],
    [['--timeout=-1'], /--timeout: must be an integer between 0 and 600000/],
    [['--inject', 'explode@3'], /--inject: "explode@3" is not understood/],
    [['--strategy', 'cluster', '--plan', 'main-thread@0,worker-pool@0.5'], /--plan: the step at 0 s \(main-thread\) and --strategy cluster disagree/],
    [['--fault', 'oom'], /--memory-limit: must be set \(16 to 16384 MiB\) when fault is oom/],
    [['--experiment', 'warp-drive'], /--experiment: "warp-drive" is not an experiment; known: main-thread-blocks, /],
  ];
  for (const [args, message] of badOptions) {
    it(`rejects ${args.join(' ')} with exit code 2`, () => {
      const result = spawnSync(process.execPath, [CLI, ...args, '--duration', '1'], { encoding: 'utf8' });
      assert.equal(result.status, 2);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    });
  }

  // Each of these once started a run (a time past setTimeout's range fires at once; '' read as 0; hex read as
  // a number) or printed its error twice. No --duration: a time is then bounded by 24 h, and a run the CLI
  // wrongly starts would go on until the timeout ends it.
  const refusedOnce: Array<[string[], string]> = [
    [['--plan', 'worker-pool@1e7'], '--plan'],
    [['--inject', 'crash@3000000'], '--inject'],
    [['--plan', 'worker-pool@'], '--plan'],
    [['--inject', 'crash@'], '--inject'],
    [['--size', '0x1f'], '--size'],
    [['--rate', ' 7'], '--rate'],
    [['--drain', '1e20'], '--drain'],
  ];
  for (const [args, option] of refusedOnce) {
    it(`refuses ${args.join(' ')} with exit code 2 and one error naming ${option}`, () => {
      const result = spawnSync(process.execPath, [CLI, ...args, '--json'], { encoding: 'utf8', timeout: 15_000 });
      assert.equal(result.status, 2, `stdout: ${result.stdout.slice(0, 300)}`);
      assert.equal(result.stdout, '');
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.ok(lines[0].startsWith(`${option}: `), result.stderr);
    });
  }

  it('--help lists every option with its default and range', () => {
    const result = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    assert.equal(result.status, 0);
    for (const option of ['--strategy', '--workload', '--size', '--rate', '--concurrency', '--pool-size', '--payload', '--interval', '--duration', '--plan', '--json']) {
      assert.ok(result.stdout.includes(option), option);
    }
    assert.match(result.stdout, /fib 1\.\.40 n \(default 31\)/);
  });
});
