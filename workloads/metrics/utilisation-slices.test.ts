import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BUSY_SLICE_MS } from '../../shared/activity/busy-slices';
import { toEpoch } from './activity-recorder';
import { UtilisationSlices } from './utilisation-slices';

/** Holds the loop for `ms` of wall time (the loop's utilisation counts wall time, however busy the machine). */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

it("a loop held between two readings reads busy in the slices between them, up to the spin's length", async () => {
  const slices = new UtilisationSlices();
  await sleep(10);
  slices.start(performance.now());
  await sleep(1);
  spin(100);
  await sleep(1);
  const now = performance.now();
  slices.flush(now);
  const { busyUs } = slices.bins.takeActivity(toEpoch(now));
  slices.stop();
  const busyMs = busyUs.reduce((sum, us) => sum + us, 0) / 1000;
  assert.ok(busyMs >= 100, `${busyMs} ms busy`);
  assert.ok(busyUs.every((us) => us >= 0 && us <= BUSY_SLICE_MS * 1000), 'no slice over full');
});

it('an exact span is placed where it was: the slices it covers read full', async () => {
  const slices = new UtilisationSlices();
  await sleep(10);
  slices.start(performance.now());
  await sleep(1);
  const startedAt = performance.now();
  spin(100);
  const endedAt = performance.now();
  slices.addSpan(startedAt, endedAt);
  await sleep(20);
  const now = performance.now();
  slices.flush(now);
  const activity = slices.bins.takeActivity(toEpoch(now));
  slices.stop();
  const inside: number[] = [];
  for (let offset = 0; offset < activity.busyUs.length; offset++) {
    const sliceStart = (activity.from + offset) * BUSY_SLICE_MS;
    if (sliceStart >= toEpoch(startedAt) && sliceStart + BUSY_SLICE_MS <= toEpoch(endedAt)) inside.push(activity.busyUs[offset]);
  }
  assert.ok(inside.length >= 3, `${inside.length} slices wholly inside a 100 ms span`);
  assert.deepEqual(inside, inside.map(() => BUSY_SLICE_MS * 1000));
});

it('collections land in the slices', async () => {
  const slices = new UtilisationSlices();
  slices.start(performance.now());
  // Garbage enough for several young-generation collections.
  let keep = 0;
  for (let i = 0; i < 200_000; i++) keep += new Array(16).fill(i).length;
  await sleep(50);
  const now = performance.now();
  slices.flush(now);
  const { gc } = slices.bins.takeActivity(toEpoch(now));
  slices.stop();
  assert.ok(keep > 0 && gc.length >= 4, `collections: ${JSON.stringify(gc)}`);
});
