import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeRun } from '../experiments/fake-run';
import { defaultConfig } from '../run-config';
import { ticksCsv, TICK_COLUMNS, unitsCsv } from './export-csv';
import { traceOf } from './export-trace';
import { RECORDING_FORMAT, type RecordingHeader } from './format';
import { parseRecording } from './parse';
import { buildReport, compareReports, strategySegments } from './report';
import { checkThresholds, NOT_MEASURED_NOTE, parseThreshold } from './thresholds';
import type { Recording } from './format';

const header: RecordingHeader = {
  type: 'header',
  format: RECORDING_FORMAT,
  startedAt: '2026-11-30T12:00:00.000Z',
  config: defaultConfig(),
  plan: [],
  experiment: null,
  machine: { cores: 2, cpuModel: 'test cpu', node: 'v20.0.0', memoryBytes: 2 ** 34, os: 'linux', kernel: '6.1', arch: 'x64', v8: '11', electron: null, host: 'cli' },
};

/** A run: 2 s main-thread with a blocked loop, then 2 s worker-pool, one crash; as recording text. */
function recordedRun(): { text: string; ticks: number; events: number } {
  const run = new FakeRun()
    .stretch(0, 2_000, { strategy: 'main-thread', hostEldP99: 50, hostEldMax: 60, throughput: 10, completed: 2, units: [] })
    .stretch(2_000, 4_000, { strategy: 'worker-pool', hostEldP99: 1, hostEldMax: 2, throughput: 20, completed: 4, units: [{ id: 'worker-pool#2/thread-1', done: (i) => i, cpu: 0.9 }] })
    .switched(2_000, 'worker-pool', 'main-thread')
    .exited(3_000, 'worker-pool#2/thread-1', 'crash');
  const record = run.record({ 'thread crashed': 1 });
  const lines = [header, ...record.ticks, ...record.events, record.summary];
  return { text: lines.map((line) => JSON.stringify(line)).join('\n') + '\n', ticks: record.ticks.length, events: record.events.length };
}

describe('recording files', () => {
  it('read back every tick, event and the summary as written', () => {
    const { text, ticks, events } = recordedRun();
    const parsed = parseRecording(text, 'run.nclab.jsonl');
    assert.ok(parsed.ok);
    assert.equal(parsed.recording.ticks.length, ticks);
    assert.equal(parsed.recording.events.length, events);
    assert.ok(parsed.recording.summary);
    assert.deepEqual(parsed.recording.warnings, []);
  });

  it('open a run cut short up to its last whole line, with a warning naming the torn line', () => {
    const { text, ticks } = recordedRun();
    const lines = text.split('\n');
    const torn = lines.slice(0, 1 + ticks).join('\n') + '\n' + lines[1 + ticks].slice(0, 20);
    const parsed = parseRecording(torn, 'cut.nclab.jsonl');
    assert.ok(parsed.ok);
    assert.equal(parsed.recording.ticks.length, ticks);
    assert.equal(parsed.recording.summary, null);
    assert.match(parsed.recording.warnings[0], new RegExp(`cut\\.nclab\\.jsonl line ${ticks + 2}: cut short`));
    assert.match(parsed.recording.warnings[1], /its end is torn: no summary line/);
  });

  it('say that a run without its summary has a torn end, and how far it reads', () => {
    const { text, ticks } = recordedRun();
    // Killed between two lines: every line whole, the summary never written.
    const lines = text.split('\n');
    const parsed = parseRecording(lines.slice(0, 1 + ticks).join('\n') + '\n', 'killed.nclab.jsonl');
    assert.ok(parsed.ok);
    assert.equal(parsed.recording.summary, null);
    assert.equal(parsed.recording.warnings.length, 1);
    const lastT = (parsed.recording.ticks[ticks - 1].t / 1000).toFixed(1);
    assert.match(parsed.recording.warnings[0], new RegExp(`^killed\\.nclab\\.jsonl: its end is torn: no summary line .* read up to ${lastT.replace('.', '\\.')} s`));
  });

  it('refuse bad files with the file and the line named', () => {
    const { text } = recordedRun();
    const lines = text.split('\n');
    const cases: Array<[string, RegExp]> = [
      ['', /^f: the file is empty/],
      ['hello\n', /^f line 1: not valid JSON, so not a Node Concurrency Lab recording/],
      ['{"a":1}\n', /^f line 1: not a Node Concurrency Lab recording/],
      [JSON.stringify({ ...header, format: 'nclab/3' }) + '\n', /^f line 1: format nclab\/3 is newer than this lab reads \(nclab\/2\)/],
      [JSON.stringify({ ...header, format: 'nclab/0' }) + '\n', /^f line 1: unknown format "nclab\/0" \(this lab reads nclab\/1 to nclab\/2\)/],
      [[lines[0], lines[1], '{broken', lines[2]].join('\n') + '\n', /^f line 3: not valid JSON$/],
      [[lines[0], '{"type":"gossip","t":1}'].join('\n') + '\n', /^f line 2: unknown line type "gossip"/],
    ];
    for (const [content, error] of cases) {
      const parsed = parseRecording(content, 'f');
      assert.equal(parsed.ok, false, content.slice(0, 30));
      if (!parsed.ok) assert.match(parsed.error, error);
    }
  });
});

describe('reports', () => {
  const parsed = parseRecording(recordedRun().text, 'a.nclab.jsonl');
  assert.ok(parsed.ok);
  const report = buildReport(parsed.recording);

  it('have the run figures and the host loop per strategy segment', () => {
    assert.equal(report.figures['units.crashed'], 1);
    assert.equal(report.figures.switches, 0, 'the summary says how many switches the run made');
    assert.equal(report.figures['jobs.completed'], 10 * 2 + 10 * 4);
    const segments = strategySegments(parsed.recording.ticks);
    assert.deepEqual(segments.map((s) => [s.strategy, s.hostEld?.p99, s.hostEld?.max]), [['main-thread', 50, 60], ['worker-pool', 1, 2]]);
    assert.equal(segments[1].fromS, 2);
  });

  it('compare two runs figure by figure', () => {
    const b = { ...report, figures: { ...report.figures, 'jobs.completed': 90 } };
    const change = compareReports(report, b)['jobs.completed'];
    assert.deepEqual(change, { a: 60, b: 90, delta: 30, percent: 50 });
  });

  it('thresholds pass and fail on the figures, and an unknown figure is an error listing the known ones', () => {
    const ok = parseThreshold('units.crashed==1');
    const failing = parseThreshold('jobs.completed < 10');
    assert.ok(ok.ok && failing.ok);
    const results = checkThresholds([ok.threshold, failing.threshold], report.figures);
    assert.deepEqual(results.map((r) => r.passed), [true, false]);
    const unknown = parseThreshold('warp.speed<9');
    assert.ok(!unknown.ok && /"warp.speed" is not a figure of a run; known: duration.s, /.test(unknown.error));
    const garbled = parseThreshold('host.eld.p99 << 3');
    assert.ok(!garbled.ok && /<figure><op><number>/.test(garbled.error));
  });
});

describe('exports', () => {
  const parsed = parseRecording(recordedRun().text, 'a.nclab.jsonl');
  assert.ok(parsed.ok);
  const { recording } = parsed;

  it('CSV: one row per tick with every column, one row per unit per tick', () => {
    const rows = ticksCsv(recording).trim().split('\n');
    assert.equal(rows.length, recording.ticks.length + 1);
    assert.ok(rows.every((row) => row.split(',').length === TICK_COLUMNS.length));
    const unitRows = unitsCsv(recording).trim().split('\n');
    assert.equal(unitRows.length, 1 + recording.ticks.reduce((n, tick) => n + tick.units.length, 0));
  });

  it('trace: counters per tick and instant events for the switch and the crash', () => {
    const trace = traceOf(recording);
    const parsedBack = JSON.parse(JSON.stringify(trace)) as typeof trace;
    const eld = parsedBack.traceEvents.filter((e) => e.name === 'host event-loop delay (ms)');
    assert.equal(eld.length, recording.ticks.length);
    assert.equal(eld[0].ts, recording.ticks[0].t * 1000);
    const instants = parsedBack.traceEvents.filter((e) => e.ph === 'i').map((e) => e.cat);
    assert.deepEqual(instants, ['switch', 'crash']);
  });
});

describe('a figure not measured', () => {
  /** The recorded run with its first tick as the engine sends one that measured nothing: no job, no loop sample, no check answered. */
  function withEmptyTick(): Recording {
    const parsed = parseRecording(recordedRun().text, 'a.nclab.jsonl');
    assert.ok(parsed.ok);
    const [first, ...rest] = parsed.recording.ticks;
    const empty = { ...first, host: { ...first.host, eld: null }, jobs: { ...first.jobs, throughput: 0, latency: null }, health: { answered: 0, timeouts: 0, latency: null } };
    return { ...parsed.recording, ticks: [empty, ...rest] };
  }

  it('is an empty CSV cell, never a 0', () => {
    const recording = withEmptyTick();
    const cells = ticksCsv(recording).split('\n')[1].split(',');
    const cell = (name: (typeof TICK_COLUMNS)[number]) => cells[TICK_COLUMNS.indexOf(name)];
    assert.deepEqual([cell('nodejs.eventloop.delay.p50_ms'), cell('nodejs.eventloop.delay.p99_ms'), cell('nodejs.eventloop.delay.max_ms'), cell('latency_p50_ms'), cell('latency_p99_ms'), cell('health_p99_ms')], ['', '', '', '', '', '']);
    assert.equal(cell('throughput_jobs_per_s'), '0', 'no job completed is a measured throughput of 0');
    assert.equal(cell('health_answered'), '0');
  });

  it('is left out of the trace', () => {
    const recording = withEmptyTick();
    const eld = traceOf(recording).traceEvents.filter((e) => e.name === 'host event-loop delay (ms)');
    assert.equal(eld.length, recording.ticks.length - 1);
    assert.ok(eld.every((e) => e.ts !== recording.ticks[0].t * 1000));
  });

  it('is skipped by a median of ticks in the report, not read as 0', () => {
    const recording = withEmptyTick();
    const [main] = strategySegments(recording.ticks);
    assert.equal(main.hostEld?.p99, 50);
    assert.equal(main.latencyP99, 10);
    const none = strategySegments(recording.ticks.slice(0, 1));
    assert.deepEqual([none[0].hostEld, none[0].latencyP99], [null, null]);
  });

  it('skips its threshold and says so; one a cut-short recording lacks fails', () => {
    const report = buildReport(withEmptyTick());
    const figures = { ...report.figures, 'host.eld.p99': null, 'latency.p99': null };
    const eld = parseThreshold('host.eld.p99<20');
    const completed = parseThreshold('jobs.completed>0');
    assert.ok(eld.ok && completed.ok);
    const [skipped, counted] = checkThresholds([eld.threshold, completed.threshold], figures);
    assert.deepEqual([skipped.passed, skipped.skipped, skipped.actual, skipped.note], [true, true, null, NOT_MEASURED_NOTE]);
    assert.equal(NOT_MEASURED_NOTE, 'not measured in this run, skipped');
    assert.deepEqual([counted.passed, counted.skipped], [true, false]);
    const [cut] = checkThresholds([eld.threshold], figures, true);
    assert.deepEqual([cut.passed, cut.skipped], [false, false]);
    assert.match(cut.note ?? '', /cut short/);
  });
});
