/**
 * The picture first: once a run starts, the host's event-loop delay chart and the timeline are on screen without
 * scrolling, at the two window sizes the lab is most often shown at; during and after an experiment, its live
 * line, the segment bands on the delay chart and its verdict card are on screen with them. Boxes are compared
 * with the viewport only, and each part must also be wholly visible (IntersectionObserver): a verdict scrolled
 * out of sight inside its own panel fails as surely as one below the fold.
 */
import type { Page } from '@playwright/test';
import { findExperiment } from '../shared/experiments/catalog';
import { expect, test } from './lab-fixture';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

/** The element's box lies inside the window: not left, above, right of or below it. */
async function expectInsideWindow(page: Page, testId: string, size: { width: number; height: number }): Promise<void> {
  const where = `${testId} at ${size.width}x${size.height}`;
  const element = page.getByTestId(testId);
  // Wholly visible: not clipped by a scrolling parent, not off screen.
  await expect(element, where).toBeInViewport({ ratio: 0.99 });
  const box = await element.boundingBox();
  if (!box) throw new Error(`${where}: no box`);
  expect(box.x, `${where}: left`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${where}: top`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${where}: right`).toBeLessThanOrEqual(size.width);
  expect(box.y + box.height, `${where}: bottom`).toBeLessThanOrEqual(size.height);
}

/**
 * The picture's row, px: how far apart the timeline's and the delay chart's bottoms are, the gap between the
 * timeline's drawing and its key, and the room in the delay chart's card under its plot.
 */
async function pictureRow(page: Page): Promise<{ bottoms: number; underDrawing: number; underPlot: number }> {
  return page.evaluate(() => {
    const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
    const timeline = box('[data-testid="timeline"]');
    const eld = box('[data-testid="chart-eld"]');
    const canvas = box('[data-testid="timeline-canvas"]');
    const key = box('[data-testid="timeline-legend"]');
    const plot = box('[data-testid="chart-eld"] .recharts-wrapper');
    return { bottoms: Math.round(Math.abs(timeline.bottom - eld.bottom)), underDrawing: Math.round(key.top - canvas.bottom), underPlot: Math.round(eld.bottom - plot.bottom) };
  });
}

for (const size of SIZES) {
  test(`at ${size.width}x${size.height}, after Start, the host delay chart and the timeline are on screen`, async ({ lab, page }) => {
    await page.setViewportSize(size);
    await lab.strategy('worker-pool');
    await lab.start();
    await expect.poll(() => lab.tickCount()).toBeGreaterThan(2);
    await expect(page.getByTestId('diagnosis')).toBeVisible();
    for (const id of ['chart-eld', 'timeline']) await expectInsideWindow(page, id, size);
    // Side by side, one as tall as the other: a few lanes share the row's height rather than leave an empty band
    // under them (at 1280x720 it was 130 px), and the drawing fills its card.
    await expect
      .poll(async () => {
        const { bottoms, underDrawing } = await pictureRow(page);
        return { bottoms, underDrawing };
      })
      .toEqual({ bottoms: 0, underDrawing: 0 });
  });
}

test('at 1280x720 with 16 threads, the delay chart grows with the timeline beside it, to the same bottom', async ({ lab, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await lab.strategy('worker-pool');
  await lab.openSettings();
  await lab.setNumber('pool-size', '16');
  await lab.start();
  await expect.poll(async () => Number(await page.getByTestId('timeline-canvas').getAttribute('data-lanes'))).toBeGreaterThanOrEqual(17);
  // 17 lanes need more than the delay chart's 270 px: before, the timeline's card ended 52 px below the chart's.
  await expect
    .poll(async () => {
      const { bottoms, underPlot } = await pictureRow(page);
      return { bottoms, plotFillsCard: underPlot <= 12 };
    })
    .toEqual({ bottoms: 0, plotFillsCard: true });
});

/**
 * Each chart card's title row (the export buttons' top, the title's bottom, px from the window's top) and its key:
 * how tall its entries are laid out against the room the chart keeps for them (0 for the timeline's own key).
 */
async function titleRows(page: Page): Promise<Array<{ card: string; buttonsTop: number; titleBottom: number; keyHeight: number; keyRoom: number }>> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('figure.chart-card')).map((card) => {
      const key = card.querySelector('.recharts-legend-wrapper');
      return {
        card: card.dataset.testid ?? '?',
        buttonsTop: card.querySelector('.chart-tools')!.getBoundingClientRect().top,
        titleBottom: card.querySelector('.chart-title > :first-child')!.getBoundingClientRect().bottom,
        keyHeight: key?.firstElementChild?.getBoundingClientRect().height ?? 0,
        keyRoom: key?.getBoundingClientRect().height ?? 0,
      };
    }),
  );
}

for (const size of [SIZES[0]!, { width: 1920, height: 1080 }]) {
  test(`at ${size.width}x${size.height}, every chart's export buttons stay on its title's row, and its key in the room it has`, async ({ lab, page }) => {
    // The health check's unit ("ms · timeouts · a check every 1000 ms") pushed its buttons onto a line of their
    // own; at 1920 px the throughput chart's key wrapped onto a second line, over its plot and right axis.
    await page.setViewportSize(size);
    await lab.start();
    await expect(page.getByTestId('chart-health')).toContainText('a check every');
    const rows = await titleRows(page);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      expect(row.buttonsTop, `${row.card}: its buttons start above its title's foot`).toBeLessThan(row.titleBottom);
      expect(row.keyHeight, `${row.card}: its key fits the room kept for it`).toBeLessThanOrEqual(row.keyRoom + 1);
    }
  });
}

const ID = 'main-thread-blocks';
const PARTS = ['experiment-live', 'chart-eld', 'timeline', 'verdict-card'];

interface Seen {
  scrollY: number;
  /** The verdict card's outcome when the picture was taken: "pending" while the experiment runs. */
  outcome: string | null;
  /** Each part (then each segment band of the delay chart): its box, and how much of it is visible. */
  parts: Array<{ name: string; left: number; top: number; right: number; bottom: number; visible: number }>;
}

/**
 * Where the parts are, all read at one moment (a retried expect could pass only once the run had ended and the
 * page changed): the boxes, and the share of each the browser shows (IntersectionObserver, which counts what a
 * scrolling parent clips), after the layout settled at this window size.
 */
async function seen(page: Page): Promise<Seen> {
  return page.evaluate(async (ids) => {
    await new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(settled)));
    const visible = (element: Element) =>
      new Promise<number>((resolve) => {
        const observer = new IntersectionObserver(([entry]) => {
          observer.disconnect();
          resolve(entry?.intersectionRatio ?? 0);
        });
        observer.observe(element);
      });
    const elements: Array<[string, Element | null]> = ids.map((id) => [id, document.querySelector(`[data-testid="${id}"]`)]);
    document.querySelectorAll('[data-testid="chart-eld"] .segment-band').forEach((band, i) => elements.push([`segment band ${i + 1}`, band]));
    const boxes = elements.map(([name, element]) => ({ name, element, box: element?.getBoundingClientRect() ?? null }));
    const outcome = document.querySelector('[data-testid="verdict-card"]')?.getAttribute('data-outcome') ?? null;
    const parts = await Promise.all(
      boxes.map(async ({ name, element, box }) => ({
        name,
        left: box?.left ?? Number.NaN,
        top: box?.top ?? Number.NaN,
        right: box?.right ?? Number.NaN,
        bottom: box?.bottom ?? Number.NaN,
        visible: element ? await visible(element) : 0,
      })),
    );
    return { scrollY: window.scrollY, outcome, parts };
  }, PARTS);
}

/** What is not on screen, in words: a part missing, out of the window, or not wholly shown. */
function offScreen({ parts }: Seen, size: { width: number; height: number }): string[] {
  const problems: string[] = [];
  for (const part of parts) {
    if (!(part.left >= 0 && part.top >= 0 && part.right <= size.width && part.bottom <= size.height)) {
      problems.push(`${part.name}: box ${Math.round(part.left)},${Math.round(part.top)}..${Math.round(part.right)},${Math.round(part.bottom)} not inside ${size.width}x${size.height}`);
    }
    // Sub-pixel edges read as 0.9999…: "wholly" is 99 % here.
    if (!(part.visible >= 0.99)) problems.push(`${part.name}: ${Math.round(part.visible * 100)} % visible`);
  }
  return problems;
}

test('an experiment in the main view: its live line, the bands, the verdict, the delay chart and the timeline on screen together, while it runs and after', async ({ lab, page }) => {
  const experiment = findExperiment(ID);
  if (!experiment) throw new Error(`${ID} is not in the catalog`);
  await page.setViewportSize(SIZES[0]!);
  await page.goto(`${process.env.LAB_URL}?experiment=${ID}`);
  await expect(lab.heartbeat).not.toHaveAttribute('data-status', 'offline');
  await page.getByTestId('experiment-run').click();
  await expect(lab.runToggle).toHaveAttribute('data-running', 'true');
  // Running the experiment closes its panel: the picture has the window.
  await expect(page.getByTestId('experiments-panel')).toHaveCount(0);
  const bands = page.getByTestId('chart-eld').locator('.segment-band');

  const everyPartOnScreen = async (when: string, outcome: RegExp) => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const picture = await seen(page);
      expect(picture.outcome, `${when}: the verdict card's outcome when the picture was read`).toMatch(outcome);
      expect(picture.scrollY, `${when}: the page is at its top`).toBe(0);
      expect(picture.parts.filter((part) => part.name.startsWith('segment band')), `${when}: a band per segment`).toHaveLength(experiment.segments.length);
      expect(offScreen(picture, size), `${when}, at ${size.width}x${size.height}`).toEqual([]);
    }
  };

  // While it runs: the live line names the segment, the bands are drawn, the verdict card says it is measuring.
  await expect(page.getByTestId('experiment-now')).toHaveAttribute('data-segment', /main|pool/);
  await expect(bands).toHaveCount(experiment.segments.length);
  await expect(page.getByTestId('verdict-card')).toHaveAttribute('data-outcome', 'pending');
  await everyPartOnScreen('while it runs', /^pending$/);

  // After it: the verdict reached, still beside the charts.
  await expect(lab.runToggle).toHaveAttribute('data-running', 'false', { timeout: experiment.durationS * 1000 + 60_000 });
  await expect(page.getByTestId('verdict-card')).toHaveAttribute('data-outcome', /^(holds|does-not-hold|inconclusive)$/);
  await everyPartOnScreen('after it', /^(holds|does-not-hold|inconclusive)$/);
});
