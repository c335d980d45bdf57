/**
 * What a new user stumbled over, each as they met it: an error that outlived its cause or named an internal
 * field, toggles that looked off but took the keyboard's focus, and chart pictures that were Tab stops named by
 * their tick labels. No run is needed: the settings are refused or taken by the engine at rest.
 */
import { expect, test } from './lab-fixture';

test("a field's error names it by its label, goes when the field is set right, and the newest one shows", async ({ lab, page }) => {
  await lab.strategy('worker-pool');
  await page.getByTestId('load-mode-open').click();
  await lab.setNumber('pool-size', '2');
  await expect(page.getByTestId('pool-size')).toHaveValue('2');
  await lab.setNumber('pool-size', '0');
  await expect(lab.banner).toContainText('pool size: ');
  await expect(lab.banner).not.toContainText('poolSize');
  // Back to the value the engine has (2): nothing is sent, and the error no longer applies.
  await lab.setNumber('pool-size', '2');
  await expect(lab.banner).toHaveCount(0);
  await expect(page.getByTestId('pool-size')).toHaveAttribute('aria-invalid', 'false');

  await lab.setNumber('pool-size', '0');
  await lab.setNumber('rate', 'abc');
  await expect(page.getByTestId('error-message').last()).toContainText('rate: ');
  await expect(page.getByTestId('error-message').last()).not.toContainText('pool size');
  await lab.setNumber('rate', '5');
  await expect(page.getByTestId('error-message')).toHaveCount(1);
  await expect(lab.banner).toContainText('pool size: ');
  await lab.setNumber('pool-size', '3');
  await expect(lab.banner).toHaveCount(0);
});

test('settings that do not apply are disabled, out of the Tab order, with a title that says why', async ({ lab, page }) => {
  await lab.strategy('worker-pool');
  await page.getByTestId('workload').selectOption('fib');
  await lab.openSettings();
  for (const id of ['payload-clone', 'payload-transfer', 'child-mode-fork']) {
    const button = page.getByTestId(id);
    await expect(button).toBeDisabled();
  }
  await expect(page.getByTestId('payload')).toHaveAttribute('title', /^Does not apply now: only for the pixels workload/);
  await expect(page.getByTestId('child-mode')).toHaveAttribute('title', /^Does not apply now: only for the child-process strategy/);
  await page.getByTestId('workload').selectOption('pixels');
  await expect(page.getByTestId('payload-transfer')).toBeEnabled();
  await expect(page.getByTestId('payload')).not.toHaveAttribute('title', /Does not apply/);
});

test('a chart card is named by its title, and the picture inside it is no Tab stop', async ({ lab, page }) => {
  await expect(lab.heartbeat).toBeVisible();
  await expect(page.getByRole('figure', { name: /^Host event-loop delay/ })).toBeVisible();
  await expect(page.locator('.chart-card svg[tabindex]:not([tabindex="-1"])')).toHaveCount(0);
  await expect(page.locator('.chart-card svg[role="application"]')).toHaveCount(0);
});
