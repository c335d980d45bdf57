/**
 * End-to-end tests in real Chromium against browser mode: Playwright starts the web server (real engine,
 * real threads and processes) on a free port, reads the URL it prints, and stops it with SIGTERM, on which
 * the server disposes the engine so no process outlives the tests.
 * Browsers are never downloaded: the system Chromium is used (CHROMIUM_PATH overrides /usr/bin/chromium).
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../test-results/e2e',
  // One engine serves every test: they must not run at the same time.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 1000 },
    colorScheme: 'dark',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
  webServer: {
    command: 'node out/electron/headless/web-server.js --port 0',
    cwd: '..',
    // The server prints its URL; the named group becomes process.env.LAB_URL for the tests.
    wait: { stdout: /serving (?<lab_url>http:\/\/127\.0\.0\.1:\d+\/)/ },
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
