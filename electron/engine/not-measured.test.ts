import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { LabEngine } from './lab-engine';
import { record, waitFor } from './testing/harness';
import { assertNothingLeft } from './testing/leak-check';

// Stops the file when an engine left a process or a listening socket behind.
after(() => assertNothingLeft());

describe('not measured is null, never 0', () => {
  it('a run in which no job completes: every tick, the final one after the stop and the summary carry latency null and throughput 0', async () => {
    const engine = new LabEngine();
    const rec = record(engine);
    // Jobs that wait a minute: none completes before the stop, which fails them at once (no drain).
    const started = await engine.start({ strategy: 'worker-pool', workload: 'io-wait', size: 60_000, loadMode: 'open', rate: 10, poolSize: 1, intervalMs: 100, drainMs: 0 });
    assert.ok(started.ok, JSON.stringify(started));
    await waitFor(() => rec.ticks.length >= 3 && (rec.ticks.at(-1)?.jobs.inFlight ?? 0) > 0, 20_000, 'three ticks with a job in flight');
    await engine.stop();
    const summary = rec.summaries[0];
    assert.ok(summary, 'the run ended with a summary');
    assert.equal(summary.jobs.completed, 0);
    const final = rec.ticks.at(-1);
    assert.ok(final);
    assert.equal(final.jobs.latency, null, 'the final tick after the stop: no job completed, no latency');
    for (const tick of rec.ticks) {
      assert.equal(tick.jobs.latency, null, `tick ${tick.t}`);
      assert.equal(tick.jobs.throughput, 0, `tick ${tick.t}: throughput 0 is measured`);
      // The host's loop runs no job here, so only its timer samples it: sampled or not, never a row of zeros
      // standing for "no sample" (each turn records at least 1 ns).
      const eld = tick.host.eld;
      assert.ok(eld === null || eld.max > 0, `tick ${tick.t}: host delay ${JSON.stringify(eld)}`);
      if (tick.health && tick.health.answered === 0) assert.equal(tick.health.latency, null, `tick ${tick.t}: no check answered`);
    }
    assert.equal(summary.latency, null, 'no job completed in the run');
    assert.ok(summary.hostEld === null || summary.hostEld.max > 0);
    assert.ok(JSON.stringify(final).includes('"latency":null'), 'null survives JSON, as every transport sends it');
  });
});
