import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findExperiment } from '../experiments/catalog';
import type { PlanStep } from '../plan';
import { defaultConfig } from '../run-config';
import { RECORDING_FORMAT, type RecordingMachine } from './format';
import { recordingHeader, runStartedAt } from './header';
import { parseRecording } from './parse';

const machine: RecordingMachine = { cores: 2, cpuModel: 'test cpu', node: 'v20.0.0', memoryBytes: 2 ** 34, os: 'linux', kernel: '6.1', arch: 'x64', v8: '11', electron: null, host: 'cli' };

describe('recordingHeader', () => {
  it('builds the header line of the current format, which the parser reads back unchanged', () => {
    const config = { ...defaultConfig(), strategy: 'worker-pool' as const };
    const header = recordingHeader({ startedAt: '2026-11-30T12:00:00.000Z', config, plan: [], experiment: null, machine });
    assert.deepEqual(Object.keys(header), ['type', 'format', 'startedAt', 'config', 'plan', 'experiment', 'machine']);
    assert.equal(header.type, 'header');
    assert.equal(header.format, RECORDING_FORMAT);
    const parsed = parseRecording(JSON.stringify(header) + '\n', 'h.nclab.jsonl');
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    assert.deepEqual(parsed.recording.header, header);
  });

  it('keeps an experiment and a copy of the plan', () => {
    const experiment = findExperiment('cluster-slow-handler');
    assert.ok(experiment);
    const plan: PlanStep[] = [{ atS: 1, configure: { rate: 5 } }];
    const header = recordingHeader({ startedAt: '2026-11-30T12:00:00.000Z', config: defaultConfig(), plan, experiment, machine });
    assert.equal(header.experiment, experiment);
    assert.deepEqual(header.plan, plan);
    plan.pop();
    assert.equal(header.plan.length, 1, 'the header keeps its own copy');
  });

  it('dates the run from its start: the arrival time less the message time', () => {
    assert.equal(runStartedAt(Date.UTC(2026, 10, 30, 12, 0, 5), 5_000), '2026-11-30T12:00:00.000Z');
    assert.equal(runStartedAt(Date.UTC(2026, 10, 30, 12, 0, 0), 0), '2026-11-30T12:00:00.000Z');
  });
});
