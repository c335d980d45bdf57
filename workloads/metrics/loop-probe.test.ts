import assert from 'node:assert/strict';
import { createHistogram } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import { LoopDelayMeter } from '../../shared/loop-delay';
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
    assert.ok(eld, 'sampled');
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
    assert.ok(eld, 'sampled');
    assert.ok(eld.max >= 45, `max ${eld.max}`);
  });

  it('shows an idle loop as nearly undelayed', async () => {
    const probe = new LoopProbe();
    await sleep(30);
    probe.sample();
    await sleep(200);
    const sample = probe.sample();
    probe.stop();
    assert.ok(sample.eld && sample.elu !== null, 'sampled');
    assert.ok(sample.eld.p50 < 10, `p50 ${sample.eld.p50}`);
    assert.ok(sample.elu < 0.5, `elu ${sample.elu}`);
  });

  it('shows a 50 ms job as at least 45 ms even when its timer is coarser than the job', async () => {
    const probe = new LoopProbe(100);
    await sleep(10);
    probe.sample();
    const startedAt = performance.now();
    block(50);
    probe.jobRan(startedAt);
    const { eld } = probe.sample();
    probe.stop();
    assert.ok(eld, 'sampled');
    assert.ok(eld.max >= 45, `max ${eld.max}`);
  });

  it('lets a unit go idle after back-to-back short jobs without a phantom delay', async () => {
    const probe = new LoopProbe();
    probe.sample();
    // 600 ms of jobs against a bound of half that: a busy machine may stretch one 1 ms job by tens of ms, the
    // defect read the whole stretch as one delay.
    const until = performance.now() + 600;
    while (performance.now() < until) {
      const startedAt = performance.now();
      block(1);
      probe.jobRan(startedAt);
      await yieldToLoop();
    }
    await sleep(40);
    const { eld } = probe.sample();
    probe.stop();
    assert.ok(eld, 'sampled');
    // The jobs ran for 600 ms with no timer turn; the first idle turn must not read that as one delay.
    assert.ok(eld.max < 300, `max ${eld.max}`);
  });

  it('never reads a thread above one core, even over a window shorter than its clock step', async () => {
    const probe = new LoopProbe();
    for (let i = 0; i < 20; i++) {
      probe.sample();
      block(3);
      const { cpu } = probe.sample();
      assert.ok(cpu === null || (cpu >= 0 && cpu <= 1), `cpu ${cpu}`);
      await sleep(1);
    }
    probe.stop();
  });
});

/** The meter's sample, asserted to be one (not null). */
function taken(meter: LoopDelayMeter, now: number) {
  const delay = meter.take(now);
  assert.ok(delay, 'the interval has a sample');
  return delay;
}

describe('loop delay meter', () => {
  it('records a block the caller ran as at least its length beyond the base resolution, however coarse the timer', () => {
    const meter = new LoopDelayMeter(100, createHistogram(), 0);
    meter.blocked(10, 60, 4);
    const delay = taken(meter, 60);
    assert.ok(Math.abs(delay.max - 46) < 0.5, `max ${delay.max}`);
  });

  it('records nothing for work within both resolutions, and measures the next turn from its end', () => {
    const meter = new LoopDelayMeter(4, createHistogram(), 0);
    meter.blocked(1, 3, 4);
    meter.turn(7);
    assert.ok(taken(meter, 7).max < 0.01);
  });

  it('counts an open gap once: in the sample that sees it, not again at the next turn', () => {
    const meter = new LoopDelayMeter(4, createHistogram(), 0, createHistogram());
    assert.ok(Math.abs(taken(meter, 54).max - 50) < 0.5);
    meter.turn(58);
    assert.ok(taken(meter, 58).max < 0.01);
    assert.ok(Math.abs((meter.overall()?.max ?? 0) - 50) < 0.5, `overall ${meter.overall()?.max}`);
  });

  it('has no sample (null, not zeros) for an interval with no turn, no block and no overdue turn', () => {
    const meter = new LoopDelayMeter(50, createHistogram(), 0, createHistogram());
    assert.equal(meter.take(10), null);
    assert.equal(meter.overall(), null, 'nothing recorded over its life either');
  });

  it('reads jobs that each ended within the resolution as a measured 0, not as no sample', () => {
    const meter = new LoopDelayMeter(50, createHistogram(), 0);
    meter.blocked(1, 3, 4);
    assert.deepEqual(meter.take(10), { p50: 0, p99: 0, max: 0 });
    assert.equal(meter.take(20), null, 'the next interval, with no job and no turn, has no sample');
  });

  it('reads an overdue turn alone as the whole sample: p50 and max the gap', () => {
    const meter = new LoopDelayMeter(4, createHistogram(), 0);
    const delay = taken(meter, 54);
    assert.ok(Math.abs(delay.p50 - 50) < 0.5 && Math.abs(delay.max - 50) < 0.5, `p50 ${delay.p50}, max ${delay.max}`);
  });
});
