/**
 * The `lab` fixture: a page opened on the browser-mode server, with helpers that speak in the UI's terms
 * (data-testid attributes), and two guards every test gets for free: the page must log no error (a CSP
 * violation, a React error) and, afterwards, the run is stopped so the next test starts from rest.
 */
import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { DEFAULTS, type StrategyName } from '../shared/constants';

export class LabPage {
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(message.text());
    });
    page.on('pageerror', (error) => this.errors.push(error.message));
  }

  async open(): Promise<void> {
    const url = process.env.LAB_URL;
    if (!url) throw new Error('LAB_URL is not set: run through playwright.config.ts, whose webServer sets it');
    await this.page.goto(url);
    await expect(this.heartbeat).not.toHaveAttribute('data-status', 'offline');
  }

  get heartbeat(): Locator {
    return this.page.getByTestId('heartbeat');
  }

  get runToggle(): Locator {
    return this.page.getByTestId('run-toggle');
  }

  get banner(): Locator {
    return this.page.getByTestId('error-banner');
  }

  /** Rows of units that have not exited (exited ones stay greyed for a few seconds). */
  liveUnits(): Locator {
    return this.page.locator('[data-testid="unit-row"]:not([data-state="exited"])');
  }

  /** Live rows of one strategy's units. */
  liveUnitsOf(strategy: StrategyName): Locator {
    return this.page.locator(`[data-testid="unit-row"][data-strategy="${strategy}"]:not([data-state="exited"])`);
  }

  /** Waits until exactly `count` units are alive and all belong to `strategy` (the old ones have drained). */
  async expectOnlyUnitsOf(strategy: StrategyName, count: number): Promise<Locator[]> {
    await expect(this.liveUnitsOf(strategy)).toHaveCount(count);
    await expect(this.liveUnits()).toHaveCount(count);
    return this.liveUnitsOf(strategy).all();
  }

  async hostPid(): Promise<number> {
    await expect(this.heartbeat).not.toHaveAttribute('data-host-pid', '');
    return Number(await this.heartbeat.getAttribute('data-host-pid'));
  }

  async tickCount(): Promise<number> {
    return Number(await this.page.getByTestId('stats').getAttribute('data-tick-count'));
  }

  async strategy(name: StrategyName): Promise<void> {
    await this.page.getByTestId(`strategy-${name}`).click();
    await expect(this.page.getByTestId(`strategy-${name}`)).toHaveAttribute('aria-pressed', 'true');
  }

  /** Types into a numeric field and sends it with Enter, as a user would. */
  async setNumber(testId: string, value: string): Promise<void> {
    const field = this.page.getByTestId(testId);
    await field.fill(value);
    await field.press('Enter');
  }

  /** Opens the settings panel beside the picture (the toolbar's "⚙ Settings"): the other run settings, faults and limits. */
  async openSettings(): Promise<void> {
    const toggle = this.page.getByTestId('settings-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await expect(this.page.getByTestId('fault')).toBeVisible();
  }

  /** The faults and limits are in the settings panel. */
  async openFaults(): Promise<void> {
    await this.openSettings();
  }

  /** Puts every fault and limit back to its default: one engine serves all tests, settings outlive a test. */
  async resetFaults(): Promise<void> {
    await this.openFaults();
    await this.page.getByTestId('fault-none').click();
    await expect(this.page.getByTestId('fault-none')).toHaveAttribute('aria-pressed', 'true');
    const numbers: Array<[string, number]> = [
      ['fault-every', DEFAULTS.faultEvery],
      ['job-timeout', DEFAULTS.jobTimeoutMs],
      ['memory-limit', DEFAULTS.memoryLimitMb],
      ['max-queue', DEFAULTS.maxQueue],
      ['interval', DEFAULTS.intervalMs],
    ];
    for (const [testId, value] of numbers) {
      await this.setNumber(testId, String(value));
      await expect(this.page.getByTestId(testId)).toHaveValue(String(value));
    }
    const retry = this.page.getByTestId('retry');
    if ((await retry.isChecked()) !== DEFAULTS.retry) await retry.click();
    await expect(retry).toBeChecked({ checked: DEFAULTS.retry });
  }

  async start(): Promise<void> {
    await expect(this.runToggle).toHaveAttribute('data-running', 'false');
    await this.runToggle.click();
    await expect(this.runToggle).toHaveAttribute('data-running', 'true');
  }

  async stopIfRunning(): Promise<void> {
    if ((await this.runToggle.getAttribute('data-running')) === 'true') {
      await this.runToggle.click();
      await expect(this.runToggle).toHaveAttribute('data-running', 'false');
    }
  }
}

export const test = base.extend<{ lab: LabPage }>({
  lab: async ({ page }, use) => {
    const lab = new LabPage(page);
    await lab.open();
    await use(lab);
    await lab.stopIfRunning();
    // Every unit of the run ended: no row is left alive once the run stopped.
    await expect(lab.liveUnits()).toHaveCount(0);
    expect(lab.errors, 'the page logged errors').toEqual([]);
  },
});

export { expect };
