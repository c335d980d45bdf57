import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CommandResult } from '../../shared/lab-api';
import type { RunConfig } from '../../shared/run-config';
import { LabEngine } from './lab-engine';
import { invariantHolds, osThreadCount, record, waitFor } from './testing/harness';

/** The repository's root: tests run from out/electron/engine, the modules stay in the sources. */
const root = join(__dirname, '..', '..', '..');
const fixture = (name: string) => join(root, 'electron', 'engine', 'testing', 'workloads', name);
const example = (name: string) => join(root, 'examples', name);

const failuresBesidesStop = (failures: Record<string, number>) => {
  const { ['run stopped before the job started']: _stopped, ...rest } = failures;
  return rest;
};

/** Runs a closed loop of a custom workload until `jobs` settled, then stops. */
async function runCustom(config: Partial<RunConfig>, jobs: number, engine = new LabEngine()) {
  const rec = record(engine);
  const started = await engine.start({ loadMode: 'closed', concurrency: 2, poolSize: 2, intervalMs: 100, ...config });
  assert.ok(started.ok, JSON.stringify(started));
  await waitFor(() => (rec.ticks.at(-1)?.jobs.completed ?? 0) + (rec.ticks.at(-1)?.jobs.failed ?? 0) >= jobs, 30_000, `${jobs} jobs`);
  await engine.stop();
  assert.equal(engine.liveUnits(), 0, 'nothing left running');
  return { ...rec, summary: rec.summaries[0], started };
}

function refusal(result: CommandResult): string {
  assert.ok(!result.ok, 'refused');
  const error = result.errors.find((e) => e.field === 'workloadFile');
  assert.ok(error, JSON.stringify(result.errors));
  return error.message;
}

describe('a bad workload module is refused before any load starts, naming the file and what is wrong', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['a missing file', fixture('does-not-exist.mjs'), /no such file/],
    ['not a module', fixture('not-a-module.txt'), /is not a module: a workload is a \.mjs or \.js file/],
    ['a folder', fixture('') + 'folder.mjs', /no such file|not a file/],
    ['a syntax error', fixture('syntax-error.mjs'), /is not valid JavaScript \(line 3\)/],
    ['no default export', fixture('no-default.mjs'), /has no default export/],
    ['a throw on load', fixture('throws-on-load.mjs'), /threw while loading: cannot find my config file/],
    ['an exit on load', fixture('exits-on-load.mjs'), /ended its thread while loading \(exit code 3/],
    ['a load that hangs', fixture('hangs-on-load.mjs'), /did not finish loading within 1500 ms/],
  ];
  for (const [what, file, expected] of cases) {
    it(what, async () => {
      const threadsBefore = osThreadCount();
      // A short limit only where it is the point: on a loaded 2-core machine a good probe's thread can take seconds to start.
      const engine = new LabEngine(what === 'a load that hangs' ? { workloadLoadTimeoutMs: 1_500 } : {});
      const rec = record(engine);
      const message = refusal(await engine.start({ workloadFile: file }));
      assert.ok(message.startsWith(`${file}: `), message);
      assert.match(message, expected);
      const state = engine.getState();
      assert.ok(state.ok && !state.running && state.config.workload === 'fib', 'nothing changed, nothing started');
      assert.equal(rec.events.length, 0);
      assert.equal(engine.liveUnits(), 0);
      // The probe's thread is gone too (the libuv pool may have started: up to 4 more threads).
      if (threadsBefore !== null) await waitFor(() => (osThreadCount() as number) <= threadsBefore + 4, 5_000, 'the probe thread to end');
    });
  }

  it('a relative path is refused by the schema', async () => {
    const result = await new LabEngine().start({ workloadFile: 'examples/blur.mjs' });
    assert.ok(!result.ok);
    assert.equal(result.errors[0].message, 'must be an absolute path, not "examples/blur.mjs"');
  });
});

describe('an example workload runs under every strategy, its results checked by its own check()', () => {
  const variants: Array<[string, Partial<RunConfig>]> = [
    ['main-thread', { strategy: 'main-thread' }],
    ['worker-per-task', { strategy: 'worker-per-task' }],
    ['worker-pool', { strategy: 'worker-pool' }],
    ['child-process (fork)', { strategy: 'child-process', childMode: 'fork' }],
    ['child-process (spawn)', { strategy: 'child-process', childMode: 'spawn' }],
    ['child-process (exec)', { strategy: 'child-process', childMode: 'exec' }],
    ['cluster', { strategy: 'cluster' }],
    ['cluster-pool', { strategy: 'cluster-pool' }],
  ];
  for (const [name, variant] of variants) {
    it(name, async () => {
      // The mixed example on one thread kind, one process kind and the host: its awaits go the same way on the rest.
      const mixed = ['main-thread', 'worker-pool', 'cluster'].includes(name) ? [example('render-and-wait.mjs')] : [];
      for (const file of [example('blur.mjs'), ...mixed]) {
        const { summary, started, events } = await runCustom({ ...variant, workloadFile: file, size: 40 }, 4);
        assert.ok(started.ok && started.config.workload === 'custom' && started.config.workloadFile === file);
        assert.ok(started.config.workloadModule?.hasCheck, 'the example exports check');
        assert.deepEqual(failuresBesidesStop(summary.failures), {}, `${name} ${file}`);
        assert.ok(summary.jobs.completed >= 4, `${name}: ${summary.jobs.completed} completed`);
        assert.ok(invariantHolds(summary.jobs));
        // A recording's header and events carry the config: the file and the module's name show there.
        const runStarted = events.find((e) => e.event === 'run-started');
        assert.ok(runStarted && 'config' in runStarted && runStarted.config.workloadFile === file);
        assert.match(runStarted.config.workloadModule?.name ?? '', /box blur|render \+ await/);
      }
    });
  }

  it("a module's own default size applies when none is given, and its range is enforced", async () => {
    const engine = new LabEngine();
    const started = await engine.configure({ workloadFile: example('blur.mjs') });
    assert.ok(started.ok && started.config.size === 300 && started.config.workloadModule?.sizes.unit === 'pixels a side');
    const tooBig = await engine.configure({ size: 5_000 });
    assert.ok(!tooBig.ok && tooBig.errors[0].field === 'size');
    assert.match(tooBig.errors[0].message, /for box blur must be a number between 3 and 4000 \(pixels a side\)/);
    const back = await engine.configure({ workload: 'fib' });
    assert.ok(back.ok && back.config.workloadFile === undefined && back.config.workloadModule === undefined && back.config.size === 31);
  });
});

describe("a custom job that misbehaves fails as a built-in one would, and leaves nothing running", () => {
  const misbehaves = fixture('misbehaves.mjs');

  it('a throw fails the job with its message, on a thread and on the host', async () => {
    for (const strategy of ['worker-pool', 'main-thread'] as const) {
      const { summary } = await runCustom({ strategy, workloadFile: misbehaves, size: 1 }, 3);
      assert.ok(failuresBesidesStop(summary.failures)['the job failed on purpose'] >= 3, JSON.stringify(summary.failures));
      assert.equal(summary.jobs.completed, 0);
    }
  });

  it('a wrong result fails the job with what check() said', async () => {
    const { summary } = await runCustom({ strategy: 'worker-pool', workloadFile: fixture('wrong-result.mjs'), size: 5 }, 2);
    assert.ok(Object.keys(summary.failures).some((reason) => /check\(5, result\) rejected the result: expected 10, got 11/.test(reason)), JSON.stringify(summary.failures));
  });

  it('a job that never returns meets the timeout', async () => {
    for (const strategy of ['worker-pool', 'child-process', 'main-thread'] as const) {
      const { summary } = await runCustom({ strategy, workloadFile: misbehaves, size: 2, jobTimeoutMs: 300 }, 2);
      const reasons = Object.keys(failuresBesidesStop(summary.failures));
      assert.ok(reasons.length > 0 && reasons.every((r) => /timed out|timeout/i.test(r)), `${strategy}: ${reasons.join(' | ')}`);
    }
  });

  it('a job that exits its process is a crash, and the unit is replaced', async () => {
    for (const strategy of ['child-process', 'cluster', 'worker-per-task'] as const) {
      const { summary, events } = await runCustom({ strategy, workloadFile: misbehaves, size: 3 }, 2);
      assert.ok(events.some((e) => e.event === 'unit-exited'), `${strategy}: a unit exited`);
      assert.equal(summary.jobs.completed, 0, strategy);
      assert.ok(summary.jobs.failed >= 2, strategy);
    }
  });
});
