import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { LabMessage, Summary, Tick } from '../../shared/messages';
import { RECORDING_FORMAT } from '../../shared/recording/format';
import { TICK_COLUMNS } from '../../shared/recording/export-csv';
import { readRecording } from './recording/recording-cli';

const CLI = join(__dirname, 'lab-cli.js');
const dir = mkdtempSync(join(tmpdir(), 'nclab-null-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const lab = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('the CLI: not measured is null, never 0', () => {
  const file = join(dir, 'no-job-done.nclab.jsonl');
  // Jobs that wait a minute, stopped after a second without a drain: no job completes in the whole run.
  const run = lab('--strategy', 'worker-pool', '--workload', 'io-wait', '--size', '60000', '--rate', '10', '--pool-size', '1', '--drain', '0', '--interval', '100', '--duration', '1', '--json', '--record', file);

  it('NDJSON: every tick and the summary carry latency null, throughput 0', () => {
    assert.equal(run.status, 0, run.stderr);
    const messages = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as LabMessage);
    const ticks = messages.filter((m): m is Tick => m.type === 'tick');
    assert.ok(ticks.length >= 2);
    assert.ok(ticks.every((t) => t.jobs.latency === null && t.jobs.throughput === 0));
    const summary = messages.find((m): m is Summary => m.type === 'summary');
    assert.equal(summary?.latency, null);
    assert.match(run.stdout.trim().split('\n').filter((line) => line.startsWith('{"type":"tick"')).at(-1) ?? '', /"latency":null/, 'the last tick line says null');
  });

  it('the recording is nclab/2 and carries the same nulls', () => {
    const read = readRecording(file);
    assert.ok(read.ok, read.ok ? '' : read.error);
    assert.equal(read.recording.header.format, RECORDING_FORMAT);
    assert.equal(RECORDING_FORMAT, 'nclab/2');
    assert.ok(read.recording.ticks.every((t) => t.jobs.latency === null));
    assert.equal(read.recording.summary?.latency, null);
  });

  it('--report shows a dash, and a threshold on the latency is skipped and says so; the run passes', () => {
    const report = lab('--report', file, '--threshold', 'latency.p99<100', '--threshold', 'jobs.failed>0');
    assert.equal(report.status, 0, report.stdout + report.stderr);
    assert.match(report.stdout, /latency\.p99\s+-\s/);
    assert.match(report.stdout, /threshold latency\.p99<100: latency\.p99: not measured in this run, skipped/);
    assert.match(report.stdout, /threshold jobs\.failed>0: passed/);
    const json = lab('--report', file, '--json', '--threshold', 'latency.p99<100');
    const thresholds = (JSON.parse(json.stdout) as { thresholds: Array<{ actual: number | null; passed: boolean; skipped: boolean }> }).thresholds;
    assert.deepEqual(thresholds.map(({ actual, passed, skipped }) => ({ actual, passed, skipped })), [{ actual: null, passed: true, skipped: true }]);
  });

  it('--export csv leaves the latency cells empty', () => {
    const csv = join(dir, 'no-job-done.csv');
    assert.equal(lab('--export', 'csv', '--from', file, '--out', csv).status, 0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((row) => row.split(','));
    assert.ok(rows.length >= 2);
    for (const row of rows) {
      assert.equal(row[TICK_COLUMNS.indexOf('latency_p99_ms')], '');
      assert.equal(row[TICK_COLUMNS.indexOf('throughput_jobs_per_s')], '0');
    }
  });
});
