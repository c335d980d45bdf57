/**
 * Recordings in the window (browser mode): a run is saved as a download, opened again through the file input,
 * and replayed through the same charts, marked as a replay; a bad file is refused by name and line and changes
 * nothing; a second recording is compared with it; a dropped file replays; "Back to live" returns the window to
 * the engine.
 */
import { readFileSync } from 'node:fs';
import { parseRecording } from '../shared/recording/parse';
import { expect, test } from './lab-fixture';

test('a run saved from the window opens again as a replay', async ({ lab, page }, testInfo) => {
  await lab.strategy('worker-pool');
  await lab.setNumber('size', '25');
  await lab.start();
  await expect.poll(() => lab.tickCount()).toBeGreaterThan(8);
  await lab.stopIfRunning();
  await expect(page.getByTestId('run-summary')).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByTestId('save-recording').click();
  const download = await downloading;
  const name = download.suggestedFilename();
  expect(name).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-worker-pool\.nclab\.jsonl$/);
  const file = testInfo.outputPath(name);
  await download.saveAs(file);
  const parsed = parseRecording(readFileSync(file, 'utf8'), name);
  expect(parsed.ok, parsed.ok ? '' : parsed.error).toBe(true);
  if (!parsed.ok) return;
  const { recording } = parsed;
  expect(recording.header.machine.host).toBe('browser');
  expect(recording.header.config.strategy).toBe('worker-pool');
  expect(recording.ticks.length).toBeGreaterThan(8);
  expect(recording.summary).not.toBeNull();

  await page.getByTestId('open-recording-input').setInputFiles(file);
  const banner = page.getByTestId('replay-banner');
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('replay-name')).toHaveText(name);
  await expect(page.getByTestId('replay-machine')).toContainText(`${recording.header.machine.cores} cores`);
  await expect(page.getByTestId('replay-machine')).toContainText('(browser)');
  await expect(page.getByTestId('view-root')).toHaveAttribute('data-source', 'replay');
  await page.getByTestId('replay-speed-4x').click();
  for (const id of ['chart-eld', 'chart-throughput', 'chart-queue']) {
    await expect.poll(async () => Number(await page.getByTestId(id).getAttribute('data-points'))).toBeGreaterThan(3);
  }
  await expect(page.getByTestId('stat-throughput')).toContainText('jobs/s');
  // At the end, the recorded run's summary shows, as it did live.
  const scrubber = page.getByTestId('replay-scrubber');
  await scrubber.fill((await scrubber.getAttribute('max'))!);
  await expect(page.getByTestId('replay-play')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('run-summary')).toBeVisible();
  await expect(lab.tickCount()).resolves.toBe(recording.ticks.length);
  await page.screenshot({ path: testInfo.outputPath('replay.png'), fullPage: true });

  // A bad file is refused by name and line; the replay on screen stays.
  const good = readFileSync(file, 'utf8').split('\n');
  await page.getByTestId('open-recording-input').setInputFiles({
    name: 'broken.nclab.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from([good[0], '{oops', ...good.slice(1)].join('\n')),
  });
  await expect(page.getByTestId('recording-error')).toContainText('broken.nclab.jsonl line 2: not valid JSON');
  await expect(page.getByTestId('replay-name')).toHaveText(name);

  // Compare with a second recording (the same run here): both on the charts, every figure in the table.
  await page.getByTestId('compare-recording-input').setInputFiles(file);
  await expect(page.getByTestId('compare')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('compare-throughput').getAttribute('data-points-b'))).toBeGreaterThan(3);
  await expect(page.locator('[data-testid="compare-row"][data-figure="jobs.completed"]')).toContainText(String(recording.summary!.jobs.completed));
  await page.screenshot({ path: testInfo.outputPath('compare.png'), fullPage: true });

  // A recording dropped on the window replays too (and ends the comparison, whose A it replaced).
  const text = readFileSync(file, 'utf8');
  const dataTransfer = await page.evaluateHandle((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'dropped.nclab.jsonl'));
    return transfer;
  }, text);
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByTestId('replay-name')).toHaveText('dropped.nclab.jsonl');
  await expect(page.getByTestId('compare')).toHaveCount(0);

  await page.getByTestId('back-to-live').click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('view-root')).toHaveAttribute('data-source', 'live');
  await expect(lab.runToggle).toHaveAttribute('data-running', 'false');
});
