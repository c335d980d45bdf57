/**
 * The shipped talk's attach scene, as a speaker gives it in browser mode: R on the stage starts the example app
 * (a cluster primary, two workers with their thread pools, and the load it forks with --demo-load) with the lab's
 * agent; the stage shows its processes and its HTTP filling the charts (titled for HTTP, not for jobs); leaving
 * the scene stops it, and no process of it is left. Attaching needs a server started with --allow-attach, so
 * this test starts one of its own (the shared one does not allow it); on the shared one, the stage shows the
 * host's refusal, naming the flag, and V still opens the scene's rehearsal recording.
 */
import { expect, test } from '@playwright/test';
import { SHIPPED_TALK } from '../shared/present/shipped-talk';
import { alive, collectErrors, startWebServer, stopWebServer } from './own-server';

/** The 1-based `#scene=` of the shipped talk's attach scene. */
const ATTACH_SCENE = SHIPPED_TALK.scenes.findIndex((scene) => scene.attach !== undefined) + 1;

test('the attach scene starts the demo app from the stage, shows its processes and HTTP, and leaving the scene ends every process of it', async ({ page }, testInfo) => {
  expect(ATTACH_SCENE, 'the shipped talk has an attach scene').toBeGreaterThan(0);
  const { server, url } = await startWebServer(['--allow-attach', '--present']);
  const errors = collectErrors(page);
  let pids: number[] = [];
  try {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${url}?present=shipped#scene=${ATTACH_SCENE}`);
    const stage = page.getByTestId('stage');
    await expect(stage).toHaveAttribute('data-scene', String(ATTACH_SCENE - 1));
    const status = page.getByTestId('stage-status');
    await expect(status).toHaveAttribute('data-state', 'ready');
    await expect(status).toContainText('Press R to start env PORT=0 node examples/attach/server.mjs --demo-load');

    await page.keyboard.press('r');
    await expect(status).toHaveAttribute('data-state', 'running');
    // The primary, its two workers and the load it forked: four processes, every one with the agent.
    await expect.poll(async () => Number(await status.getAttribute('data-processes'))).toBeGreaterThanOrEqual(4);
    // The load's requests fill the HTTP chart, titled for HTTP (not the lab's jobs).
    const charts = page.getByTestId('stage-charts');
    await expect(charts).toContainText('HTTP requests/s and HTTP latency');
    await expect(charts).not.toContainText('Throughput and latency');
    const throughput = charts.getByTestId('chart-throughput');
    await expect.poll(async () => Number(await throughput.getAttribute('data-points'))).toBeGreaterThan(3);
    await expect(status).toContainText('req/s');
    // Every thread of the app is a lane of the timeline: the primary, the workers, their pools' threads, the load.
    const timeline = charts.getByRole('img', { name: /^Timeline/ });
    await expect.poll(async () => Number(await timeline.getAttribute('data-lanes'))).toBeGreaterThanOrEqual(5);
    await expect(page.getByTestId('stage-notice')).toHaveCount(0);
    pids = ((await status.getAttribute('data-pids')) ?? '').split(' ').filter(Boolean).map(Number);
    expect(pids.length).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: testInfo.outputPath('attach-scene-1920x1080.png') });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: testInfo.outputPath('attach-scene-1024x768.png') });

    // The next scene: the stage stops the app (its whole process group), and nothing of it is left.
    await page.keyboard.press('ArrowRight');
    await expect(stage).toHaveAttribute('data-scene', String(ATTACH_SCENE));
    await expect.poll(() => pids.filter(alive).length, { timeout: 30_000 }).toBe(0);
    expect(errors, 'the stage logged errors').toEqual([]);
  } finally {
    await stopWebServer(server);
    // Whatever a failure left behind: the app's processes are this test's to end.
    for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
  }
});

test("without --allow-attach the stage says the host's refusal, naming the flag, and V shows the scene's rehearsal recording", async ({ page }) => {
  const labUrl = process.env.LAB_URL;
  if (!labUrl) throw new Error('LAB_URL is not set: run through playwright.config.ts, whose webServer sets it');
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${labUrl}?present=shipped#scene=${ATTACH_SCENE}`);
  const stage = page.getByTestId('stage');
  await expect(stage).toHaveAttribute('data-scene', String(ATTACH_SCENE - 1));
  await page.keyboard.press('r');
  await expect(page.getByTestId('stage-notice')).toContainText('Not attached:');
  await expect(page.getByTestId('stage-notice')).toContainText('npm run web -- --allow-attach');
  await expect(page.getByTestId('stage-notice')).toContainText('V shows the rehearsal recording');
  await expect(page.getByTestId('stage-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('stage-charts')).toHaveCount(0);

  await page.keyboard.press('v');
  await expect(stage).toHaveAttribute('data-source', 'recording');
  await expect(page.getByTestId('stage-recorded')).toContainText('RECORDED');
  const charts = page.getByTestId('stage-charts');
  await expect(charts).toContainText('HTTP requests/s and HTTP latency');
  await expect.poll(async () => Number(await charts.getByTestId('chart-throughput').getAttribute('data-points'))).toBeGreaterThan(3);
  await page.keyboard.press('v');
  await expect(stage).toHaveAttribute('data-source', 'live');
  expect(errors, 'the stage logged errors').toEqual([]);
});
