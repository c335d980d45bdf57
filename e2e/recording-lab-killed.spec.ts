/**
 * A recording survives the lab: the browser-mode server is killed with SIGKILL while a run goes, and the page,
 * which outlives it, still saves the run so far; the file opens, replays and says that its end is torn.
 * This test starts a server of its own (the shared one must live on for the other tests).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseRecording } from '../shared/recording/parse';
import { startWebServer, stopWebServer } from './own-server';

test('the lab killed with SIGKILL mid-run: the page saves the run so far, and it replays with a torn-end warning', async ({ page }, testInfo) => {
  const { server, url } = await startWebServer();
  try {
    await page.goto(url);
    await page.getByTestId('strategy-worker-pool').click();
    await page.getByTestId('run-toggle').click();
    await expect(page.getByTestId('run-toggle')).toHaveAttribute('data-running', 'true');
    // A few ticks in, the lab dies without a word.
    await expect.poll(async () => Number(await page.getByTestId('stats').getAttribute('data-tick-count'))).toBeGreaterThan(6);
    await stopWebServer(server, 'SIGKILL');
    await expect(page.getByTestId('heartbeat')).toHaveAttribute('data-status', 'offline');

    const downloading = page.waitForEvent('download');
    await page.getByTestId('save-recording').click();
    const download = await downloading;
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    const parsed = parseRecording(readFileSync(file, 'utf8'), 'killed.nclab.jsonl');
    expect(parsed.ok, parsed.ok ? '' : parsed.error).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.recording.header.machine.host).toBe('browser');
    expect(parsed.recording.ticks.length).toBeGreaterThan(6);
    expect(parsed.recording.summary).toBeNull();
    expect(parsed.recording.warnings.join(' ')).toMatch(/its end is torn/);

    // It replays in the same page, the warning on show.
    await page.getByTestId('open-recording-input').setInputFiles(file);
    await expect(page.getByTestId('replay-banner')).toBeVisible();
    await expect(page.getByTestId('replay-warning')).toContainText('its end is torn');
  } finally {
    await stopWebServer(server, 'SIGKILL');
  }
});
