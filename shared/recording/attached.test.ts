import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ATTACHED_TICK_COLUMNS, ATTACHED_UNIT_COLUMNS, HOST_ROW_ID, tickColumns, ticksCsv, TICK_COLUMNS, unitColumns, unitsCsv, UNIT_COLUMNS } from './export-csv';
import { traceOf } from './export-trace';
import { commandLine } from './attached-report';
import { parseRecording } from './parse';
import { ATTACHED_FIGURE_NAMES, buildReport, compareReports, RUN_FIGURE_NAMES, shownFigures } from './report';
import { checkThresholds, parseThreshold } from './thresholds';
import { APP_EXIT, ATTACHED_SPEC, attachedRecordingLines, attachedRecordingText, HEADER, TICKS } from './fake-attached-run';
import type { Recording } from './format';

function read(text = attachedRecordingText()): Recording {
  const parsed = parseRecording(text, 'attached.nclab.jsonl');
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return parsed.recording;
}

/** The recording without its summary: a run cut short (the lab killed) before its end. */
function cutShort(): Recording {
  const lines = attachedRecordingLines().slice(0, -1).filter((line) => (line as { event?: string }).event !== 'app-exited' && (line as { event?: string }).event !== 'run-stopped');
  return read(lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
}

/** A CSV's rows as records by column name. */
function rowsOf(csv: string): Array<Record<string, string>> {
  const [head, ...rows] = csv.trim().split('\n');
  const names = head.split(',');
  return rows.map((row) => {
    const cells = row.split(',');
    assert.equal(cells.length, names.length, row);
    return Object.fromEntries(names.map((name, i) => [name, cells[i]]));
  });
}

describe('a recorded attached run', () => {
  it('reads back: ticks with strategy attached and the app, run-started with attached, app-exited, the summary with attached', () => {
    const recording = read();
    assert.deepEqual(recording.warnings, []);
    assert.equal(recording.ticks.length, TICKS);
    assert.ok(recording.ticks.every((tick) => tick.strategy === 'attached' && tick.app && tick.app.processes.length === 3));
    const started = recording.events.find((e) => e.event === 'run-started');
    assert.deepEqual(started && 'attached' in started ? started.attached : null, ATTACHED_SPEC);
    const exited = recording.events.find((e) => e.event === 'app-exited');
    assert.ok(exited && exited.event === 'app-exited' && exited.code === 0 && exited.pid === 100);
    assert.deepEqual(recording.summary?.attached?.exit, APP_EXIT);
    assert.deepEqual(recording.header, HEADER);
  });

  it('reports the command, how the app ended, its HTTP, and the processes, threads and refused connections seen', () => {
    const report = buildReport(read());
    assert.deepEqual(report.attached, { ...ATTACHED_SPEC, exit: APP_EXIT, http: { finished: { '1xx': 0, '2xx': 380, '3xx': 0, '4xx': 0, '5xx': 20 }, aborted: 0 } });
    const f = report.figures;
    assert.deepEqual(
      [f['http.requests'], f['http.rps'], f['http.p50'], f['http.p99'], f['http.errors'], f['app.exit.code'], f['app.failed'], f['app.processes'], f['app.threads'], f['app.refused']],
      [400, 200, 2, 9, 20, 0, 0, 3, 1, 1],
    );
    assert.equal(f['host.eld.p99'], 5);
    assert.deepEqual(shownFigures(report), ATTACHED_FIGURE_NAMES);
    assert.ok(!shownFigures(report).includes('jobs.completed'), "an attached run's jobs are its HTTP requests: the http figures say them");
  });

  it('cut short, still counts its requests, processes and threads from the ticks; no percentile over the run', () => {
    const report = buildReport(cutShort());
    const f = report.figures;
    assert.equal(report.cutShort, true);
    assert.deepEqual([f['http.requests'], f['http.errors'], f['app.processes'], f['app.threads'], f['app.refused']], [400, 20, 3, 1, 1]);
    assert.deepEqual([f['http.p50'], f['http.p99'], f['app.exit.code'], f['app.failed']], [null, null, null, null]);
    assert.equal(report.attached?.exit, null);
    const [p99] = checkThresholds([threshold('http.p99<50')], f, report.cutShort);
    assert.equal(p99.passed, false, 'a figure a cut-short recording cannot say fails');
  });

  it('thresholds: host.eld.p99 and the http and app figures hold or fail; an ordinary run skips them as not measured', () => {
    const report = buildReport(read());
    const results = checkThresholds(['host.eld.p99<50', 'http.p99<50', 'http.errors==0', 'app.failed==0', 'app.exit.code==0', 'app.refused>0'].map(threshold), report.figures);
    assert.deepEqual(results.map((r) => [r.text, r.passed]), [
      ['host.eld.p99<50', true],
      ['http.p99<50', true],
      ['http.errors==0', false],
      ['app.failed==0', true],
      ['app.exit.code==0', true],
      ['app.refused>0', true],
    ]);
    const ordinary = { ...report.figures, 'http.p99': null };
    const [skipped] = checkThresholds([threshold('http.p99<50')], ordinary);
    assert.deepEqual([skipped.passed, skipped.skipped], [true, true]);
  });

  it('an app that crashed fails app.failed==0; one the lab stopped does not', () => {
    const crashed = read();
    crashed.summary!.attached!.exit = { code: null, signal: 'SIGSEGV', byLab: false, detail: 'killed by SIGSEGV' };
    assert.deepEqual([buildReport(crashed).figures['app.failed'], buildReport(crashed).figures['app.exit.code']], [1, null]);
    const stopped = read();
    stopped.summary!.attached!.exit = { code: null, signal: 'SIGTERM', byLab: true, detail: 'killed by SIGTERM after Stop' };
    assert.equal(buildReport(stopped).figures['app.failed'], 0);
  });

  it('compares with an ordinary run on the figures of both', () => {
    const attached = buildReport(read());
    const ordinary = { ...attached, attached: null };
    const shown = shownFigures(ordinary, attached);
    assert.ok(RUN_FIGURE_NAMES.every((name) => shown.includes(name)) && ATTACHED_FIGURE_NAMES.every((name) => shown.includes(name)));
    assert.equal(new Set(shown).size, shown.length);
    assert.deepEqual(compareReports(attached, attached)['http.requests'], { a: 400, b: 400, delta: 0, percent: 0 });
  });

  it('exports CSV: OTel-named host columns and the app per tick; every process and thread of the app per tick in the long table', () => {
    const recording = read();
    assert.deepEqual(tickColumns(recording), [...TICK_COLUMNS, ...ATTACHED_TICK_COLUMNS]);
    const ticks = rowsOf(ticksCsv(recording));
    assert.equal(ticks.length, TICKS);
    const first = ticks[0];
    assert.deepEqual(
      [first.strategy, first['nodejs.eventloop.delay.p99_ms'], first['nodejs.eventloop.utilization'], first['process.cpu.utilization'], first['process.memory.usage_bytes'], first['v8js.gc.duration.sum_ms']],
      ['attached', '5', '0.4', '0.25', '60000000', '2'],
    );
    assert.deepEqual(
      [first.app_processes, first.app_threads, first.app_refused, first['http.server.request.duration.count'], first['http.server.request.duration.p99_ms'], first['http.server.active_requests'], first.http_5xx],
      ['3', '1', '0', '40', '8', '2', '2'],
    );
    assert.equal(ticks.at(-1)?.app_processes, '2', 'the host exited in the last tick');

    assert.deepEqual(unitColumns(recording), [...UNIT_COLUMNS, ...ATTACHED_UNIT_COLUMNS]);
    const units = rowsOf(unitsCsv(recording));
    assert.equal(units.length, TICKS * 4, 'per tick: the host, the thread, the forked child, the shell');
    const tick = units.filter((row) => row.t_s === '0.2');
    assert.deepEqual(tick.map((row) => [row.unit, row.pid, row.thread_id, row.agent]), [
      [HOST_ROW_ID, '100', '', 'true'],
      ['attached/pid-100/thread-1', '100', '1', ''],
      ['attached/pid-101', '101', '', 'true'],
      ['process-102', '102', '', 'false'],
    ]);
    assert.deepEqual([tick[0]['process.command'], tick[0]['http.server.request.duration.count'], tick[3]['nodejs.eventloop.delay.p99_ms'], tick[3]['http.server.request.duration.count']], [
      'node server.js --port 0', '20', '', '',
    ]);
  });

  it('exports a trace naming the app, with its HTTP counters and its exit', () => {
    const trace = traceOf(read());
    assert.equal(trace.traceEvents[0].args.name, `app: ${commandLine(ATTACHED_SPEC.command)}`);
    assert.equal(trace.traceEvents.filter((e) => e.name === 'http (responses/s)').length, TICKS);
    assert.equal(trace.traceEvents.filter((e) => e.name === 'http latency (ms)').length, TICKS);
    assert.deepEqual(trace.traceEvents.filter((e) => e.cat === 'app-exited').map((e) => e.args.code), [0]);
  });
});

describe('exports of the lab’s own runs', () => {
  it('keep their columns: no app columns, no host row', () => {
    const recording = read();
    const own: Recording = { ...recording, ticks: recording.ticks.map(({ app: _app, ...tick }) => ({ ...tick, strategy: 'worker-pool' as const, units: tick.units.map((u) => ({ ...u, strategy: 'worker-pool' as const })) })), events: [], summary: null };
    assert.deepEqual(tickColumns(own), TICK_COLUMNS);
    assert.deepEqual(unitColumns(own), UNIT_COLUMNS);
    assert.equal(rowsOf(unitsCsv(own)).length, TICKS * 2);
    assert.equal(buildReport(own).attached, null);
    assert.deepEqual(shownFigures(buildReport(own)), RUN_FIGURE_NAMES);
  });
});

describe('commandLine', () => {
  it('quotes what a shell would split or expand', () => {
    assert.equal(commandLine(['node', 'server.js', '--port=3000']), 'node server.js --port=3000');
    assert.equal(commandLine(['node', '-e', "console.log('hi there')", '']), `node -e 'console.log('\\''hi there'\\'')' ''`);
  });
});

function threshold(text: string) {
  const parsed = parseThreshold(text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return parsed.threshold;
}
