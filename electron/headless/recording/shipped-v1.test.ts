import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ticksCsv, TICK_COLUMNS, unitsCsv } from '../../../shared/recording/export-csv';
import { parseRecording } from '../../../shared/recording/parse';
import { buildReport } from '../../../shared/recording/report';

/**
 * The rehearsal recordings the app shipped in nclab/1, kept as they were when the shipped ones were recorded again
 * in nclab/2 (with the timeline's busy slices): real v1 files, the converter's test (read from the source tree:
 * from out/electron/headless/recording/ at test time).
 */
const SHIPPED = join(__dirname, '..', '..', '..', '..', 'electron', 'headless', 'recording', 'testing', 'v1');
const SHIPPED_FILES = ['main-thread-blocks.nclab.jsonl', 'worker-per-task-vs-pool.nclab.jsonl', 'cluster-slow-handler.nclab.jsonl'];
const CLI = join(__dirname, '..', 'lab-cli.js');
const dir = mkdtempSync(join(tmpdir(), 'nclab-v1-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function openShipped(file: string) {
  const text = readFileSync(join(SHIPPED, file), 'utf8');
  assert.match(text.slice(0, 200), /"format":"nclab\/1"/, `${file} is a v1 recording`);
  const parsed = parseRecording(text, file);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return { text, recording: parsed.recording };
}

/** What the test reads of a tick as the v1 file has it. */
interface RawTick {
  jobs: { latency: unknown; throughput: number };
  health: { latency: unknown } | null;
}

const allZero = (value: unknown) => typeof value === 'object' && value !== null && Object.values(value).every((v) => v === 0);

describe('the shipped nclab/1 rehearsals open, report and export through the converter', () => {
  for (const file of SHIPPED_FILES) {
    it(`${file}: v1's zero placeholders read as null, measured figures as written`, () => {
      const { text, recording } = openShipped(file);
      const rawTicks = text.split('\n').filter((line) => line.startsWith('{"type":"tick"')).map((line) => JSON.parse(line) as RawTick);
      assert.equal(recording.ticks.length, rawTicks.length);
      for (const [i, tick] of recording.ticks.entries()) {
        const raw = rawTicks[i];
        // A job latency of zeros was an interval that completed no job: null now; a measured one is kept.
        if (allZero(raw.jobs.latency)) assert.equal(tick.jobs.latency, null, `tick ${tick.t}`);
        else assert.deepEqual(tick.jobs.latency, raw.jobs.latency);
        assert.equal(tick.jobs.throughput, raw.jobs.throughput, 'throughput 0 is a measurement and stays');
        assert.ok(tick.host.eld === null || !allZero(tick.host.eld), `tick ${tick.t}: no all-zero host delay`);
        for (const unit of tick.units) assert.ok(unit.eld === null || !allZero(unit.eld), `tick ${tick.t} ${unit.id}: no all-zero unit delay`);
        if (tick.health && tick.health.answered === 0) assert.equal(tick.health.latency, null, `tick ${tick.t}: no check answered`);
        if (tick.health && tick.health.answered > 0) assert.deepEqual(tick.health.latency, raw.health?.latency);
      }
      assert.ok(recording.summary, 'the summary is read');
    });
  }

  it('main-thread-blocks: ticks that completed no job have latency null, through the report and the CSV', () => {
    const { recording } = openShipped('main-thread-blocks.nclab.jsonl');
    const idle = recording.ticks.filter((tick) => tick.jobs.throughput === 0);
    assert.ok(idle.length > 0, 'the rehearsal has ticks with no job completed');
    assert.ok(idle.every((tick) => tick.jobs.latency === null));
    assert.ok(recording.ticks.some((tick) => tick.units.some((u) => u.eld === null && u.state !== 'starting')), "a unit's all-zero delay became null");

    const report = buildReport(recording);
    assert.ok(report.figures['latency.p99'] !== null && report.figures['host.eld.p99'] !== null, 'the run measured both');
    assert.ok(report.segments.every((s) => s.latencyP99 === null || s.latencyP99 > 0), 'a median of ticks skips the nulls, never reads 0');

    const rows = ticksCsv(recording).trim().split('\n');
    const column = (name: (typeof TICK_COLUMNS)[number]) => TICK_COLUMNS.indexOf(name);
    assert.equal(rows.length, recording.ticks.length + 1);
    for (const tick of idle) {
      const cells = rows[recording.ticks.indexOf(tick) + 1].split(',');
      assert.equal(cells.length, TICK_COLUMNS.length);
      assert.equal(cells[column('latency_p50_ms')], '', `tick ${tick.t}: latency cell empty`);
      assert.equal(cells[column('latency_p99_ms')], '');
      assert.equal(cells[column('throughput_jobs_per_s')], '0', 'throughput 0 is written');
    }
    assert.ok(unitsCsv(recording).split('\n').length > 1);
  });

  it('the CLI reports and exports a shipped v1 recording: a dash for nothing measured, empty CSV cells', () => {
    const file = join(SHIPPED, 'main-thread-blocks.nclab.jsonl');
    const lab = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
    const report = lab('--report', file, '--threshold', 'host.eld.p99>0');
    assert.equal(report.status, 0, report.stderr);
    assert.match(report.stdout, /threshold host\.eld\.p99>0: passed/);
    const csv = join(dir, 'blocks.csv');
    assert.equal(lab('--export', 'csv', '--from', file, '--out', csv).status, 0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((row) => row.split(','));
    const latency = TICK_COLUMNS.indexOf('latency_p99_ms');
    const throughput = TICK_COLUMNS.indexOf('throughput_jobs_per_s');
    assert.ok(rows.some((row) => row[throughput] === '0' && row[latency] === ''), 'a tick with no job completed: throughput 0, latency empty');
    assert.ok(rows.every((row) => row[latency] !== '0'), 'never a latency of 0');
    assert.equal(lab('--export', 'trace', '--from', file, '--out', join(dir, 'blocks.trace.json')).status, 0);
  });
});
