import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXPERIMENTS } from '../../shared/experiments/catalog';
import type { Verdict } from '../../shared/experiments/types';
import { catalogLine, catalogTable, experimentHeader, keyNumbers, resultsTable, table, verdictBlock, verdictLine } from './experiment-output';

const VERDICT: Verdict = {
  experiment: 'main-thread-blocks',
  holds: null,
  measured: { main: { 'host-eld-p99.median': 41.234, 'throughput.median': 6 }, pool: { 'host-eld-p99.median': null } },
  expected: 'something',
  why: 'Inconclusive. because',
  machine: { cores: 2, cpuModel: 'AMD EPYC', node: 'v20.20.2' },
};

describe('experiment output', () => {
  it('a table pads every column but the last', () => {
    assert.equal(table([['a', 'bb', 'c'], ['ccc', 'd', 'eeee']]), 'a    bb  c\nccc  d   eeee');
  });

  it('the catalog lists every experiment with its claims, and one JSON line each with --json', () => {
    const lines = catalogTable(EXPERIMENTS).split('\n');
    assert.equal(lines.length, EXPERIMENTS.length + 1);
    assert.match(lines[1], /^main-thread-blocks\s+1, 2\s+12 s\s+CPU work/);
    assert.deepEqual(JSON.parse(catalogLine(EXPERIMENTS[0])), { type: 'experiment', id: 'main-thread-blocks', title: EXPERIMENTS[0].title, claims: [1, 2], durationS: 12 });
  });

  it('the header names the claims, the timeline and what to watch', () => {
    const header = experimentHeader(EXPERIMENTS.find((e) => e.id === 'restart-crashed-not-stopped') ?? EXPERIMENTS[0]);
    assert.match(header, /claim 9: /);
    assert.match(header, /timeline: crashes 0-8 s, switch away 8-10 s; crashes at 2.5 s, 5 s/);
    assert.match(header, /watch events \/ unit-exited/);
  });

  it('the verdict line is typed, names the experiment and keeps every field', () => {
    const line = JSON.parse(verdictLine(VERDICT));
    assert.deepEqual(Object.keys(line), ['type', 'experiment', 'holds', 'measured', 'expected', 'why', 'machine']);
    assert.equal(line.type, 'verdict');
    assert.equal(line.holds, null);
    assert.equal(line.measured.pool['host-eld-p99.median'], null);
  });

  it('the readable verdict says the outcome in capitals with the numbers and the machine', () => {
    const block = verdictBlock(VERDICT);
    assert.match(block, /verdict \(main-thread-blocks\): INCONCLUSIVE/);
    assert.match(block, /measured: main: host-eld-p99.median 41.2, throughput.median 6; pool: host-eld-p99.median n\/a/);
    assert.match(block, /machine: 2 cores, AMD EPYC, node v20.20.2/);
  });

  it('the results table has a row per experiment, errors included, and the machine under it', () => {
    const text = resultsTable([
      { experiment: EXPERIMENTS[0], verdict: { ...VERDICT, holds: true } },
      { experiment: EXPERIMENTS[1], verdict: null, error: 'size: bad' },
    ]);
    const lines = text.split('\n');
    assert.match(lines[0], /^experiment\s+claims\s+verdict\s+key numbers$/);
    assert.match(lines[1], /^main-thread-blocks\s+1, 2\s+HOLDS\s+main: /);
    assert.match(lines[2], /^worker-per-task-vs-pool\s+3\s+ERROR\s+size: bad$/);
    assert.equal(lines[3], 'machine: 2 cores, AMD EPYC, node v20.20.2');
    assert.equal(keyNumbers({ ...VERDICT, measured: {} }), '');
  });
});
