import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ATTACHED_TICK_COLUMNS, TICK_COLUMNS } from '../../../shared/recording/export-csv';
import { attachedRecordingText, TICKS } from '../../../shared/recording/fake-attached-run';
import type { RunReport } from '../../../shared/recording/report';

const CLI = join(__dirname, '..', 'lab-cli.js');
const dir = mkdtempSync(join(tmpdir(), 'nclab-attached-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'app.nclab.jsonl');
writeFileSync(file, attachedRecordingText());

const lab = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('a recorded attached run on the CLI', () => {
  it('--report names the command and how the app ended, with its HTTP, processes, threads and refused connections', () => {
    const report = lab('--report', file);
    assert.equal(report.status, 0, report.stderr);
    const text = report.stdout;
    assert.match(text, /app\.nclab\.jsonl: attached run of 2026-12-07T12:00:00\.000Z/);
    assert.match(text, /command: node server\.js --port 0\n {2}in: \/srv\/app\n {2}app: exited with code 0 \(exit code 0, signal none\)/);
    for (const [figure, value] of [['http.requests', '400'], ['http.rps', '200'], ['http.p99', '9'], ['http.errors', '20'], ['app.processes', '3'], ['app.threads', '1'], ['app.refused', '1'], ['host.eld.p99', '5']]) {
      assert.match(text, new RegExp(`\\n {2}${figure.replace(/\./g, '\\.')}\\s+${value}\\s`), figure);
    }
    assert.match(text, /HTTP responses by status: 1xx 0, 2xx 380, 3xx 0, 4xx 0, 5xx 20, aborted 0/);
    assert.doesNotMatch(text, /jobs\.completed|per strategy segment/, "an attached run's jobs are its HTTP requests");
  });

  it('--report --json has the attached part and every figure', () => {
    const report = lab('--report', file, '--json');
    assert.equal(report.status, 0, report.stderr);
    const body = JSON.parse(report.stdout) as RunReport & { type: string };
    assert.equal(body.type, 'report');
    assert.deepEqual(body.attached?.command, ['node', 'server.js', '--port', '0']);
    assert.equal(body.figures['http.requests'], 400);
  });

  it('--threshold gates it on the host loop and the http and app figures', () => {
    const passed = lab('--report', file, '--threshold', 'host.eld.p99<50', '--threshold', 'http.p99<50', '--threshold', 'app.failed==0');
    assert.equal(passed.status, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, /threshold host\.eld\.p99<50: passed \(host\.eld\.p99 = 5\)/);
    const failed = lab('--report', file, '--threshold', 'http.errors==0');
    assert.equal(failed.status, 1);
    assert.match(failed.stdout, /threshold http\.errors==0: FAILED \(http\.errors = 20\)/);
  });

  it('--export csv writes the app columns per tick and a row per process and thread per tick', () => {
    const csv = join(dir, 'app.csv');
    const result = lab('--export', 'csv', '--from', file, '--out', csv);
    assert.equal(result.status, 0, result.stderr);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(rows[0], [...TICK_COLUMNS, ...ATTACHED_TICK_COLUMNS].join(','));
    assert.equal(rows.length, TICKS + 1);
    const units = readFileSync(join(dir, 'app.units.csv'), 'utf8').trim().split('\n');
    assert.equal(units.length, TICKS * 4 + 1);
    assert.equal(lab('--export', 'trace', '--from', file, '--out', join(dir, 'app.trace.json')).status, 0);
  });
});
