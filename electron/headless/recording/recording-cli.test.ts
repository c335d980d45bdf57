import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TraceFile } from '../../../shared/recording/export-trace';
import { readRecording } from './recording-cli';

const CLI = join(__dirname, '..', 'lab-cli.js');
const dir = mkdtempSync(join(tmpdir(), 'nclab-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const lab = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('recordings on the CLI', () => {
  const file = join(dir, 'base.nclab.jsonl');
  let printed: unknown[] = [];

  it('--record keeps exactly what the run sent, header first, and --threshold gates the run', () => {
    const run = lab('--strategy', 'worker-pool', '--workload', 'fib', '--size', '22', '--rate', '30', '--duration', '2', '--json', '--record', file, '--threshold', 'jobs.failed==0', '--threshold', 'units.alive==0');
    assert.equal(run.status, 0, run.stderr);
    printed = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown);
    const read = readRecording(file);
    assert.ok(read.ok, read.ok ? '' : read.error);
    const { recording } = read;
    assert.equal(recording.header.config.strategy, 'worker-pool');
    assert.equal(recording.header.machine.host, 'cli');
    assert.ok(recording.header.machine.cores >= 1 && recording.header.machine.kernel.length > 0);
    const sent = printed.filter((m) => ['tick', 'event', 'summary'].includes((m as { type: string }).type));
    assert.deepEqual([...recording.ticks, ...recording.events, recording.summary].length, sent.length);
    assert.deepEqual(recording.ticks, sent.filter((m) => (m as { type: string }).type === 'tick'));
    const thresholds = printed.find((m) => (m as { type: string }).type === 'thresholds') as { results: Array<{ passed: boolean }> };
    assert.deepEqual(thresholds.results.map((r) => r.passed), [true, true]);
  });

  it('--report prints the figures, two compare, and a failed threshold exits 1', () => {
    const report = lab('--report', file, '--json');
    assert.equal(report.status, 0, report.stderr);
    const body = JSON.parse(report.stdout) as { type: string; figures: Record<string, number>; segments: unknown[] };
    assert.equal(body.type, 'report');
    assert.ok(body.figures['jobs.completed'] > 0 && body.segments.length === 1);
    const compared = lab('--report', file, '--report', file);
    assert.equal(compared.status, 0);
    assert.match(compared.stdout, /jobs\.completed\s+\d+\s+\d+\s+0/);
    const failed = lab('--report', file, '--threshold', 'jobs.completed<1');
    assert.equal(failed.status, 1);
    assert.match(failed.stdout, /threshold jobs\.completed<1: FAILED/);
  });

  it('bad files and bad thresholds exit 2 with the file, the line or the figure named', () => {
    const notRecording = join(dir, 'notes.txt');
    writeFileSync(notRecording, 'hello\n');
    const broken = join(dir, 'broken.nclab.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(broken, [lines[0], lines[1], '{oops', ...lines.slice(2)].join('\n'));
    const cases: Array<[string[], RegExp]> = [
      [['--report', join(dir, 'missing.nclab.jsonl')], /missing\.nclab\.jsonl: no such file/],
      [['--report', notRecording], /notes\.txt line 1: not valid JSON/],
      [['--report', broken], /broken\.nclab\.jsonl line 3: not valid JSON/],
      [['--report', file, '--threshold', 'warp.speed<1'], /"warp.speed" is not a figure of a run; known: /],
      [['--export', 'pdf', '--from', file, '--out', join(dir, 'x')], /--export: "pdf" is not a format; use csv or trace/],
      [['--export', 'csv', '--from', file], /--out: needs a file name/],
    ];
    for (const [args, error] of cases) {
      const result = lab(...args);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, error);
    }
  });

  it('--export writes CSV (per tick and per unit) and a trace that parse, with the right counts', () => {
    const read = readRecording(file);
    assert.ok(read.ok);
    const csv = join(dir, 'base.csv');
    assert.equal(lab('--export', 'csv', '--from', file, '--out', csv).status, 0);
    assert.equal(readFileSync(csv, 'utf8').trim().split('\n').length, read.recording.ticks.length + 1);
    assert.ok(statSync(join(dir, 'base.units.csv')).size > 0);
    const trace = join(dir, 'base.trace.json');
    assert.equal(lab('--export', 'trace', '--from', file, '--out', trace).status, 0);
    const parsed = JSON.parse(readFileSync(trace, 'utf8')) as TraceFile;
    // One counter value per tick that sampled the host's loop (a tick that did not, null, has none).
    assert.equal(parsed.traceEvents.filter((e) => e.name === 'host event-loop delay (ms)').length, read.recording.ticks.filter((t) => t.host.eld !== null).length);
  });

  it('a run killed mid-way leaves a recording that opens, reports and exports up to its last whole line, saying its end is torn', async () => {
    const killed = join(dir, 'killed.nclab.jsonl');
    const child = spawn(process.execPath, [CLI, '--strategy', 'main-thread', '--workload', 'fib', '--size', '20', '--rate', '20', '--interval', '50', '--record', killed], { stdio: 'ignore' });
    for (let i = 0; i < 200; i++) {
      await sleep(50);
      const read = readRecording(killed);
      if (read.ok && read.recording.ticks.length >= 5) break;
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const read = readRecording(killed);
    assert.ok(read.ok, read.ok ? '' : read.error);
    assert.ok(read.recording.ticks.length >= 5);
    assert.equal(read.recording.summary, null);
    assert.ok(read.recording.warnings.some((warning) => /its end is torn/.test(warning)));
    // Everything a whole recording offers works on it, with the warning said.
    const report = lab('--report', killed);
    assert.equal(report.status, 0, report.stderr);
    assert.match(report.stdout, /warning: .*its end is torn/);
    assert.match(report.stdout, /jobs completed/);
    const csv = join(dir, 'killed.csv');
    const exported = lab('--export', 'csv', '--from', killed, '--out', csv);
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stderr, /its end is torn/);
    assert.equal(readFileSync(csv, 'utf8').trim().split('\n').length, read.recording.ticks.length + 1);
  });
});
