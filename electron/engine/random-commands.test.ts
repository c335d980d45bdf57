/**
 * Property: whatever commands arrive (valid, invalid, absurd), the engine keeps running, keeps its accounting
 * invariant, answers a rejected command with errors and an unchanged state, and ends every thread and process.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { CHILD_MODES, FAULTS, PAYLOAD_MODES, STRATEGIES, WORKLOADS } from '../../shared/constants';
import { LabEngine } from './lab-engine';
import { descendants, invariantHolds, record, SMALL_SIZES, waitFor } from './testing/harness';

/** Valid changes, kept small (pools of 1..3) so thousands of them stay affordable on two cores. */
const validPatch = fc.record(
  {
    strategy: fc.constantFrom(...STRATEGIES),
    workload: fc.constantFrom(...WORKLOADS),
    rate: fc.integer({ min: 1, max: 300 }),
    poolSize: fc.integer({ min: 1, max: 3 }),
    payload: fc.constantFrom(...PAYLOAD_MODES),
    childMode: fc.constantFrom(...CHILD_MODES),
    loadMode: fc.constantFrom('open', 'closed'),
    concurrency: fc.integer({ min: 1, max: 8 }),
    maxQueue: fc.integer({ min: 0, max: 50 }),
    jobTimeoutMs: fc.constantFrom(0, 200),
    fault: fc.constantFrom(...FAULTS.filter((f) => f !== 'oom' && f !== 'hang')),
    faultEvery: fc.integer({ min: 2, max: 20 }),
    retry: fc.boolean(),
    drainMs: fc.integer({ min: 0, max: 300 }),
  },
  { requiredKeys: [] },
).map((patch) => (patch.workload ? { ...patch, size: SMALL_SIZES[patch.workload] } : patch));

/** Anything at all: wrong types, unknown fields, out-of-range numbers, nested junk. */
const invalidPatch = fc.oneof(
  fc.anything(),
  fc.record({ size: fc.oneof(fc.integer({ min: -1e9, max: 0 }), fc.constant(1e12), fc.double(), fc.string()) }),
  fc.record({ poolSize: fc.oneof(fc.constant(0), fc.constant(10_000), fc.string(), fc.constant(null)) }),
  fc.record({ strategy: fc.string() }),
  fc.record({ intervalMs: fc.integer({ min: -100, max: 49 }) }),
  fc.dictionary(fc.string(), fc.anything()),
);

type Command = { kind: 'configure' | 'start'; patch: unknown } | { kind: 'stop' } | { kind: 'crash'; unitId: unknown };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: invalidPatch.map((patch) => ({ kind: 'configure' as const, patch })) },
  { weight: 2, arbitrary: validPatch.map((patch) => ({ kind: 'configure' as const, patch })) },
  { weight: 1, arbitrary: fc.oneof(validPatch, invalidPatch).map((patch) => ({ kind: 'start' as const, patch })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'stop' as const }) },
  { weight: 1, arbitrary: fc.oneof(fc.constant(undefined), fc.string(), fc.anything()).map((unitId) => ({ kind: 'crash' as const, unitId })) },
);

function send(engine: LabEngine, cmd: Command) {
  switch (cmd.kind) {
    case 'configure':
      return engine.configure(cmd.patch);
    case 'start':
      return engine.start(cmd.patch);
    case 'stop':
      return engine.stop();
    case 'crash':
      return engine.crash(cmd.unitId === undefined ? undefined : { unitId: cmd.unitId });
  }
}

it('thousands of random commands: the engine keeps running, keeps its invariant and leaves no unit behind', { timeout: 600_000 }, async () => {
  const engine = new LabEngine();
  const rec = record(engine);
  await engine.start({ strategy: 'main-thread', workload: 'fib', size: 18, rate: 50, intervalMs: 50 });
  let commands = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 40 }), async (sequence) => {
      for (const cmd of sequence) {
        commands++;
        const before = engine.getState();
        const result = await send(engine, cmd);
        if (!result.ok) {
          assert.ok(result.errors.length > 0 && result.errors.every((e) => e.field.length > 0 && e.message.length > 0));
          assert.deepEqual(engine.getState(), before, 'a rejected command changes nothing');
        }
      }
      assert.ok(rec.ticks.every((t) => invariantHolds(t.jobs)));
      assert.ok(rec.summaries.every((s) => invariantHolds(s.jobs) && s.unitsAlive === 0));
    }),
    { numRuns: 60, seed: 20261123, endOnFailure: true },
  );
  assert.ok(commands >= 1_000, `${commands} commands`);
  await engine.stop();
  assert.equal(engine.liveUnits(), 0);
  await waitFor(() => descendants(process.pid).length === 0, 5_000, 'every child process to end');
});
