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
