/**
 * The picture first: once a run starts, the host's event-loop delay chart and the timeline are on screen without
 * scrolling, at the two window sizes the lab is most often shown at. Boxes are compared with the viewport only.
 */
import { expect, test } from './lab-fixture';

for (const size of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`at ${size.width}x${size.height}, after Start, the host delay chart and the timeline are on screen`, async ({ lab, page }) => {
    await page.setViewportSize(size);
    await lab.strategy('worker-pool');
    await lab.start();
    await expect.poll(() => lab.tickCount()).toBeGreaterThan(2);
    await expect(page.getByTestId('diagnosis')).toBeVisible();
    for (const id of ['chart-eld', 'timeline']) {
      const box = await page.getByTestId(id).boundingBox();
      if (!box) throw new Error(`${id} has no box`);
      expect(box.x, `${id} left`).toBeGreaterThanOrEqual(0);
      expect(box.y, `${id} top`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${id} right`).toBeLessThanOrEqual(size.width);
      expect(box.y + box.height, `${id} bottom`).toBeLessThanOrEqual(size.height);
    }
  });
}
