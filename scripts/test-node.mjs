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
// node scripts/test-node.mjs [--quiet-limit-s S] [path ...]   (paths default to out/)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/** The longest one test may take (ms), as Node's runner is told; the watchdog allows a minute more. */
const TEST_TIMEOUT_MS = 300_000;
const { values, positionals } = parseArgs({ options: { 'quiet-limit-s': { type: 'string' } }, allowPositionals: true });
const quietLimitMs = values['quiet-limit-s'] !== undefined ? Number(values['quiet-limit-s']) * 1_000 : TEST_TIMEOUT_MS + 60_000;
if (!(quietLimitMs > 0)) {
  console.error(`--quiet-limit-s: must be a positive number of seconds, not ${JSON.stringify(values['quiet-limit-s'])}`);
  process.exit(2);
}
const paths = positionals.length > 0 ? positionals : ['out/'];

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
  ...paths,
];
// Its own process group, so a hang ends the runner and every process it started in one signal. Always the
// top-level runner: a NODE_TEST_CONTEXT inherited from a runner above would make it report in that one's format.
const { NODE_TEST_CONTEXT: _above, ...env } = process.env;
const runner = spawn(process.execPath, args, { stdio: 'inherit', detached: true, env });

/** The direct children of `pid` on Linux (elsewhere none are named). */
function childrenOf(pid) {
  try {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((entry) => {
        try {
          // Field 4 of /proc/PID/stat is the parent; the name (field 2) may hold spaces, so read after its ')'.
          return Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === pid;
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

/** The test files the runner's processes are running now, by their command lines. */
function filesRunning() {
  return childrenOf(runner.pid).flatMap((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => /\.test\.[cm]?js$/.test(arg));
    } catch {
      return [];
    }
  });
}

const endGroup = (signal) => {
  try {
    process.kill(-runner.pid, signal);
  } catch {
    // Already gone.
  }
};

let reportSize = 0;
let movedAt = Date.now();
let hung = false;
const watchdog = setInterval(() => {
  let size = 0;
  try {
    size = statSync(tap).size;
  } catch {
    // Not written yet.
  }
  if (size !== reportSize) {
    reportSize = size;
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

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => endGroup(signal));

runner.on('exit', (code, signal) => {
  clearInterval(watchdog);
  rmSync(reportDir, { recursive: true, force: true });
  process.exitCode = hung ? 1 : (code ?? (signal ? 1 : 0));
});
