/**
 * The stage fits what it shows: a scene with the timeline fills the stage at every projector size, its key names
 * only what is drawn, and a live verdict says its numbers whole on a 1024x768 stage.
 */
import { expect, test } from '@playwright/test';
import { SHIPPED_TALK } from '../shared/present/shipped-talk';
import { collectErrors } from './own-server';
import { bandLabelsClear, labUrl, overflowing, SIZES, stageFill, stageKey } from './stage-measures';

test('a scene that asks for the timeline shows it beside its chart, over the same time as the chart (its rehearsal recording)', async ({ page }) => {
  const errors = collectErrors(page);
  const index = SHIPPED_TALK.scenes.findIndex((scene) => scene.charts?.includes('timeline'));
  expect(index, 'the shipped talk has a scene with the timeline').toBeGreaterThan(0);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(labUrl(`?present=shipped#scene=${index + 1}`));
  const stage = page.getByTestId('stage');
  await expect(stage).toHaveAttribute('data-scene', String(index));
  // The charts show once the scene runs (R) or falls back to its rehearsal recording (V): the recording here, so
  // the timeline draws its lanes over the recording's length, as the chart beside it does.
  await page.keyboard.press('v');
  await expect(stage).toHaveAttribute('data-source', 'recording');
  const charts = page.getByTestId('stage-charts');
  const timeline = charts.getByRole('img', { name: /^Timeline/ });
  await expect(timeline).toBeVisible();
  await expect.poll(async () => Number(await timeline.getAttribute('data-lanes'))).toBeGreaterThan(1);
  // The recording carries the threads' busy slices: the host's lane says how busy it was, not "not measured".
  await expect.poll(async () => timeline.getAttribute('data-host-busy')).toMatch(/^\d/);
  const chart = charts.locator('[data-domain]').first();
  const domain = (await chart.getAttribute('data-domain'))!;
  const [from, to] = domain.split(' ').map(Number) as [number, number];
  expect(to).toBeLessThan(60);
  await expect(timeline).toHaveAttribute('data-from-ms', String(from * 1000));
  await expect(timeline).toHaveAttribute('data-to-ms', String(to * 1000));
  // The timeline and its chart fit the stage at every projector size, and fill it down to the verdict: no empty
  // band taller than a tenth of the screen, every chart text at least 20 px (24 px at 1080 lines).
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await expect.poll(() => overflowing(page), { timeout: 5_000 }).toEqual([]);
    await expect.poll(async () => (await stageFill(page)).emptyBelowCharts, { timeout: 5_000 }).toBeLessThan(size.height / 10);
    const { smallestChartText } = await stageFill(page);
    expect(smallestChartText, `chart text at ${size.width}x${size.height}`).toBeGreaterThanOrEqual(size.height >= 1080 ? 24 : 20);
    // The key names what the drawing shows, no more (at 1024 px all nine entries took three lines), and the
    // card, key included, stays in its cell (it was measured once, before the key grew, and ran off the stage).
    await expect.poll(() => stageKey(page), { timeout: 5_000 }).toEqual({ shown: (await timeline.getAttribute('data-keys'))!, cardsOutsideCells: 0 });
  }
  await page.keyboard.press('v');
  await expect(stage).toHaveAttribute('data-source', 'live');
  expect(errors, 'the stage logged errors').toEqual([]);
});

test('a live verdict on a 1024x768 stage says its numbers and its rule whole, and its phases are named under the time axis', async ({ page }) => {
  // One line cut "main thread 64.9 ms vs worker pool 0.823 ms = 78.8x ≥ 4x" before its ratio at 1024 px.
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(labUrl('?present=shipped#scene=2'));
  const stage = page.getByTestId('stage');
  await expect(stage).toHaveAttribute('data-scene', '1');
  await page.keyboard.press('r');
  const verdict = page.getByTestId('stage-verdict');
  await expect(verdict).toHaveAttribute('data-outcome', /^(holds|does-not-hold|inconclusive)$/, { timeout: 60_000 });
  // Whatever the machine decided (a busy one may leave it inconclusive), the line says why, and all of it shows.
  await expect(page.getByTestId('stage-verdict-numbers')).toHaveText(/\S{3}/);
  const clipped = await verdict.evaluate((element) => element.scrollHeight > element.clientHeight + 1);
  expect(clipped, 'the verdict line is cut').toBe(false);
  await expect.poll(() => overflowing(page), { timeout: 5_000 }).toEqual([]);
  // The phases' names are under the time axis, apart, in their cards: not over the lines they name.
  const bands = await bandLabelsClear(page);
  expect(bands.labels, 'the scene names its phases').toBeGreaterThanOrEqual(2);
  expect({ overPlot: bands.overPlot, overlapping: bands.overlapping, outsideCard: bands.outsideCard }).toEqual({ overPlot: [], overlapping: [], outsideCard: [] });
  // The scene's run has ended with its verdict (R now would start it again, and its end would give the lab's
  // settings back under the next test).
  await expect(page.getByTestId('stage-status')).toHaveAttribute('data-state', 'ended');
  expect(errors, 'the stage logged errors').toEqual([]);
});
