/**
 * The lab, driven through its UI in real Chromium against the real engine. Assertions wait for states
 * (numbers changing, rows appearing) and never for absolute times: the machine running them may be slow.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULTS } from '../shared/constants';
import { expect, test } from './lab-fixture';

const SCREENSHOTS = join(__dirname, '..', 'test-results', 'screenshots');
/** The unit startup stat's p50 / max: "33.1 / 48.0 ms", or "683 ms / 12.5 s" past 10 s. */
const STARTUP_VALUE = /[\d.]+( m?s)? \/ [\d.]+ m?s/;

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test('a run makes the charts move', async ({ lab, page }) => {
  await lab.strategy('worker-pool');
  await lab.setNumber('size', '25');
  await lab.start();
  await expect(lab.heartbeat).toHaveAttribute('data-status', 'alive');

  const eld = page.getByTestId('chart-eld');
  await expect.poll(() => lab.tickCount()).toBeGreaterThan(3);
  const firstCount = await lab.tickCount();
  const firstT = Number(await eld.getAttribute('data-last-t'));
  const firstPath = await eld.locator('.recharts-line-curve').first().getAttribute('d');
  await expect.poll(() => lab.tickCount()).toBeGreaterThan(firstCount + 3);
  await expect.poll(async () => Number(await eld.getAttribute('data-last-t'))).toBeGreaterThan(firstT);
  await expect.poll(() => eld.locator('.recharts-line-curve').first().getAttribute('d')).not.toBe(firstPath);
  for (const id of ['chart-throughput', 'chart-queue']) {
    await expect.poll(async () => Number(await page.getByTestId(id).getAttribute('data-points'))).toBeGreaterThan(3);
  }
  await expect(page.getByTestId('stat-completed')).not.toContainText('–');
  await expect(page.getByTestId('stat-throughput')).toContainText('jobs/s');
  // The pool's threads started with the run: their startup was measured, and stays on screen.
  await expect(page.getByTestId('stat-startup')).toContainText(STARTUP_VALUE);
  await expect(page.getByTestId('stat-startup')).toContainText(/\d+ units? · /);
});

test('switching strategy under load changes the threads and processes', async ({ lab, page }) => {
  await lab.strategy('worker-pool');
  await lab.setNumber('pool-size', '2');
  await lab.setNumber('size', '27');
  await lab.start();
  const hostPid = await lab.hostPid();

  // worker-pool: worker threads inside the host process, each with a thread id.
  for (const row of await lab.expectOnlyUnitsOf('worker-pool', 2)) {
    await expect(row).toHaveAttribute('data-kind', 'thread');
    await expect(row).toHaveAttribute('data-strategy', 'worker-pool');
    await expect(row).toHaveAttribute('data-pid', String(hostPid));
    expect(Number(await row.getAttribute('data-thread-id'))).toBeGreaterThan(0);
  }

  // child-process, chosen with its key: separate processes with pids of their own.
  await page.keyboard.press('4');
  await expect(page.getByTestId('strategy-child-process')).toHaveAttribute('aria-pressed', 'true');
  const childPids = new Set<string>();
  for (const row of await lab.expectOnlyUnitsOf('child-process', 2)) {
    await expect(row).toHaveAttribute('data-kind', 'process');
    await expect(row).toHaveAttribute('data-strategy', 'child-process');
    await expect(row).toHaveAttribute('data-thread-id', '');
    const pid = (await row.getAttribute('data-pid')) as string;
    expect(Number(pid)).toBeGreaterThan(0);
    expect(Number(pid)).not.toBe(hostPid);
    childPids.add(pid);
  }
  expect(childPids.size).toBe(2);

  // cluster: cluster workers, new processes again.
  await lab.strategy('cluster');
  for (const row of await lab.expectOnlyUnitsOf('cluster', 2)) {
    await expect(row).toHaveAttribute('data-kind', 'process');
    expect(childPids.has((await row.getAttribute('data-pid')) as string)).toBe(false);
  }

  // Every switch is a marker on the event-loop delay chart.
  await expect.poll(async () => Number(await page.getByTestId('chart-eld').getAttribute('data-markers'))).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('chart-eld')).toContainText('→ cluster');
  await expect.poll(() => lab.tickCount()).toBeGreaterThan(40);

  const shot = join(SCREENSHOTS, 'switching.png');
  await page.screenshot({ path: shot, fullPage: true });
  if (process.env.UPDATE_DOCS_SCREENSHOT) {
    mkdirSync(join(__dirname, '..', 'docs'), { recursive: true });
    copyFileSync(shot, join(__dirname, '..', 'docs', 'screenshot.png'));
  }
});

test('an out-of-range value is refused with a readable message', async ({ lab, page }) => {
  await lab.strategy('worker-pool');
  await page.getByTestId('workload').selectOption('fib');
  await lab.start();
  await lab.setNumber('size', '99');
  await expect(lab.banner).toContainText('size: for fib must be an integer between 1 and 40 (n)');
  await expect(page.getByTestId('size')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: join(SCREENSHOTS, 'rejected.png'), fullPage: true });

  // The run goes on with the old value; a valid value clears the message.
  await expect(lab.runToggle).toHaveAttribute('data-running', 'true');
  await lab.setNumber('size', '24');
  await expect(lab.banner).toHaveCount(0);
  await expect(page.getByTestId('size')).toHaveAttribute('aria-invalid', 'false');
});

test('a CPU job on the main thread silences the host, and the UI says so', async ({ lab, page }) => {
  await lab.strategy('main-thread');
  await page.getByTestId('workload').selectOption('fib');
  await page.getByTestId('load-mode-closed').click();
  await lab.setNumber('concurrency', '1');
  // fib(40), the largest size, blocks one core for a second or two: far beyond two ticks even on a fast
  // machine, and short enough for Stop (which waits for the job in flight) to come back quickly.
  await lab.setNumber('size', '40');
  await expect(page.getByTestId('size')).toHaveValue('40');
  await lab.start();
  await expect(lab.heartbeat).toHaveAttribute('data-status', 'silent');
  await expect(lab.heartbeat).toContainText(/host silent for \d+\.\d s/);
  await page.screenshot({ path: join(SCREENSHOTS, 'main-thread-silent.png'), fullPage: true });
  await expect(page.getByTestId('units-empty')).toBeVisible();
  await lab.stopIfRunning();
  await expect(lab.heartbeat).toHaveAttribute('data-status', 'idle');
  // Back to an open load for the next tests.
  await page.getByTestId('load-mode-open').click();
  await lab.setNumber('size', '25');
});

test('a killed unit is shown as killed and replaced by a new one', async ({ lab, page }) => {
  await lab.strategy('child-process');
  // The child mode is in the settings panel: the toolbar has what every run sets.
  await lab.openSettings();
  await page.getByTestId('child-mode-fork').click();
  await lab.setNumber('pool-size', '2');
  await lab.start();
  const [victim] = await lab.expectOnlyUnitsOf('child-process', 2);
  const pid = (await victim!.getAttribute('data-pid')) as string;
  await victim!.getByTestId('crash-unit').click();
  const killed = page.locator(`[data-testid="unit-row"][data-pid="${pid}"]`);
  await expect(killed).toHaveAttribute('data-state', 'exited');
  await expect(killed).toHaveAttribute('data-exit-cause', 'killed');
  await expect(killed).toContainText('killed');
  // The pool is whole again, with a new process in place of the killed one.
  await expect(lab.liveUnitsOf('child-process')).toHaveCount(2);
  await expect(page.locator(`[data-testid="unit-row"][data-pid="${pid}"]:not([data-state="exited"])`)).toHaveCount(0);
});

test('pausing the view freezes the charts while data keeps arriving', async ({ lab, page }) => {
  await lab.strategy('worker-pool');
  await lab.start();
  await expect.poll(() => lab.tickCount()).toBeGreaterThan(2);
  await page.getByTestId('pause-toggle').click();
  await expect(page.getByTestId('paused-badge')).toBeVisible();
  const frozen = await lab.tickCount();
  const frozenT = await page.getByTestId('chart-eld').getAttribute('data-last-t');
  // The host keeps ticking (the heartbeat stays alive) but the view does not move.
  await expect(lab.heartbeat).toHaveAttribute('data-status', 'alive');
  await page.waitForTimeout(1_000);
  expect(await lab.tickCount()).toBe(frozen);
  expect(await page.getByTestId('chart-eld').getAttribute('data-last-t')).toBe(frozenT);
  await page.getByTestId('pause-toggle').click();
  await expect.poll(() => lab.tickCount()).toBeGreaterThan(frozen);
});

test('the theme toggles between dark and light', async ({ lab, page }) => {
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await lab.strategy('cluster');
  await lab.start();
  await expect(lab.liveUnits()).not.toHaveCount(0);
  await expect.poll(() => lab.tickCount()).toBeGreaterThan(15);
  await page.screenshot({ path: join(SCREENSHOTS, 'light.png'), fullPage: true });
  await page.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
});

test('worker-per-task shows the startup every job pays, and its threads come and go without greyed rows', async ({ lab, page }) => {
  await lab.strategy('worker-per-task');
  await page.getByTestId('workload').selectOption('fib');
  await page.getByTestId('load-mode-open').click();
  await lab.setNumber('rate', '20');
  await lab.setNumber('size', '20');
  await lab.start();
  // A thread per job: startup is measured interval after interval, so it reads as current.
  const startup = page.getByTestId('stat-startup');
  await expect(startup).toContainText(/\d+ units? · now/);
  await expect(startup).toContainText(STARTUP_VALUE);
  await expect(page.getByTestId('chart-throughput')).toContainText('unit startup p50');
  await expect.poll(() => lab.tickCount()).toBeGreaterThan(10);
  // Threads done with their job leave the table at once: no "exited" row piles up.
  for (let i = 0; i < 5; i++) {
    await expect(page.locator('[data-testid="unit-row"][data-state="exited"]')).toHaveCount(0);
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path: join(SCREENSHOTS, 'worker-per-task.png'), fullPage: true });
  await lab.setNumber('rate', String(DEFAULTS.rate));
});
