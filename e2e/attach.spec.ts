/**
 * Attach, as a user does it in browser mode: the Attach panel starts the example app (a cluster primary, two
 * worker processes, each with a pool of worker threads) with the lab's agent, real HTTP load reaches it, and the
 * page shows its processes, their HTTP and the app's threads on the timeline; Stop ends the app's whole process
 * group and the page says how it ended. The shared server does not allow attaching (it runs what the page
 * names), so this test starts one of its own with --allow-attach.
 */
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { alive, startWebServer, stopWebServer } from './own-server';

/** A port free right now (the app is told it through PORT: the panel's command runs `env PORT=… node …`). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

test('attach from the page: the app’s processes, HTTP and threads live, and Stop ends them all', async ({ page }) => {
  const { server, url } = await startWebServer(['--allow-attach']);
  const port = await freePort();
  let loading = true;
  try {
    await page.goto(url);
    await page.getByTestId('attach-toggle').click();
    await page.getByTestId('attach-command').fill(`env PORT=${port} node examples/attach/server.mjs`);
    await expect(page.getByTestId('attach-argv').locator('li')).toHaveCount(4);
    await page.getByTestId('attach-start').click();
    await expect(page.getByTestId('attach-running-command')).toContainText('examples/attach/server.mjs');

    // Real load, from the test: fast requests and some that block a worker's loop, until the figures are in.
    const load = (async () => {
      while (loading) {
        const routes = ['/', '/', '/fib?n=24', '/offload?n=24'];
        await Promise.all(routes.map((route) => fetch(`http://127.0.0.1:${port}${route}`).then((r) => r.arrayBuffer(), () => undefined)));
      }
    })();

    // The primary and its two workers, each reporting through the agent.
    const rows = page.getByTestId('app-process');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('app-process-agent').filter({ hasText: 'yes' })).toHaveCount(3);
    // HTTP served by the workers: some responses a second (the column's unit is in its header, req/s).
    await expect.poll(async () => (await page.getByTestId('app-process-rate').allTextContents()).some((text) => Number(text) > 0)).toBe(true);
    // Every thread is a row of the unit table (and a lane of the timeline): the primary, two workers, their pools' threads.
    await expect.poll(async () => Number(await page.getByTestId('unit-table').getAttribute('data-count'))).toBeGreaterThanOrEqual(5);
    const pids = (await rows.evaluateAll((cells) => cells.map((row) => Number(row.getAttribute('data-pid'))))).filter((pid) => pid > 0);
    expect(pids.length).toBeGreaterThanOrEqual(3);

    loading = false;
    await load;
    await page.getByTestId('attach-stop').click();
    await expect(page.getByTestId('attach-exit')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('attach-exit')).toContainText(/Stop/);
    // Nothing of the app is left.
    await expect.poll(() => pids.filter(alive).length, { timeout: 15_000 }).toBe(0);
  } finally {
    loading = false;
    await stopWebServer(server);
  }
});
