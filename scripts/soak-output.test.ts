import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Summary } from '../shared/messages';
import { defaultConfig } from '../shared/run-config';
import { judgeChaos } from './chaos-report';
import { jobsLost, soakLine, soakTable, type SoakResult } from './soak-output';
import { judgeRests, type Rest } from './soak-report';

const MIB = 1_048_576;
const summary = (jobs: Partial<Summary['jobs']>, failures: Record<string, number> = {}): Summary => ({
  type: 'summary',
  t: 120_000,
  config: defaultConfig(),
  jobs: { submitted: 100, completed: 90, failed: 4, dropped: 1, cancelled: 5, queued: 0, inFlight: 0, retried: 2, ...jobs },
  throughput: 1,
  latency: null,
  hostEld: null,
  unitsStarted: 10,
  unitsExited: 10,
  unitsAlive: 0,
  failures: { 'worker exited with code 1': 4, ...failures },
  switches: 8,
});
const rests: Rest[] = [0, 1, 2, 3].map((i) => ({ atMs: 30_000 + i * 120_000, heapUsed: 15 * MIB, rss: (110 + i) * MIB, fds: 23, threads: 11 }));
const result = (over: Partial<SoakResult> = {}): SoakResult => ({
  minutes: 10,
  seed: 7,
  runs: [{ run: 0, summary: summary({}), lost: 0 }],
  brokenTicks: 0,
  exits: { external: 3, killed: 2 },
  crashes: {},
  unitsAlive: 0,
  processesLeft: 0,
  threadsLeft: 0,
  level: { fds: 22, threads: 11 },
  rests,
  restVerdict: judgeRests(rests, { fds: 22, threads: 11 }),
  chaos: {
    ...judgeChaos({
      blows: [{ at: 1_000, action: { kind: 'sigkill', unitId: 'cluster#2/pid-9', pid: 9 }, ok: true, during: 'stop' }],
      exits: [{ at: 1_010, unitId: 'cluster#2/pid-9', kind: 'process', cause: 'external', run: 0, generation: 2 }],
      starts: [],
      generations: [{ run: 0, generation: 2, oneShot: false, installedAt: 0, supersededAt: 1_005 }],
      freezes: [],
      endedAt: 2_000,
      jobTimeoutMs: 5_000,
    }),
    idle: 0,
  },
  runMemory: [],
  ...over,
});

describe('jobs lost', () => {
  it('none when every job submitted is completed, failed with a reason, dropped or cancelled', () => {
    assert.equal(jobsLost(summary({})), 0);
  });

  it('counts jobs unaccounted for after the stop and failures without a reason; unknown without a summary', () => {
    assert.equal(jobsLost(summary({ submitted: 103, queued: 1, inFlight: 2 })), 3);
    assert.equal(jobsLost(summary({ failed: 6, submitted: 102 })), 2);
    assert.equal(jobsLost(null), null);
  });
});

describe('the soak line', () => {
  it('holds the kills by kind, jobs lost, units alive, heap and rss growth, descriptors and threads, and the verdict', () => {
    const line = soakLine(result());
    assert.equal(line.type, 'soak');
    assert.equal(line.ok, true);
    assert.deepEqual(line.kills, { sigkill: 1, freeze: 0, 'thread-kill': 0, total: 1, missed: 0, duringSwitch: 0, duringStop: 1 });
    assert.equal(line.jobsLost, 0);
    assert.equal(line.unitsLeftAlive, 0);
    assert.equal(line.heapGrowthPct, 0);
    assert.equal(line.rssGrowthPct, 2.7);
    assert.deepEqual(line.fds, { before: 22, afterStops: [23, 23, 23, 23] });
    assert.deepEqual(line.threads, { before: 11, afterStops: [11, 11, 11, 11] });
    assert.deepEqual(JSON.parse(JSON.stringify(line)), line);
  });

  it('fails on a lost job, a unit or process left, a broken tick, a missing summary, each named', () => {
    const line = soakLine(
      result({ runs: [{ run: 0, summary: summary({ submitted: 101 }), lost: 1 }, { run: 1, summary: null, lost: null }], unitsAlive: 1, processesLeft: 2, brokenTicks: 3 }),
    );
    assert.equal(line.ok, false);
    assert.deepEqual(line.failures, [
      'the accounting invariant broke in 3 ticks',
      'the accounting invariant broke in 1 run summaries',
      '1 runs ended without a summary',
      '1 jobs lost',
      '1 units still alive in the engine',
      '2 child processes left',
    ]);
    assert.equal(line.unitsLeftAlive, 3);
  });

  it('fails on the chaos verdict’s failures and on rss past its limit between runs', () => {
    const grown = rests.map((r, i) => ({ ...r, rss: (100 + 10 * i) * MIB }));
    const line = soakLine(result({ rests: grown, restVerdict: judgeRests(grown, { fds: 22, threads: 11 }) }));
    assert.deepEqual(line.failures, ['rss grew 30% between runs (limit 15%)']);
    const chaos = judgeChaos({ blows: [{ at: 1, action: { kind: 'sigkill', unitId: 'u', pid: 9 }, ok: true, during: null }], exits: [], starts: [], generations: [], freezes: [], endedAt: 2, jobTimeoutMs: 0 });
    assert.deepEqual(soakLine(result({ chaos: { ...chaos, idle: 0 } })).failures, ['u was killed and never exited']);
  });
});

describe('the soak table', () => {
  it('lists kills by kind, jobs by outcome, the host at every rest, and the verdict', () => {
    const r = result();
    const text = soakTable(r, soakLine(r));
    assert.match(text, /kills from outside \(seed 7\): 1 struck, 0 missed/);
    assert.match(text, /\s1 {2}SIGKILL to a unit process/);
    assert.match(text, /\s100 {2}submitted/);
    assert.match(text, /\s0 {2}lost/);
    assert.match(text, /before\s+-\s+-\s+22\s+11/);
    assert.match(text, /0\.5\s+15\.0\s+-\s+110\.0\s+-\s+-\s+23\s+11/);
    assert.match(text, /verdict: OK\n$/);
  });
});
