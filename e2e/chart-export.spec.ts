/**
 * Chart export in browser mode: each chart card saves itself as SVG (a standalone document with the chart's own
 * paths, styles inlined, title drawn) and as PNG (twice the card's size), named by the chart and the run's start,
 * in the live view, in a replay and in a comparison. The fixture fails the test on any console error, so the PNG
 * drawn from a data: URL is also checked against the page's real CSP.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { parseRecording } from '../shared/recording/parse';
import { expect, test } from './lab-fixture';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const DATE = String.raw`\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ`;

async function exportChart(page: Page, testId: string, kind: 'svg' | 'png'): Promise<Download> {
  const downloading = page.waitForEvent('download');
  await page.getByTestId(`${testId}-export-${kind}`).click();
  return downloading;
}

/**
 * What the exported SVG holds, parsed by the browser's own XML parser on a blank page: parsing style attributes
 * on the lab's page would be reported as a violation of its CSP (style-src 'self'), which is right for the page.
 */
async function readSvg(page: Page, text: string) {
  const blank = await page.context().newPage();
  try {
    return await readSvgOn(blank, text);
  } finally {
    await blank.close();
  }
}

async function readSvgOn(page: Page, text: string) {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.getElementsByTagName('parsererror').length > 0,
      root: root.localName,
      namespace: root.namespaceURI,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      background: root.querySelector(':scope > rect')?.getAttribute('fill') ?? null,
      title: root.querySelector('title')?.textContent ?? null,
      texts: Array.from(root.querySelectorAll('text')).map((t) => t.textContent ?? ''),
      paths: Array.from(root.querySelectorAll('path')).map((p) => p.getAttribute('d') ?? ''),
      styled: root.querySelectorAll('[style*="stroke"]').length,
      classes: root.querySelectorAll('[class]').length,
    };
  }, text);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('each chart exports as SVG and PNG, live, in a replay and in a comparison', async ({ lab, page }, testInfo) => {
  await lab.strategy('worker-pool');
  await lab.start();
  await expect.poll(() => lab.tickCount()).toBeGreaterThan(6);
  await lab.stopIfRunning();
  await expect(page.getByTestId('run-summary')).toBeVisible();

  // Live, SVG: the chart's own line paths, styles inlined (no class left), its title drawn, the card's size.
  const card = page.getByTestId('chart-eld');
  const onScreen = await card.locator('.recharts-line-curve').evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));
  expect(onScreen.filter((d) => d.length > 20).length).toBeGreaterThan(0);
  const svgDownload = await exportChart(page, 'chart-eld', 'svg');
  expect(svgDownload.suggestedFilename()).toMatch(new RegExp(`^host-event-loop-delay-${DATE}\\.svg$`));
  const svgFile = testInfo.outputPath(svgDownload.suggestedFilename());
  await svgDownload.saveAs(svgFile);
  const svgText = readFileSync(svgFile, 'utf8');
  const svg = await readSvg(page, svgText);
  expect(svg.error).toBe(false);
  expect(svg).toMatchObject({ root: 'svg', namespace: 'http://www.w3.org/2000/svg', title: 'Host event-loop delay' });
  const box = (await card.boundingBox())!;
  expect(svg.width).toBeCloseTo(box.width, 0);
  expect(svg.height).toBeCloseTo(box.height, 0);
  expect(svg.background).toMatch(/^rgb/);
  for (const d of onScreen) expect(svg.paths).toContain(d);
  expect(svg.texts).toEqual(expect.arrayContaining(['Host event-loop delay', 'ms', 'p50', 'p99', 'max']));
  expect(svg.texts.join(' ')).not.toMatch(/\bSVG\b|\bPNG\b/);
  expect(svg.styled).toBeGreaterThan(3);
  expect(svg.classes).toBe(0);
  expect(svgText).not.toContain('var(--');

  // Live, PNG: the signature, twice the card's size, and more than a blank image's few bytes.
  const pngDownload = await exportChart(page, 'chart-eld', 'png');
  expect(pngDownload.suggestedFilename()).toBe(svgDownload.suggestedFilename().replace(/\.svg$/, '.png'));
  const pngFile = testInfo.outputPath(pngDownload.suggestedFilename());
  await pngDownload.saveAs(pngFile);
  const png = readFileSync(pngFile);
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(png.length).toBeGreaterThan(10_000);
  const size = pngSize(png);
  expect(size.width).toBe(Math.round(box.width * 2));
  expect(size.height).toBe(Math.round(box.height * 2));

  // Replay: the recording's start names the file.
  const saving = page.waitForEvent('download');
  await page.getByTestId('save-recording').click();
  const saved = await saving;
  const recordingFile = testInfo.outputPath(saved.suggestedFilename());
  await saved.saveAs(recordingFile);
  const parsed = parseRecording(readFileSync(recordingFile, 'utf8'), saved.suggestedFilename());
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  const runDate = parsed.recording.header.startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  await page.getByTestId('open-recording-input').setInputFiles(recordingFile);
  await expect(page.getByTestId('view-root')).toHaveAttribute('data-source', 'replay');
  const scrubber = page.getByTestId('replay-scrubber');
  await scrubber.fill((await scrubber.getAttribute('max'))!);
  await expect.poll(async () => Number(await page.getByTestId('chart-throughput').getAttribute('data-points'))).toBeGreaterThan(3);
  const replayPng = await exportChart(page, 'chart-throughput', 'png');
  expect(replayPng.suggestedFilename()).toBe(`throughput-and-latency-${runDate}.png`);
  const replayBytes = readFileSync(await replayPng.path());
  expect([...replayBytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const replaySvg = await exportChart(page, 'chart-queue', 'svg');
  expect(replaySvg.suggestedFilename()).toBe(`queue-depth-${runDate}.svg`);
  expect((await readSvg(page, readFileSync(await replaySvg.path(), 'utf8'))).paths.length).toBeGreaterThan(0);

  // Compare: the comparison's charts export too, A's start in the name.
  await page.getByTestId('compare-recording-input').setInputFiles(recordingFile);
  await expect.poll(async () => Number(await page.getByTestId('compare-throughput').getAttribute('data-points-b'))).toBeGreaterThan(3);
  const compareSvg = await exportChart(page, 'compare-throughput', 'svg');
  expect(compareSvg.suggestedFilename()).toBe(`compare-throughput-${runDate}.svg`);
  const compared = await readSvg(page, readFileSync(await compareSvg.path(), 'utf8'));
  expect(compared.error).toBe(false);
  // The runs by what they ran, not "A" and "B" (the same file on both sides here: its name and the letter tell them apart).
  const [labelA, labelB] = await Promise.all([page.getByTestId('compare-label-a').textContent(), page.getByTestId('compare-label-b').textContent()]);
  expect(labelA).toMatch(/^[a-z-]+ · \S+ \d+ \(.+, A\)$/);
  expect(compared.texts).toEqual(expect.arrayContaining(['Throughput', labelA, labelB]));
  const curves = await page.getByTestId('compare-throughput').locator('.recharts-line-curve').evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));
  for (const d of curves) expect(compared.paths).toContain(d);
  const comparePng = await exportChart(page, 'compare-eld', 'png');
  expect(comparePng.suggestedFilename()).toBe(`compare-host-event-loop-delay-p99-${runDate}.png`);
  expect([...readFileSync(await comparePng.path()).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  await expect(page.getByTestId('recording-error')).toHaveCount(0);

  await page.getByTestId('back-to-live').click();
});
