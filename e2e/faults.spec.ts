/**
 * Faults, limits and bad input, through the UI against the real engine: crash injection shows as marks on the
 * delay chart, lines in the event log and replaced rows in the unit table; a small queue drops jobs; the run's
 * summary appears when it stops. As everywhere, assertions wait for states, never for absolute times.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULTS } from '../shared/constants';
import type { Page } from '@playwright/test';
import { expect, test, type LabPage } from './lab-fixture';

const SCREENSHOTS = join(__dirname, '..', 'test-results', 'screenshots');

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

// One engine serves every test and keeps its settings: leave the faults, limits and rate as the next test expects.
test.afterEach(async ({ lab, page }) => {
  await lab.stopIfRunning();
  await lab.resetFaults();
  await page.getByTestId('load-mode-open').click();
  await lab.setNumber('rate', String(DEFAULTS.rate));
  await expect(page.getByTestId('rate')).toHaveValue(String(DEFAULTS.rate));
});

/** The number a stat shows ("1,071" → 1071). */
async function statValue(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).locator('.stat-value').textContent())?.replace(/,/g, ''));
}

/** Thread ids of the live rows of a strategy, read in one go (rows come and go while crashes happen). */
function liveThreadIds(lab: LabPage): Promise<string[]> {
  return lab.liveUnitsOf('worker-pool').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-thread-id') ?? ''));
}

test('an exit fault every 5th job crashes threads: marked on the chart, told in the log, replaced', async ({ lab, page }) => {
  await lab.strategy('worker-pool');
  await page.getByTestId('workload').selectOption('fib');
  await page.getByTestId('load-mode-open').click();
  await lab.setNumber('pool-size', '2');
  await lab.setNumber('size', '25');
  await lab.setNumber('rate', '20');
  // Jobs carry their fault from submission: a short queue keeps few faulty jobs waiting once the fault is off
  // (each costs a restart backoff of up to 5 s).
  await lab.openFaults();
  await lab.setNumber('max-queue', '10');
  await expect(page.getByTestId('max-queue')).toHaveValue('10');
  await lab.start();
  await lab.expectOnlyUnitsOf('worker-pool', 2);
  const firstIds = new Set(await liveThreadIds(lab));
  // A few calm seconds first, so the chart shows the run before and after the fault.
  await expect.poll(() => lab.tickCount()).toBeGreaterThan(15);

  // Applied at once, under load.
  // A click, not check(): the box shows the engine's answer, which arrives a moment later.
  await page.getByTestId('retry').click();
  await expect(page.getByTestId('retry')).toBeChecked();
  await lab.setNumber('fault-every', '5');
  await page.getByTestId('fault-exit').click();
  await expect(page.getByTestId('fault-exit')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('fault-help')).toContainText('every 5th job ends its thread or process with code 1');

  // A red mark on the host's delay chart, with the words in its tooltip.
  const eld = page.getByTestId('chart-eld');
  await expect.poll(async () => Number(await eld.getAttribute('data-exit-markers'))).toBeGreaterThan(0);
  const marker = eld.getByTestId('exit-marker').first();
  // The engine knows the job carried the fault: an injected crash, not one of the unit's own.
  await expect(marker).toHaveAttribute('data-cause', 'injected');
  await expect(marker.locator('title')).toHaveText(/thread \d+ crashed \(injected\): exited with code 1 \(injected fault: exit\)/);
  await expect(page.getByTestId('exit-legend')).toContainText('crashed (injected)');

  // The event log says which thread and why.
  const log = page.getByTestId('event-log');
  const crash = log.locator('[data-testid="event-entry"][data-kind="injected"]').first();
  await expect(crash).toContainText(/thread \d+/);
  await expect(crash).toContainText('exited with code 1');
  await expect(log.locator('[data-testid="event-entry"][data-kind="config"]').first()).toContainText('fault exit');

  // The unit table shows the dead thread, and new threads take its place.
  await expect(page.locator('[data-testid="unit-row"][data-exit-cause="injected"]').first()).toContainText('crashed (injected)');
  await expect.poll(async () => (await liveThreadIds(lab)).some((id) => id !== '' && !firstIds.has(id))).toBe(true);
  await expect(log.locator('[data-testid="event-entry"][data-kind="replaced"]').first()).toContainText(/replaces thread \d+/);
  // A job that died with its thread ran once more (retry on); it carries its fault, so it fails the second time.
  await expect.poll(() => statValue(page, 'stat-retried')).toBeGreaterThan(0);
  await expect.poll(() => statValue(page, 'stat-failed')).toBeGreaterThan(0);
  // Crashes the user asked for are in the log, not piled up in the banner.
  await expect(lab.banner).toHaveCount(0);
  await expect.poll(() => lab.tickCount()).toBeGreaterThan(60);
  await expect(lab.banner).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'faults-exit.png'), fullPage: true });
  await page.getByTestId('chart-eld').screenshot({ path: join(SCREENSHOTS, 'faults-exit-chart.png') });

  // Without the fault the pool is whole again, on threads it did not start with.
  await page.getByTestId('fault-none').click();
  const rows = await lab.expectOnlyUnitsOf('worker-pool', 2);
  expect(rows).toHaveLength(2);
  const ids = await liveThreadIds(lab);
  expect(ids.some((id) => !firstIds.has(id))).toBe(true);
});

test('a hanging job is ended by the job timeout and the unit reads "timed out"', async ({ lab, page }) => {
  await lab.strategy('worker-pool');
  await page.getByTestId('workload').selectOption('fib');
  await page.getByTestId('load-mode-open').click();
  await lab.setNumber('size', '20');
  await lab.setNumber('rate', '20');
  await lab.setNumber('pool-size', '2');
  await lab.openFaults();
  await lab.setNumber('job-timeout', '300');
  await lab.setNumber('fault-every', '10');
  await page.getByTestId('fault-hang').click();
  await expect(page.getByTestId('fault-hang')).toHaveAttribute('aria-pressed', 'true');
  await lab.start();

  const eld = page.getByTestId('chart-eld');
  await expect(eld.locator('[data-testid="exit-marker"][data-cause="timeout"]').first().locator('title')).toHaveText(
    /thread \d+ timed out: ended to cancel a job that ran over 300 ms/,
  );
  await expect(page.getByTestId('event-log').locator('[data-testid="event-entry"][data-kind="timeout"]').first()).toContainText('ran over 300 ms');
  await expect(page.locator('[data-testid="unit-row"][data-exit-cause="timeout"]').first()).toContainText('timed out');
});

test('a small queue under a high rate drops jobs, and the summary of the run says so', async ({ lab, page }) => {
  await lab.strategy('main-thread');
  await page.getByTestId('workload').selectOption('fib');
  await page.getByTestId('load-mode-open').click();
  await lab.setNumber('size', '27');
  await lab.setNumber('rate', '2000');
  await lab.openFaults();
  await lab.setNumber('max-queue', '5');
  await expect(page.getByTestId('max-queue')).toHaveValue('5');
  // Some jobs fail too, so the summary has reasons to group.
  await lab.setNumber('fault-every', '10');
  await page.getByTestId('fault-throw').click();
  await expect(page.getByTestId('fault-throw')).toHaveAttribute('aria-pressed', 'true');
  await lab.start();

  await expect.poll(() => statValue(page, 'stat-dropped')).toBeGreaterThan(0);
  await expect(page.getByTestId('stat-dropped')).toHaveClass(/stat-warn/);
  await expect(page.getByTestId('run-summary')).toHaveCount(0);

  await expect(page.getByTestId('stat-failed')).toHaveClass(/stat-bad/);

  await lab.stopIfRunning();
  const summary = page.getByTestId('run-summary');
  await expect(summary).toBeVisible();
  expect(await statValue(page, 'summary-dropped')).toBeGreaterThan(0);
  // The full queue at the stop (one thread, 2,000 arrivals a second) never started: cancelled, not failed.
  expect(await statValue(page, 'summary-cancelled')).toBeGreaterThan(0);
  await expect(summary.getByTestId('summary-failures')).not.toContainText('run stopped');
  await expect(summary.getByTestId('summary-alive')).toHaveText(/^0/);
  // Failed jobs, grouped by reason with their count.
  await expect(summary.getByTestId('summary-failures')).toContainText('injected fault: the job threw');
  await expect(summary.getByTestId('failure-reason').first()).toContainText(/^\d+/);
  await page.screenshot({ path: join(SCREENSHOTS, 'summary.png'), fullPage: true });

  // The next start clears it.
  await page.getByTestId('fault-none').click();
  await lab.setNumber('size', '25');
  await lab.start();
  await expect(summary).toHaveCount(0);
});

test('a bad memory limit is refused with a readable message and the run goes on', async ({ lab, page }) => {
  await lab.strategy('worker-pool');
  await page.getByTestId('load-mode-open').click();
  await lab.start();
  await lab.openFaults();
  await lab.setNumber('memory-limit', '8');
  await expect(lab.banner).toContainText('memory limit: must be 0 (no limit) or an integer between 16 and 16384');
  await expect(page.getByTestId('memory-limit')).toHaveAttribute('aria-invalid', 'true');
  await expect(lab.runToggle).toHaveAttribute('data-running', 'true');
  await lab.setNumber('memory-limit', '256');
  await expect(lab.banner).toHaveCount(0);
  await expect(page.getByTestId('memory-limit')).toHaveValue('256');
  await expect(page.getByTestId('memory-limit')).toHaveAttribute('aria-invalid', 'false');
});
