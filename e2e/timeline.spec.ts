/**
 * The timeline where users meet it: a canvas named "Timeline" with a lane per thread, the host's main thread
 * first. What it draws is read from the model's own words (data-* attributes the drawing sets), not from pixels.
 * No timing is asserted: lanes are counted, and the host's busy share is compared with a half, under a load
 * (fib on the main thread, two jobs always outstanding) that keeps it busy on any machine.
 */
import { DEFAULTS } from '../shared/constants';
import { expect, test } from './lab-fixture';

test('a lane per thread: the host and a pool of four, and the host lane busy once jobs run on the main thread', async ({ lab, page }) => {
  await lab.strategy('worker-pool');
  await page.getByTestId('workload').selectOption('fib');
  await page.getByTestId('load-mode-open').click();
  await lab.setNumber('pool-size', '4');
  await expect(page.getByTestId('pool-size')).toHaveValue('4');
  await lab.setNumber('size', '27');
  await lab.start();

  const timeline = page.getByRole('img', { name: /Timeline/ });
  await expect(timeline).toBeVisible();
  await expect(timeline).toHaveAttribute('data-lanes', '5');
  await expect(timeline).toHaveAttribute('aria-label', /5 lanes; host main thread busy/);
  await expect(page.getByTestId('timeline-legend')).toContainText(/busy.*idle.*blocked.*GC.*timeout.*switch/);

  // The pointer over the host's lane names it.
  const box = await timeline.boundingBox();
  if (!box) throw new Error('the timeline has no box');
  await page.mouse.move(box.x + box.width - 40, box.y + 20);
  await expect(page.getByTestId('timeline-tooltip')).toContainText('host main thread');
  await page.mouse.move(0, 0);

  // Jobs on the host's own thread, two always outstanding: its lane fills.
  await page.getByTestId('load-mode-closed').click();
  await lab.setNumber('concurrency', '2');
  await expect(page.getByTestId('concurrency')).toHaveValue('2');
  await lab.setNumber('size', '30');
  await lab.strategy('main-thread');
  await expect.poll(async () => Number(await timeline.getAttribute('data-host-busy'))).toBeGreaterThan(0.5);
  await lab.stopIfRunning();

  // Back to what the next tests expect.
  await page.getByTestId('load-mode-open').click();
  await lab.setNumber('pool-size', String(DEFAULTS.poolSize));
  await lab.setNumber('size', '25');
});

test('the timeline exports as SVG built from its lanes', async ({ lab, page }) => {
  await lab.strategy('worker-pool');
  await lab.start();
  await expect.poll(() => lab.tickCount()).toBeGreaterThan(3);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('timeline-export-svg').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^timeline-.*\.svg$/);
});

/** The text of the last tick label on a chart's x axis (what a reader sees at the right edge). */
async function lastXTick(page: import('@playwright/test').Page, testId: string): Promise<string> {
  const labels = await page.getByTestId(testId).locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
  return labels.at(-1) ?? '';
}

test("a short run fills the chart's width: after 5 s the x axis does not end at 60 s, and the timeline spans the same time", async ({ lab, page }) => {
  await lab.strategy('worker-pool');
  await lab.start();
  // 5 s of run time, read from the ticks' own clock (the chart's newest point), not from a wall clock.
  const eld = page.getByTestId('chart-eld');
  await expect.poll(async () => Number(await eld.getAttribute('data-last-t'))).toBeGreaterThanOrEqual(5);
  await expect.poll(() => lastXTick(page, 'chart-eld')).toMatch(/^\d+ s$/);
  expect(await lastXTick(page, 'chart-eld')).not.toBe('60 s');
  await lab.stopIfRunning();
  // Stopped, the window holds still: the timeline's window is the charts' domain.
  const domain = await eld.getAttribute('data-domain');
  expect(domain).toMatch(/^0 \d+/);
  const end = Number(domain!.split(' ')[1]);
  expect(end).toBeLessThan(60);
  const timeline = page.getByRole('img', { name: /^Timeline/ });
  await expect(timeline).toHaveAttribute('data-from-ms', '0');
  await expect(timeline).toHaveAttribute('data-to-ms', String(end * 1000));
});
