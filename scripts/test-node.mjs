#!/usr/bin/env node
// Runs the Node tests with Node's own runner, one file at a time, and fails a run whose report stops moving.
//
// Why not `--test-force-exit`: on Node 20 it can exit a file's process before that file's report is written out,
// so tests that ran vanish from the report and nothing counts a failure (cli-args.test.js reported 41 or 44 of
// its 45 tests in 3 runs of 20 here; nodejs/node#54327). Without it, a file whose tests leave a handle open never
// exits and the runner would wait for it forever (it once held CI past 90 minutes); Node's runner has no limit
// on that, so this watchdog is one: when no test has been reported for longer than a test may take, it names the
// file still running, ends every process of the run and exits 1.
//
// node scripts/test-node.mjs [--quiet-limit-s S] [--test-option=value ...] [path ...]   (paths default to out/)
// Any other `--option` goes to `node --test` as it is (e.g. --test-name-pattern=health): give its value after `=`.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The longest one test may take (ms), as Node's runner is told; the watchdog allows a minute more. */
const TEST_TIMEOUT_MS = 300_000;

/** This script's own option, the options passed on to `node --test`, and the paths. */
function parseCommandLine(argv) {
  const parsed = { quietLimitText: undefined, passOn: [], paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quiet-limit-s') parsed.quietLimitText = argv[++i];
    else if (arg.startsWith('--quiet-limit-s=')) parsed.quietLimitText = arg.slice('--quiet-limit-s='.length);
    else if (arg.startsWith('--')) parsed.passOn.push(arg);
    else parsed.paths.push(arg);
  }
  return parsed;
}

const { quietLimitText, passOn, paths: given } = parseCommandLine(process.argv.slice(2));
const quietLimitMs = quietLimitText !== undefined ? Number(quietLimitText) * 1_000 : TEST_TIMEOUT_MS + 60_000;
if (!(quietLimitMs > 0)) {
  console.error(`--quiet-limit-s: must be a positive number of seconds, not ${JSON.stringify(quietLimitText ?? '')}`);
  process.exit(2);
}
const paths = given.length > 0 ? given : ['out/'];

// The terminal gets the spec report; a TAP copy in a file is what the watchdog watches grow.
const reportDir = mkdtempSync(join(tmpdir(), 'lab-test-node-'));
const tap = join(reportDir, 'report.tap');
const args = [
  '--test',
  '--test-concurrency=1',
  `--test-timeout=${TEST_TIMEOUT_MS}`,
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tap}`,
  ...passOn,
  ...paths,
];
// Its own process group, so a hang ends the runner and every process it started in one signal; this script
// passes on the signals it gets and ends the group when it exits (only a SIGKILL of this script escapes that).
// No stdin: the tests never read it. Always the top-level runner: a NODE_TEST_CONTEXT inherited from a runner
// above would make it report in that one's format.
const { NODE_TEST_CONTEXT: _above, ...env } = process.env;
const runner = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true, env });

/** The test files the runner's processes are running now, from their command lines (`ps`; none named without it). */
function filesRunning() {
  try {
    const lines = execFileSync('ps', ['-o', 'args=', '--ppid', String(runner.pid)], { encoding: 'utf8' });
    return lines.match(/\S+\.test\.[cm]?js\b/g) ?? [];
  } catch {
    return [];
  }
}

const endGroup = (signal) => {
  try {
    process.kill(-runner.pid, signal);
  } catch {
    // Already gone.
  }
};

/**
 * How many test results (`ok N` / `not ok N` lines, at any depth) the TAP copy has gained since the last read: a
 * file's own output also lands in the report (as `#` lines), and a hung file that keeps printing is still hung.
 */
const results = { offset: 0, partial: '' };
const buffer = Buffer.alloc(1 << 16);
function newResults() {
  let fd;
  try {
    fd = openSync(tap, 'r');
  } catch {
    return 0; // Not written yet.
  }
  let count = 0;
  try {
    for (let read = readSync(fd, buffer, 0, buffer.length, results.offset); read > 0; read = readSync(fd, buffer, 0, buffer.length, results.offset)) {
      results.offset += read;
      const lines = (results.partial + buffer.toString('utf8', 0, read)).split('\n');
      results.partial = lines.pop() ?? '';
      count += lines.filter((line) => /^\s*(not )?ok \d+/.test(line)).length;
    }
  } finally {
    closeSync(fd);
  }
  return count;
}

let movedAt = Date.now();
let hung = false;
const watchdog = setInterval(() => {
  if (newResults() > 0) {
    movedAt = Date.now();
    return;
  }
  if (Date.now() - movedAt < quietLimitMs || hung) return;
  hung = true;
  const files = filesRunning();
  console.error(
    `\ntest-node: no test reported for ${Math.round((Date.now() - movedAt) / 1_000)} s, longer than a test may take: ` +
      `${files.length > 0 ? files.join(', ') : 'a test file'} is still running. A file whose tests are done but left a timer, ` +
      'socket or process open never exits; every process of the run is ended now.',
  );
  endGroup('SIGKILL');
}, Math.min(5_000, quietLimitMs / 4));

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => endGroup(signal));
process.on('exit', () => {
  if (runner.exitCode === null && runner.signalCode === null) endGroup('SIGKILL');
});

runner.on('exit', (code, signal) => {
  clearInterval(watchdog);
  rmSync(reportDir, { recursive: true, force: true });
  process.exitCode = hung ? 1 : (code ?? (signal ? 1 : 0));
});
