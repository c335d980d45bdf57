/**
 * What the presenter's tests measure of the stage: the projector sizes, the address of the lab under test, panels
 * whose content overflows, the empty band under the charts and the smallest chart text, and the timeline's key.
 */
import type { Page } from '@playwright/test';

export const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 1024, height: 768 },
] as const;

export function labUrl(query: string): string {
  const url = process.env.LAB_URL;
  if (!url) throw new Error('LAB_URL is not set: run through playwright.config.ts, whose webServer sets it');
  return `${url}${query}`;
}

/** Elements whose content is larger than their box: the document and every stage panel. */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes: Element[] = [document.documentElement, document.body, ...Array.from(document.querySelectorAll('[data-stage-panel]'))];
    return boxes
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
      .map((el) => `${el.getAttribute('data-stage-panel') ?? el.tagName}: ${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`);
  });
}

/**
 * The tallest empty band between the stage's charts and the verdict (or the screen's bottom), px, and the
 * smallest text in the charts (SVG text and the timeline's key), px.
 */
export async function stageFill(page: Page): Promise<{ emptyBelowCharts: number; smallestChartText: number }> {
  return page.evaluate(() => {
    const cards = Array.from(document.querySelectorAll('.stage-chart > *'));
    const chartsBottom = Math.max(...cards.map((card) => card.getBoundingClientRect().bottom));
    const verdict = document.querySelector('[data-stage-panel="verdict"]');
    const limit = verdict ? verdict.getBoundingClientRect().top : window.innerHeight;
    const texts = Array.from(document.querySelectorAll('.stage-chart text, .stage-chart .timeline-legend, .stage-chart .recharts-legend-item-text'));
    const sizes = texts.filter((el) => (el.textContent ?? '').trim() !== '').map((el) => parseFloat(getComputedStyle(el).fontSize));
    return { emptyBelowCharts: limit - chartsBottom, smallestChartText: Math.min(...sizes) };
  });
}

/** The timeline key's entries shown on the stage (sorted, as the canvas's data-keys), and the cards that overrun their cells. */
export async function stageKey(page: Page): Promise<{ shown: string; cardsOutsideCells: number }> {
  return page.evaluate(() => {
    const entries = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="stage-timeline-legend"] li[data-key]'));
    const shown = entries.filter((entry) => entry.getClientRects().length > 0).map((entry) => entry.dataset.key!);
    const cells = Array.from(document.querySelectorAll('.stage-chart'));
    const outside = cells.filter((cell) => cell.firstElementChild!.getBoundingClientRect().bottom > cell.getBoundingClientRect().bottom + 1);
    return { shown: shown.sort().join(' '), cardsOutsideCells: outside.length };
  });
}

/**
 * The stage's segment names against what is drawn: those over the plot (a name laid over the lines), those
 * running into the next name or out of their card. Before they went under the time axis, the names sat at the
 * plot's foot, over the worker pool's delay near 0.
 */
export async function bandLabelsClear(page: Page): Promise<{ labels: number; overPlot: string[]; overlapping: string[]; outsideCard: string[] }> {
  return page.evaluate(() => {
    const overPlot: string[] = [];
    const overlapping: string[] = [];
    const outsideCard: string[] = [];
    let labels = 0;
    for (const card of Array.from(document.querySelectorAll('.stage-chart .chart-card'))) {
      const grid = card.querySelector('.recharts-cartesian-grid')?.getBoundingClientRect();
      const ticks = Array.from(card.querySelectorAll('.recharts-xAxis .recharts-cartesian-axis-tick-value')).map((t) => t.getBoundingClientRect());
      const edge = card.getBoundingClientRect();
      const boxes = Array.from(card.querySelectorAll('.segment-band-label'))
        .filter((label) => (label.textContent ?? '').trim() !== '')
        .map((label) => ({ text: label.textContent ?? '', box: label.getBoundingClientRect() }));
      labels += boxes.length;
      const ticksBottom = Math.max(grid?.bottom ?? 0, ...ticks.map((t) => t.bottom));
      for (const { text, box } of boxes) {
        if (box.top < ticksBottom - 1) overPlot.push(`${text}: top ${Math.round(box.top)} above the axis's foot ${Math.round(ticksBottom)}`);
        if (box.left < edge.left || box.right > edge.right + 1 || box.bottom > edge.bottom + 1) outsideCard.push(text);
      }
      boxes.forEach((a, i) =>
        boxes.slice(i + 1).forEach((b) => {
          const apart = a.box.right <= b.box.left || b.box.right <= a.box.left || a.box.bottom <= b.box.top || b.box.bottom <= a.box.top;
          if (!apart) overlapping.push(`${a.text} / ${b.text}`);
        }),
      );
    }
    return { labels, overPlot, overlapping, outsideCard };
  });
}
