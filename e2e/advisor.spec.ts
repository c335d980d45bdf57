/**
 * The Advisor panel where users meet it: Advise runs the real advisor in the engine with the current settings, a
 * progress bar moves through the cells, and the answer arrives with its reasons, a table and a chart. Which answer
 * is not asserted (the test machine may be loaded: then it is honestly inconclusive); that one came, in words, is.
 */
import { expect, test } from './lab-fixture';

test('Advise measures every strategy with a progress bar and ends with a recommendation, its reasons, a table and a chart', async ({ lab, page }) => {
  await lab.open();
  await page.getByTestId('advisor-toggle').click();
  await page.getByTestId('advisor-budget').fill('20');
  await page.getByTestId('advisor-run').click();
  await expect(page.getByTestId('advisor-progress')).toBeVisible();
  await expect(lab.runToggle).toHaveAttribute('data-running', 'true');
  const advice = page.getByTestId('advice');
  await expect(advice).toHaveAttribute('data-kind', /^(offload|main-thread|io-bound|inconclusive)$/, { timeout: 90_000 });
  await expect(advice.locator('.advice-reasons li').first()).toContainText(/\d/);
  // Main-thread and four strategies at pool sizes 1 and 2 (and the core count, where it is more than 2).
  expect(await page.getByTestId('advisor-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(9);
  await expect(page.getByTestId('advisor-chart')).not.toHaveAttribute('data-points', '0');
  await expect(page.getByTestId('advisor-progress')).toHaveCount(0);
  await expect(lab.runToggle).toHaveAttribute('data-running', 'false');
  await page.getByTestId('advisor-panel').screenshot({ path: 'test-results/screenshots/advisor.png' });
});
