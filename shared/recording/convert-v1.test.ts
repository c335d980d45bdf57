import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../run-config';
import { traceOf } from './export-trace';
import type { RecordingHeader } from './format';
import { parseRecording } from './parse';
import { buildReport } from './report';

const V1_HEADER: RecordingHeader = {
  type: 'header', format: 'nclab/1', startedAt: '2026-11-30T12:00:00.000Z', config: defaultConfig(), plan: [], experiment: null,
  machine: { cores: 2, cpuModel: 'test cpu', node: 'v20.0.0', memoryBytes: 2 ** 34, os: 'linux', kernel: '6.1', arch: 'x64', v8: '11', electron: null, host: 'cli' },
};

describe('an nclab/1 recording opens through the converter', () => {
  it('jobs v1 failed because the run stopped before they started read as cancelled; the user kill v1 called injected reads killed', () => {
    const zeros = { p50: 0, p99: 0, max: 0 };
    const tick = {
      type: 'tick', t: 200, strategy: 'main-thread', workload: 'fib',
      host: { eld: { p50: 1, p99: 2, max: 3 }, elu: 0.9, cpu: 0.9, rss: 1, heapUsed: 1, processCpu: 0.9, pid: 1 }, units: [],
      jobs: { submitted: 10, completed: 4, failed: 0, dropped: 0, queued: 6, inFlight: 0, retried: 0, throughput: 20, latency: { p50: 5, p99: 9 } },
      startup: null, health: null,
    };
    const kill = { type: 'event', t: 300, event: 'unit-exited', unitId: 'u', kind: 'thread', strategy: 'worker-pool', pid: 1, threadId: 2, generation: 1, code: 1, signal: null, voluntary: false, cause: 'injected' };
    const summary = {
      type: 'summary', t: 400, config: defaultConfig(), jobs: { submitted: 10, completed: 4, failed: 7, dropped: 0, queued: 0, inFlight: 0, retried: 0 },
      throughput: 10, latency: zeros, hostEld: zeros, unitsStarted: 0, unitsExited: 0, unitsAlive: 0,
      failures: { 'run stopped before the job started': 6, 'exited with code 1': 1 }, switches: 0,
    };
    const parsed = parseRecording([V1_HEADER, tick, kill, summary].map((line) => JSON.stringify(line)).join('\n') + '\n', 'old.nclab.jsonl');
    assert.ok(parsed.ok);
    assert.equal(parsed.recording.ticks[0].jobs.cancelled, 0, 'a v1 tick had no cancelled figure');
    const read = parsed.recording.summary!;
    assert.equal(read.jobs.cancelled, 6);
    assert.equal(read.jobs.failed, 1);
    assert.deepEqual(read.failures, { 'exited with code 1': 1 });
    const exited = parsed.recording.events[0];
    assert.equal(exited.event === 'unit-exited' && exited.cause, 'killed');
  });

  it("a v1 summary's zeros, a tick with no host sample and an unanswered health check read as null", () => {
    const header: RecordingHeader = {
      type: 'header', format: 'nclab/1', startedAt: '2026-11-30T12:00:00.000Z', config: defaultConfig(), plan: [], experiment: null,
      machine: { cores: 2, cpuModel: 'test cpu', node: 'v20.0.0', memoryBytes: 2 ** 34, os: 'linux', kernel: '6.1', arch: 'x64', v8: '11', electron: null, host: 'cli' },
    };
    const zeros = { p50: 0, p99: 0, max: 0 };
    const tick = {
      type: 'tick', t: 200, strategy: 'worker-pool', workload: 'fib',
      host: { eld: zeros, elu: 0.1, cpu: 0.1, rss: 1, heapUsed: 1, processCpu: 0.1, pid: 1 },
      units: [{ id: 'u', kind: 'thread', strategy: 'worker-pool', pid: 1, threadId: 2, state: 'busy', eld: zeros, elu: 1, cpu: 1, rss: null, heapUsed: 1, done: 0 }],
      jobs: { submitted: 1, completed: 0, failed: 0, dropped: 0, queued: 0, inFlight: 1, retried: 0, throughput: 0, latency: { p50: 0, p99: 0 } },
      startup: null, health: { answered: 0, timeouts: 1, latency: zeros },
    };
    const summary = {
      type: 'summary', t: 200, config: defaultConfig(), jobs: { submitted: 1, completed: 0, failed: 1, dropped: 0, queued: 0, inFlight: 0, retried: 0 },
      throughput: 0, latency: zeros, hostEld: zeros, unitsStarted: 1, unitsExited: 1, unitsAlive: 0, failures: { x: 1 }, switches: 0,
    };
    const parsed = parseRecording([header, tick, summary].map((line) => JSON.stringify(line)).join('\n') + '\n', 'old.nclab.jsonl');
    assert.ok(parsed.ok);
    const [read] = parsed.recording.ticks;
    assert.equal(read.jobs.latency, null);
    assert.equal(read.host.eld, null);
    assert.equal(read.units[0].eld, null);
    assert.equal(read.health?.latency, null);
    assert.equal(read.health?.timeouts, 1, 'counts are kept');
    assert.equal(parsed.recording.summary?.latency, null);
    assert.equal(parsed.recording.summary?.hostEld, null);
    const figures = buildReport(parsed.recording).figures;
    assert.equal(figures['latency.p99'], null);
    assert.equal(figures['host.eld.max'], null);
    assert.equal(traceOf(parsed.recording).traceEvents.filter((e) => e.name === 'host event-loop delay (ms)').length, 0, 'the trace leaves the counter out');

    // The same lines in an nclab/2 file are read as written: only v1 goes through the converter.
    const v2 = parseRecording([{ ...header, format: 'nclab/2' }, tick].map((line) => JSON.stringify(line)).join('\n') + '\n', 'new.nclab.jsonl');
    assert.ok(v2.ok);
    assert.deepEqual(v2.recording.ticks[0].jobs.latency, { p50: 0, p99: 0 });
  });
});
