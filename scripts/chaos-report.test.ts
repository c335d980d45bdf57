import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BACKOFF_MAX_MS, START_ALLOWANCE_MS, judgeChaos, type Blow, type ChaosFacts, type ExitRecord, type FreezeRecord, type GenerationRecord } from './chaos-report';

const P = 'cluster#2/pid-4242';
const T = 'worker-pool#3/thread-7';
const generations: GenerationRecord[] = [
  { run: 0, generation: 2, oneShot: false, installedAt: 0, supersededAt: 60_000 },
  { run: 0, generation: 3, oneShot: false, installedAt: 0, supersededAt: null },
];
const sigkill = (at: number, unitId = P, ok = true): Blow => ({ at, action: { kind: 'sigkill', unitId, pid: 4242 }, ok, during: null });
const threadKill = (at: number): Blow => ({ at, action: { kind: 'thread-kill', unitId: T }, ok: true, during: 'switch' });
const exit = (at: number, unitId: string, cause: ExitRecord['cause'], generation = 2): ExitRecord => ({ at, unitId, kind: unitId === T ? 'thread' : 'process', cause, run: 0, generation });
const facts = (over: Partial<ChaosFacts>): ChaosFacts => ({ blows: [], exits: [], starts: [], generations, freezes: [], endedAt: 100_000, jobTimeoutMs: 5_000, ...over });
const freeze = (over: Partial<FreezeRecord>): FreezeRecord => ({ unitId: P, from: 1_000, to: 7_000, reported: true, watchedUntil: null, seenBlockedAt: 3_000, inJobAt: null, exit: null, ...over });

describe('chaos verdict: kills', () => {
  it('a SIGKILLed unit that reads external and is replaced within its backoff passes, counted by kind', () => {
    const verdict = judgeChaos(
      facts({
        blows: [sigkill(1_000), threadKill(2_000)],
        exits: [exit(1_010, P, 'external'), exit(2_010, T, 'killed', 3)],
        starts: [{ at: 1_500, unitId: 'cluster#2/pid-5000', replaces: P }, { at: 2_100, unitId: 'worker-pool#3/thread-9', replaces: T }],
      }),
    );
    assert.deepEqual(verdict.failures, []);
    assert.equal(verdict.ok, true);
    assert.deepEqual(verdict.struck, { sigkill: 1, freeze: 0, 'thread-kill': 1 });
    assert.equal(verdict.duringSwitch, 1);
    assert.deepEqual(verdict.sigkillCauses, { external: 1 });
    assert.deepEqual(verdict.threadKillCauses, { killed: 1 });
    assert.equal(verdict.replacements.due, 2);
    assert.equal(verdict.replacements.replaced, 2);
    assert.equal(verdict.replacements.slowestMs, 490);
  });

  it('a SIGKILLed unit read as a crash fails; one the lab ended in the same moment (stop) does not', () => {
    assert.deepEqual(judgeChaos(facts({ blows: [sigkill(1_000)], exits: [exit(1_010, P, 'crash')], starts: [{ at: 1_200, unitId: 'x', replaces: P }] })).misread, [`${P} read crash`]);
    assert.equal(judgeChaos(facts({ blows: [sigkill(1_000)], exits: [exit(1_010, P, 'stop')] })).ok, true);
  });

  it('a blow that found its unit gone is a miss, not a failure; a kill never followed by an exit fails', () => {
    const missed = judgeChaos(facts({ blows: [sigkill(1_000, P, false)] }));
    assert.equal(missed.missed, 1);
    assert.equal(missed.ok, true);
    assert.deepEqual(judgeChaos(facts({ blows: [sigkill(1_000)] })).neverExited, [P]);
  });

  it('an external exit no blow explains fails: the lab’s own kills must never read so', () => {
    const verdict = judgeChaos(facts({ exits: [exit(1_000, P, 'external')], starts: [{ at: 1_200, unitId: 'x', replaces: P }] }));
    assert.deepEqual(verdict.unexplained, [P]);
    assert.equal(verdict.ok, false);
  });
});

describe('chaos verdict: replacements', () => {
  it('a unit not replaced within the longest backoff and the start allowance fails, unless its strategy went away by then', () => {
    const late = judgeChaos(facts({ exits: [exit(1_000, 'c', 'crash', 3)], starts: [{ at: 1_000 + BACKOFF_MAX_MS + START_ALLOWANCE_MS + 1, unitId: 'd', replaces: 'c' }] }));
    assert.equal(late.replacements.missing.length, 1);
    assert.match(late.failures[0], /not replaced in time: c \(crash\) replaced only after 15\.0 s/);
    // Generation 2 was switched away at 60 s: its unit lost at 58 s needs no replacement.
    const excused = judgeChaos(facts({ exits: [exit(58_000, 'c', 'crash', 2)] }));
    assert.equal(excused.replacements.excused, 1);
    assert.equal(excused.ok, true);
  });

  it('a one-shot unit and a stopped one are not due a replacement', () => {
    const oneShot: GenerationRecord[] = [{ run: 0, generation: 1, oneShot: true, installedAt: 0, supersededAt: null }];
    assert.equal(judgeChaos(facts({ generations: oneShot, exits: [exit(1_000, 'c', 'external', 1)], blows: [sigkill(990, 'c')] })).replacements.due, 0);
    assert.equal(judgeChaos(facts({ exits: [exit(1_000, 'c', 'stop', 3)] })).replacements.due, 0);
  });
});

describe('chaos verdict: freezes', () => {
  it('a frozen unit seen blocked passes; one alive and watched for 2.5 s or more and never seen blocked fails', () => {
    assert.equal(judgeChaos(facts({ freezes: [freeze({})] })).ok, true);
    const unseen = judgeChaos(facts({ freezes: [freeze({ seenBlockedAt: null })] }));
    assert.deepEqual(unseen.freezes.unseen, [`${P} frozen 6.0 s`]);
    assert.equal(unseen.ok, false);
  });

  it('is excused when it never reported, its run stopped, or it died within 2.5 s of the freeze', () => {
    assert.equal(judgeChaos(facts({ freezes: [freeze({ seenBlockedAt: null, reported: false })] })).ok, true);
    assert.equal(judgeChaos(facts({ freezes: [freeze({ seenBlockedAt: null, watchedUntil: 2_000 })] })).ok, true);
    assert.equal(judgeChaos(facts({ freezes: [freeze({ seenBlockedAt: null, exit: { at: 2_000, cause: 'external' } })] })).ok, true);
  });

  it('a job held frozen past its timeout and a slack fails; the lab ending the unit in time passes', () => {
    const held = judgeChaos(facts({ freezes: [freeze({ from: 0, to: 9_000, inJobAt: 1_000 })] }));
    assert.equal(held.freezes.pastTimeout.length, 1);
    assert.equal(held.ok, false);
    const ended = judgeChaos(facts({ freezes: [freeze({ from: 0, to: 9_000, inJobAt: 1_000, exit: { at: 6_200, cause: 'timeout' } })] }));
    assert.equal(ended.ok, true);
    assert.deepEqual(ended.freezes.endedWhileFrozen, { timeout: 1 });
  });
});
