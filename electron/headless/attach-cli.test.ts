import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppExitedEvent, LabMessage, Summary, Tick } from '../../shared/messages';
import { waitFor } from '../engine/testing/harness';
import { readRecording } from './recording/recording-cli';

const CLI = join(__dirname, 'lab-cli.js');
const dir = mkdtempSync(join(tmpdir(), 'nclab-attach-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The app the tests attach to: an HTTP server that loads itself (a request every 20 ms, one in ten answered
 * 500), says so on stdout and stderr, and, given a time and a code, exits with that code after that time.
 * Its argv carries a marker unique to the test run, so `pgrep -f` finds every process of it that is left.
 */
const FIXTURE = join(dir, 'fixture-server.js');
writeFileSync(
  FIXTURE,
  `const http = require('node:http');
let served = 0;
const server = http.createServer((req, res) => {
  res.statusCode = ++served % 10 === 0 ? 500 : 200;
  res.end('ok');
});
server.listen(0, '127.0.0.1', () => {
  console.log('fixture: listening on stdout');
  console.error('fixture: listening on stderr');
  const agent = new http.Agent({ keepAlive: true });
  setInterval(() => http.get({ host: '127.0.0.1', port: server.address().port, path: '/', agent }, (res) => res.resume()).on('error', () => undefined), 20);
});
const [exitAfterMs, code] = process.argv.slice(3).map(Number);
if (exitAfterMs > 0) setTimeout(() => process.exit(code), exitAfterMs);
`,
);

const marker = () => `nclab-fixture-${randomBytes(6).toString('hex')}`;

/** Pids of processes whose command line has `text` (none left is what a test wants). */
function running(text: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', text], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when it finds none.
  }
}

/** Runs the CLI to its end: exit code, stdout, stderr. */
function runLab(args: string[], timeoutMs = 90_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

/** Every stdout line as JSON: the test fails on a line that is not. */
function ndjson(stdout: string): LabMessage[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      try {
        return JSON.parse(line) as LabMessage;
      } catch {
        throw new Error(`stdout has a line that is not JSON: ${line.slice(0, 200)}`);
      }
    });
}

/** Waits until no process with `text` in its command line is left (reaping takes a moment on a busy machine). */
async function noneLeft(text: string): Promise<void> {
  await waitFor(() => running(text).length === 0, 10_000, `every process of ${text} to end`).catch(() => undefined);
  assert.deepEqual(running(text), [], `processes of ${text} left running`);
}

describe('npm run lab -- --attach: bad options', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--attach'], /^--attach: needs the command to run after "--"/],
    [['--', 'node', FIXTURE], /^a command after "--" is run only with --attach/],
    [['--attach', '--cwd', join(dir, 'missing'), '--', 'node', FIXTURE], /^--cwd: no such folder: /],
    [['--attach', '--strategy', 'cluster', '--', 'node', FIXTURE], /^--strategy: does not apply to an attached run: the app decides how it runs its work/],
    [['--attach', '--workload', 'fib', '--experiment', 'main-thread-blocks', '--', 'node', FIXTURE], /^--workload, --experiment: do not apply to an attached run/],
  ];
  for (const [args, message] of cases) {
    it(`${args.slice(0, 3).join(' ')}…: exit code 2, the message on stderr, nothing on stdout, nothing started`, () => {
      const tag = marker();
      // The marker goes into the command, where there is one.
      const result = spawnSync(process.execPath, [CLI, ...args, ...(args.includes('--') ? [tag] : [])], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
      assert.deepEqual(running(tag), []);
    });
  }

  it('a command that cannot start: exit code 2 with the engine naming the command', async () => {
    const program = `nclab-no-such-program-${randomBytes(4).toString('hex')}`;
    const result = await runLab(['--attach', '--json', '--', program, '--flag']);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(program));
    assert.equal(result.stdout, '');
  });
});

describe('npm run lab -- --attach: a run', () => {
  it('--json --duration: NDJSON on stdout only, the app on stderr, the app stopped at the end, nothing left', async () => {
    const tag = marker();
    const record = join(dir, 'attached.nclab.jsonl');
    const result = await runLab(['--attach', '--json', '--duration', '4', '--interval', '200', '--record', record, '--threshold', 'host.eld.p99<100000', '--threshold', 'app.processes>0', '--', 'node', FIXTURE, tag]);
    assert.equal(result.code, 0, result.stderr);
    const messages = ndjson(result.stdout);
    assert.doesNotMatch(result.stdout, /fixture: listening/, "the app's output stays off stdout");
    assert.match(result.stderr, /fixture: listening on stdout/);
    assert.match(result.stderr, /fixture: listening on stderr/);

    const ticks = messages.filter((m): m is Tick => m.type === 'tick');
    assert.ok(ticks.length >= 3, `${ticks.length} ticks`);
    assert.ok(ticks.every((tick) => tick.strategy === 'attached' && tick.app !== undefined));
    assert.ok(ticks.some((tick) => tick.app?.processes.some((p) => p.root && p.agent)), 'the app\'s first process, with the agent');
    const started = messages.find((m) => m.type === 'event' && m.event === 'run-started');
    assert.ok(started && started.type === 'event' && started.event === 'run-started' && started.attached?.command.includes(tag));
    const exited = messages.find((m): m is AppExitedEvent => m.type === 'event' && m.event === 'app-exited');
    assert.ok(exited?.byLab, 'the lab ended the app at the end of --duration');

    const thresholds = messages.find((m) => (m as { type: string }).type === 'thresholds') as unknown as { results: Array<{ passed: boolean }> };
    assert.deepEqual(thresholds.results.map((r) => r.passed), [true, true]);
    // The summary, then the thresholds judged on the run.
    assert.deepEqual(messages.slice(-2).map((m) => (m as { type: string }).type), ['summary', 'thresholds']);
    const summary = messages.at(-2) as Summary;
    assert.ok(summary.attached?.exit?.byLab, 'the summary says how the app ended');
    assert.deepEqual(summary.attached.command, ['node', FIXTURE, tag]);
    assert.ok(summary.attached.processesSeen >= 1);
    assert.equal(summary.unitsAlive, 0);

    const read = readRecording(record);
    assert.ok(read.ok, read.ok ? '' : read.error);
    assert.equal(read.recording.ticks.length, ticks.length);
    assert.deepEqual(read.recording.summary?.attached?.exit, summary.attached.exit);
    const report = spawnSync(process.execPath, [CLI, '--report', record], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(report.status, 0, report.stderr);
    assert.match(report.stdout, /attached run of .*\n.*\n {2}command: node .*fixture-server\.js nclab-fixture-/);
    await noneLeft(tag);
  });

  it('an app that exits on its own ends the run: exit code 0, its code in the summary, nothing left', async () => {
    const tag = marker();
    const result = await runLab(['--attach', '--interval', '200', '--', 'node', FIXTURE, tag, '2500', '3']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\d+\.\ds attached +host eld p99 .* processes +\d+ +threads +\d+ +http /m, 'the per-second line shows processes, threads and HTTP');
    assert.match(result.stdout, /\nattached: node \S*fixture-server\.js nclab-fixture-\S+ 2500 3 \(in /);
    assert.match(result.stdout, /\napp: exited with code 3 \(exit code 3, signal none\)/);
    await noneLeft(tag);
  });

  it('Ctrl-C stops the app\'s whole group and the CLI exits 0 with the summary', async () => {
    const tag = marker();
    const child = spawn(process.execPath, [CLI, '--attach', '--json', '--interval', '200', '--', 'node', FIXTURE, tag], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.resume();
    const deadline = Date.now() + 30_000;
    while (!stdout.includes('"type":"tick"') && Date.now() < deadline) await sleep(100);
    assert.ok(stdout.includes('"type":"tick"'), 'a tick came');
    assert.ok(running(tag).length > 0, 'the app runs');
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    const summary = ndjson(stdout).at(-1) as Summary;
    assert.equal(summary.type, 'summary');
    assert.ok(summary.attached?.exit?.byLab);
    await noneLeft(tag);
  });
});
