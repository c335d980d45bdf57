/**
 * Measures a chart card on screen into a ChartPicture (chart-picture.ts): each top-level <svg> in it (the chart,
 * recharts' legend icons) cloned with its computed styles inlined, and each line of HTML text (title, unit,
 * legend labels, a chart's key) with its font and colour, all placed by their boxes relative to the card.
 * Controls marked `data-export-skip` (the export buttons) and the hover tooltip are left out.
 */
import { inlineStyles, opaqueBackground, type ChartPicture, type Declaration, type PictureSvg, type PictureText } from './chart-picture';

/** What an export leaves out: its own buttons, and recharts' tooltip (a hover state, not the chart). */
const SKIPPED = '[data-export-skip], .recharts-tooltip-wrapper';

function isShown(element: Element): boolean {
  const style = getComputedStyle(element);
  return style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) !== 0;
}

/**
 * Writes declarations through the CSSOM, not `setAttribute('style')`: the page's CSP (style-src 'self') refuses
 * style attributes written as markup, while CSSOM changes are allowed, and the serialiser writes them out alike.
 */
function writeStyle(element: Element, declarations: Declaration[]): void {
  const style = (element as SVGElement).style;
  if (!style) return;
  for (const [property, value] of declarations) style.setProperty(property, value);
}

function cloneSvg(svg: SVGSVGElement, box: DOMRect, origin: DOMRect): PictureSvg {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles<Element>(svg, copy, (element) => getComputedStyle(element), writeStyle);
  // The page sizes the chart by CSS (`width: 100%`); the file needs its size in attributes.
  copy.setAttribute('width', String(box.width));
  copy.setAttribute('height', String(box.height));
  if (!copy.hasAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${box.width} ${box.height}`);
  return { x: box.left - origin.left, y: box.top - origin.top, width: box.width, height: box.height, markup: new XMLSerializer().serializeToString(copy) };
}

function textsOf(card: HTMLElement, origin: DOMRect): PictureText[] {
  const texts: PictureText[] = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    // Text inside an <svg> is drawn with it; skipped and hidden text is not drawn at all.
    if (!parent || text === '' || parent.closest('svg') || parent.closest(SKIPPED) || !isShown(parent)) continue;
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(parent);
    texts.push({
      text,
      x: box.left - origin.left,
      y: box.top - origin.top + box.height / 2,
      color: style.color,
      fontFamily: style.fontFamily,
      fontSize: style.fontSize,
      fontWeight: style.fontWeight,
    });
  }
  range.detach();
  return texts;
}

/** The background behind the card: its own colour, else the nearest ancestor's that paints. */
function backgroundOf(card: HTMLElement): string {
  const colors: string[] = [];
  for (let element: HTMLElement | null = card; element; element = element.parentElement) colors.push(getComputedStyle(element).backgroundColor);
  return opaqueBackground(colors);
}

/** The card as a picture; `title` names it inside the file. */
export function collectChartPicture(card: HTMLElement, title: string): ChartPicture {
  const origin = card.getBoundingClientRect();
  const svgs: PictureSvg[] = [];
  for (const svg of card.querySelectorAll('svg')) {
    // Nested <svg>s travel inside their outermost one.
    if (svg.parentElement?.closest('svg') || svg.closest(SKIPPED) || !isShown(svg)) continue;
    const box = svg.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) svgs.push(cloneSvg(svg, box, origin));
  }
  return { title, width: origin.width, height: origin.height, background: backgroundOf(card), svgs, texts: textsOf(card, origin) };
}
