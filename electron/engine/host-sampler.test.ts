import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { HostSampler } from './host-sampler';

it('host sampler keeps a block of an earlier interval in the whole-run delay', async () => {
  const sampler = new HostSampler();
  await sleep(20);
  const end = performance.now() + 50;
  while (performance.now() < end);
  await sleep(20);
  const blockedInterval = sampler.sample();
  await sleep(50);
  const calmInterval = sampler.sample();
  const overall = sampler.overallDelay();
  sampler.stop();
  assert.ok(blockedInterval.eld.max >= 45, `interval max ${blockedInterval.eld.max}`);
  assert.ok(calmInterval.eld.max < blockedInterval.eld.max, `calm ${calmInterval.eld.max}`);
  assert.ok(overall.max >= 45, `overall max ${overall.max}`);
  assert.ok(blockedInterval.cpu === null || blockedInterval.cpu <= 1, `cpu ${blockedInterval.cpu}`);
  assert.equal(blockedInterval.pid, process.pid);
});
