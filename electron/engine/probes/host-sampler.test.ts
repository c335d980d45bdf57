import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { HOST_PROBE_RESOLUTION_MS } from '../../../shared/constants';
import { HostSampler } from './host-sampler';

it('host sampler keeps a block of an earlier interval in the whole-run delay', async () => {
  const sampler = new HostSampler();
  await sleep(20);
  // Longer than the timer's period, so a turn falls due inside it whatever the phase; and far longer than any
  // delay a busy machine's scheduler gives the calm interval after it, so "calm reads less" holds under load.
  const blockMs = HOST_PROBE_RESOLUTION_MS + 400;
  const end = performance.now() + blockMs;
  while (performance.now() < end);
  await sleep(20);
  const blockedInterval = sampler.sample();
  await sleep(HOST_PROBE_RESOLUTION_MS + 20);
  const calmInterval = sampler.sample();
  const overall = sampler.overallDelay();
  sampler.stop();
  assert.ok(blockedInterval.eld && calmInterval.eld && overall, 'every interval here had a turn of the timer');
  // The timer sees the block less at most its own period.
  const seen = blockMs - HOST_PROBE_RESOLUTION_MS - 1;
  assert.ok(blockedInterval.eld.max >= seen, `interval max ${blockedInterval.eld.max}`);
  assert.ok(calmInterval.eld.max < blockedInterval.eld.max, `calm ${calmInterval.eld.max}`);
  assert.ok(overall.max >= seen, `overall max ${overall.max}`);
  assert.ok(blockedInterval.cpu === null || blockedInterval.cpu <= 1, `cpu ${blockedInterval.cpu}`);
  assert.equal(blockedInterval.pid, process.pid);
});

it('a job on the host loop is measured at its boundaries to 4 ms, finer than the timer', async () => {
  const sampler = new HostSampler();
  await sleep(20);
  sampler.sample();
  const started = performance.now();
  while (performance.now() < started + 50);
  sampler.jobRan(started);
  const interval = sampler.sample();
  sampler.stop();
  assert.ok(interval.eld, 'the job was measured');
  assert.ok(interval.eld.max >= 45, `a 50 ms job reads ${interval.eld.max} ms`);
});

it('an interval with no turn of the timer and no job has no loop delay: null, not zeros', async () => {
  const sampler = new HostSampler();
  await sleep(HOST_PROBE_RESOLUTION_MS + 20);
  sampler.sample();
  // At once again: shorter than the timer's period, so nothing was sampled in between.
  const empty = sampler.sample();
  sampler.stop();
  assert.equal(empty.eld, null);
});
