/**
 * Presenter mode end to end, from the keyboard only: the shipped talk stepped scene by scene at the three
 * projector sizes (a screenshot of each scene kept as a test artefact), the type large enough and nothing
 * overflowing; one short run with a live strategy switch and the fallback to the rehearsal recording and back;
 * the speaker view (a second tab) following the stage over BroadcastChannel, driving it with its own keys, and
 * showing a live preview of the stage that commands nothing.
 * No scene is run to its verdict here: the experiments' own tests do that.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { formatNumber } from '../shared/experiments/checks';
import type { Verdict } from '../shared/experiments/types';
import { SHIPPED_TALK } from '../shared/present/shipped-talk';
import { parseRecording } from '../shared/recording/parse';
import { collectErrors } from './own-server';
import { labUrl, overflowing, SIZES } from './stage-measures';

const SCENES = SHIPPED_TALK.scenes.length;

/** The verdict a shipped rehearsal recording holds (its last line), read from the file the page will fetch. */
function shippedVerdict(name: string): Verdict {
  const parsed = parseRecording(readFileSync(join(__dirname, '..', 'renderer', 'public', 'recordings', name), 'utf8'), name);
  if (!parsed.ok) throw new Error(parsed.error);
  if (!parsed.recording.verdict) throw new Error(`${name} has no verdict line`);
  return parsed.recording.verdict;
}

/** The commands that only read: a speaker view may send these and nothing else. */
const READ_ONLY_COMMANDS = new Set(['getState', 'machine', 'workloads']);

async function fontPx(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

for (const size of SIZES) {
  test(`the shipped talk steps from the keyboard at ${size.width}x${size.height}, fits, and reads from afar`, async ({ page }, testInfo) => {
    const errors = collectErrors(page);
    await page.setViewportSize(size);
    await page.goto(labUrl('?present=shipped'));
    const stage = page.getByTestId('stage');
    await expect(stage).toHaveAttribute('data-scene', '0');
    for (let scene = 0; scene < SCENES; scene++) {
      await expect(stage).toHaveAttribute('data-scene', String(scene));
      await expect(page.getByTestId('stage-title')).not.toBeEmpty();
      expect(await overflowing(page), `scene ${scene + 1} overflows`).toEqual([]);
      if (size.width === 1280) {
        expect(await fontPx(page, 'stage-title')).toBeGreaterThanOrEqual(24);
        if ((await page.getByTestId('stage-claim').count()) > 0) expect(await fontPx(page, 'stage-claim')).toBeGreaterThanOrEqual(24);
        if ((await page.getByTestId('stage-status').count()) > 0) expect(await fontPx(page, 'stage-status')).toBeGreaterThanOrEqual(24);
      }
      const shot = testInfo.outputPath(`${size.width}x${size.height}-scene-${String(scene + 1).padStart(2, '0')}.png`);
      await page.screenshot({ path: shot });
      if (scene === 0 || scene === SCENES - 1) await testInfo.attach(`scene ${scene + 1} at ${size.width}x${size.height}`, { path: shot, contentType: 'image/png' });
      // A clicker sends PageDown; the keyboard Right or Space: all three move on.
      await page.keyboard.press(['PageDown', 'ArrowRight', 'Space'][scene % 3]!);
    }
    // Past the last scene the deck stays on it; PageUp and Left go back.
    await expect(stage).toHaveAttribute('data-scene', String(SCENES - 1));
    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowLeft');
    await expect(stage).toHaveAttribute('data-scene', String(SCENES - 3));
    // The keys, blank screen and timer: each toggles and leaves no overflow.
    await page.keyboard.press('?');
    await expect(page.getByTestId('stage-help')).toBeVisible();
    expect(await overflowing(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`${size.width}x${size.height}-help.png`) });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('stage-help')).toHaveCount(0);
    await page.keyboard.press('b');
    await expect(page.getByTestId('stage-blank')).toBeVisible();
    await page.keyboard.press('b');
    await expect(page.getByTestId('stage-blank')).toHaveCount(0);
    await page.keyboard.press('t');
    await expect(page.getByTestId('stage-timer')).toBeVisible();
    // A reload (a clicker's F5 is caught, but a browser may still reload) comes back to the same scene.
    expect(page.url()).toContain(`#scene=${SCENES - 2}`);
    await page.reload();
    await expect(stage).toHaveAttribute('data-scene', String(SCENES - 3));
    expect(errors, 'the page logged errors').toEqual([]);
  });
}

test('a scene runs live, switches strategy, falls back to its recording and back, with the speaker view following', async ({ context, page }, testInfo) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(labUrl('?present=shipped'));
  const stage = page.getByTestId('stage');
  await expect(stage).toHaveAttribute('data-scene', '0');

  // The speaker view: a second tab of the same browser, synced over BroadcastChannel.
  const speaker = await context.newPage();
  const speakerErrors = collectErrors(speaker);
  await speaker.setViewportSize({ width: 1280, height: 720 });
  await speaker.goto(labUrl('?present=shipped&view=speaker'));
  await expect(speaker.getByTestId('speaker')).toHaveAttribute('data-scene', '0');
  await page.bringToFront();
  await page.keyboard.press('ArrowRight');
  await expect(stage).toHaveAttribute('data-scene', '1');
  await expect(speaker.getByTestId('speaker')).toHaveAttribute('data-scene', '1');
  await expect(speaker.getByTestId('speaker-title')).toHaveText(SHIPPED_TALK.scenes[1]!.experiment === 'main-thread-blocks' ? /main thread/i : /./);
  await expect(speaker.getByTestId('speaker-notes')).toContainText('fib');
  await expect(speaker.getByTestId('speaker-next')).toContainText('worker per task');
  await speaker.screenshot({ path: testInfo.outputPath('speaker-view.png') });

  // R runs the scene live; its charts fill; 3 switches the strategy live.
  await page.keyboard.press('r');
  await expect(page.getByTestId('stage-status')).toHaveAttribute('data-state', 'running');
  const eld = page.getByTestId('stage-charts').getByTestId('chart-eld');
  await expect.poll(async () => Number(await eld.getAttribute('data-points'))).toBeGreaterThan(3);
  await expect(speaker.getByTestId('speaker-state')).toContainText('running');
  await page.keyboard.press('3');
  await expect(speaker.getByTestId('speaker-state')).toContainText('worker-pool');
  await expect.poll(() => overflowing(page), { timeout: 5_000 }).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('live-run.png') });

  // The demo "fails": V shows the rehearsal recording, marked as recorded, and V again goes back to live.
  await page.keyboard.press('v');
  await expect(stage).toHaveAttribute('data-source', 'recording');
  await expect(page.getByTestId('stage-recorded')).toContainText('RECORDED');
  await expect(speaker.getByTestId('speaker-state')).toContainText('RECORDING');
  // The rehearsal's verdict shows at once, with the numbers it rests on: a replay measures nothing, so it never
  // reads "measuring…" (the numbers are the shipped recording's own, read from its verdict line).
  const rehearsal = shippedVerdict('main-thread-blocks.nclab.jsonl');
  expect(rehearsal.holds, 'the shipped rehearsal recording holds its verdict').toBe(true);
  const [mainMs, poolMs] = [rehearsal.measured.main?.['host-eld-p99.median'], rehearsal.measured.pool?.['host-eld-p99.median']].map((v) => formatNumber(v ?? null));
  await expect(page.getByTestId('stage-verdict')).toHaveAttribute('data-outcome', 'holds');
  await expect(page.getByTestId('stage-verdict-numbers')).toContainText(`main thread ${mainMs} ms vs worker pool ${poolMs} ms: host event-loop delay p99`);
  await expect(speaker.getByTestId('speaker-state')).toContainText('verdict: holds (rehearsal)');
  await expect.poll(async () => Number(await page.getByTestId('stage-charts').getByTestId('chart-eld').getAttribute('data-points'))).toBeGreaterThan(3);
  // The charts re-measure on the frame after the layout changed (ResizeObserver): a transient overflow settles.
  await expect.poll(() => overflowing(page), { timeout: 5_000 }).toEqual([]);
  const recorded = testInfo.outputPath('fallback-recording.png');
  await page.screenshot({ path: recorded });
  await testInfo.attach('fallback to the rehearsal recording', { path: recorded, contentType: 'image/png' });
  await page.keyboard.press('v');
  await expect(stage).toHaveAttribute('data-source', 'live');
  await expect(page.getByTestId('stage-recorded')).toHaveCount(0);

  // The speaker's own keys drive the stage (a clicker aimed at the laptop).
  await speaker.bringToFront();
  await speaker.keyboard.press('PageDown');
  await expect(stage).toHaveAttribute('data-scene', '2');
  await expect(speaker.getByTestId('speaker')).toHaveAttribute('data-scene', '2');

  // Leaving the scene stopped its run; Esc leaves presenter mode for the lab, at rest.
  await page.bringToFront();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('run-toggle')).toHaveAttribute('data-running', 'false');
  expect(page.url()).not.toContain('present');
  // The header's button comes back to the stage, in place.
  await page.getByTestId('present-open').click();
  await expect(stage).toHaveAttribute('data-scene', '0');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('present-open')).toBeVisible();
  expect(errors, 'the stage logged errors').toEqual([]);
  expect(speakerErrors, 'the speaker view logged errors').toEqual([]);
  await speaker.close();
});

test('the speaker view shows the stage live beside the notes: its scene, its run and its recording, following the deck and commanding nothing', async ({ context, page }, testInfo) => {
  const errors = collectErrors(page);
  const index = SHIPPED_TALK.scenes.findIndex((scene) => scene.experiment === 'main-thread-blocks');
  const scene = SHIPPED_TALK.scenes[index]!;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(labUrl(`?present=shipped#scene=${index + 1}`));
  const stage = page.getByTestId('stage');
  await expect(stage).toHaveAttribute('data-scene', String(index));

  // The speaker view in a second tab; every frame it sends the engine is kept, to show it only ever reads.
  const speaker = await context.newPage();
  const speakerErrors = collectErrors(speaker);
  const commands: string[] = [];
  speaker.on('websocket', (socket) => socket.on('framesent', ({ payload }) => commands.push(String((JSON.parse(String(payload)) as { command?: unknown }).command))));
  await speaker.setViewportSize({ width: 1280, height: 720 });
  await speaker.goto(labUrl('?present=shipped&view=speaker'));
  const preview = speaker.getByTestId('speaker-preview');
  // The preview draws the stage's scene, laid out at the stage's size (1920 x 1080) and scaled to fit beside the notes.
  await expect(preview).toHaveAttribute('data-scene', String(index));
  await expect(preview.getByTestId('stage-title')).toHaveText(await page.getByTestId('stage-title').innerText());
  await expect(preview.getByTestId('stage-status')).toHaveAttribute('data-state', 'ready');
  expect(Number(await preview.getAttribute('data-scale'))).toBeGreaterThan(0.2);
  expect(Number(await preview.getAttribute('data-scale'))).toBeLessThan(1);
  await expect(speaker.getByTestId('speaker-notes')).toBeVisible();
  await expect(speaker.getByTestId('speaker-next')).toBeVisible();

  // R on the stage: the preview shows the same live run (this tab's store gets the engine's ticks as every tab
  // does), its chart and its timeline filling, and the stage's status line.
  await page.bringToFront();
  await page.keyboard.press('r');
  await expect(page.getByTestId('stage-status')).toHaveAttribute('data-state', 'running');
  await expect(preview.getByTestId('stage-status')).toHaveAttribute('data-state', 'running');
  const previewCharts = preview.getByTestId('stage-charts');
  await expect.poll(async () => Number(await previewCharts.getByTestId('chart-eld').getAttribute('data-points'))).toBeGreaterThan(3);
  if (scene.charts?.includes('timeline')) {
    await expect.poll(async () => Number(await previewCharts.getByTestId('stage-timeline-canvas').getAttribute('data-lanes'))).toBeGreaterThan(1);
  }
  await speaker.screenshot({ path: testInfo.outputPath('speaker-preview-live.png') });

  // V: the stage shows its rehearsal recording, and so does the preview, marked RECORDED, with the recorded verdict.
  await page.keyboard.press('v');
  await expect(stage).toHaveAttribute('data-source', 'recording');
  await expect(preview.getByTestId('stage')).toHaveAttribute('data-source', 'recording');
  await expect(preview.getByTestId('stage-recorded')).toContainText('RECORDED');
  await expect(preview.getByTestId('stage-verdict')).toHaveAttribute('data-outcome', 'holds');
  await expect.poll(async () => Number(await previewCharts.getByTestId('chart-eld').getAttribute('data-points'))).toBeGreaterThan(3);
  // B blanks the room's screen, and the preview with it.
  await page.keyboard.press('b');
  await expect(preview.getByTestId('stage-blank')).toBeVisible();
  await page.keyboard.press('b');
  await expect(preview.getByTestId('stage-blank')).toHaveCount(0);

  // The next scene, from the speaker's own keys: the preview follows, back at rest (the stage stopped the run).
  await speaker.bringToFront();
  await speaker.keyboard.press('ArrowRight');
  await expect(stage).toHaveAttribute('data-scene', String(index + 1));
  await expect(preview).toHaveAttribute('data-scene', String(index + 1));
  await expect(preview.getByTestId('stage-title')).toHaveText(await page.getByTestId('stage-title').innerText());
  await expect(preview.getByTestId('stage')).toHaveAttribute('data-source', 'live');
  await expect(preview.getByTestId('stage-status')).toHaveAttribute('data-state', 'ready');
  await speaker.screenshot({ path: testInfo.outputPath('speaker-preview-next.png') });

  // The preview started nothing and stopped nothing: the speaker view only read the engine's state.
  expect(commands.length, 'the speaker view asked for the state once it connected').toBeGreaterThan(0);
  expect(commands.filter((command) => !READ_ONLY_COMMANDS.has(command)), 'commands sent by the speaker view').toEqual([]);
  expect(errors, 'the stage logged errors').toEqual([]);
  expect(speakerErrors, 'the speaker view logged errors').toEqual([]);
  await speaker.close();
});
