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
