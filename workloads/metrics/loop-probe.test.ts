import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { LoopProbe } from './loop-probe';

function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('loop probe', () => {
  it('shows a 50 ms block as at least 45 ms', async () => {
    const probe = new LoopProbe();
    await sleep(30);
    probe.sample();
    await sleep(20);
    block(50);
    await sleep(20);
    const { eld } = probe.sample();
    probe.stop();
    assert.ok(eld.max >= 45, `max ${eld.max}`);
  });

  it('does not lose a block that starts right after a sample (monitorEventLoopDelay.reset would)', async () => {
    const probe = new LoopProbe();
    await sleep(30);
    probe.sample();
    block(50);
    await sleep(20);
    const { eld } = probe.sample();
    probe.stop();
    assert.ok(eld.max >= 45, `max ${eld.max}`);
  });

  it('shows an idle loop as nearly undelayed', async () => {
    const probe = new LoopProbe();
    await sleep(30);
    probe.sample();
    await sleep(200);
    const sample = probe.sample();
    probe.stop();
    assert.ok(sample.eld.p50 < 10, `p50 ${sample.eld.p50}`);
    assert.ok(sample.elu < 0.5, `elu ${sample.elu}`);
  });
});
