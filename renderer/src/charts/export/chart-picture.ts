/**
 * A chart as a standalone SVG file: the pure half of chart export (the DOM half, collect-picture.ts, measures
 * the chart on screen). Hand-written rather than a library: the well-known DOM-to-image packages inline every
 * computed property of every node and embed web fonts with fetches, a few hundred lines we would only half use;
 * a recharts chart is already SVG, so what is left is small: copy the styles that paint SVG from the page's CSS
 * onto the elements (the file has no stylesheet, and its colours come from CSS variables the file cannot see),
 * draw the HTML parts (title, unit, recharts' HTML legend) as <text>, and lay it all on the card's background.
 */

/** Reads one computed CSS property, as `CSSStyleDeclaration.getPropertyValue` does. */
export interface StyleReader {
  getPropertyValue(property: string): string;
}

/**
 * Properties that paint SVG and that children inherit: written on an element only where they differ from its
 * parent's, so the file stays small and still renders as the page did.
 */
export const INHERITED_SVG_PROPERTIES = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

/** Properties that are not inherited, with their initial values: written only where they differ from it. */
export const OWN_SVG_PROPERTIES: Readonly<Record<string, string>> = { opacity: '1', display: 'inline' };

/** One CSS declaration: property and value. */
export type Declaration = readonly [property: string, value: string];

/** The declarations that make an element paint as on the page; `parent` null for the outermost element. */
export function styleDeclarations(own: StyleReader, parent: StyleReader | null): Declaration[] {
  const declarations: Declaration[] = [];
  for (const property of INHERITED_SVG_PROPERTIES) {
    const value = own.getPropertyValue(property).trim();
    if (value !== '' && (parent === null || value !== parent.getPropertyValue(property).trim())) declarations.push([property, value]);
  }
  for (const [property, initial] of Object.entries(OWN_SVG_PROPERTIES)) {
    const value = own.getPropertyValue(property).trim();
    // `display: none` is kept; other display values mean nothing to SVG painting.
    if (value !== '' && value !== initial && (property !== 'display' || value === 'none')) declarations.push([property, value]);
  }
  return declarations;
}

/** What {@link inlineStyles} needs of an element: a DOM Element has it. */
export interface StylableNode {
  readonly children: ArrayLike<StylableNode>;
  removeAttribute(name: string): void;
}

/**
 * Gives every element of `copy` (a deep clone of `source`) the style `source`'s element has on the page, read by
 * `styleOf` (getComputedStyle: CSS variables and the cascade already resolved) and written by `write`. The copy's
 * own `class` and `style` go first: the file has no stylesheet, and a `width: 100%` meant for the page would size
 * it wrongly.
 */
export function inlineStyles<T extends StylableNode>(
  source: T,
  copy: T,
  styleOf: (node: T) => StyleReader,
  write: (node: T, declarations: Declaration[]) => void,
  parentStyle: StyleReader | null = null,
): void {
  const style = styleOf(source);
  copy.removeAttribute('class');
  copy.removeAttribute('style');
  const declarations = styleDeclarations(style, parentStyle);
  if (declarations.length > 0) write(copy, declarations);
  const count = Math.min(source.children.length, copy.children.length);
  for (let i = 0; i < count; i++) inlineStyles(source.children[i] as T, copy.children[i] as T, styleOf, write, style);
}

/** A line of the card's HTML text (title, unit, legend), placed by its box on the page. */
export interface PictureText {
  text: string;
  /** Left edge and vertical middle, px from the card's top left. */
  x: number;
  y: number;
  color: string;
  fontFamily: string;
  fontSize: string;
  fontWeight: string;
}

/** An <svg> of the card (the chart, a legend icon), serialised with its styles inlined, placed on the card. */
export interface PictureSvg {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The element's markup: an `<svg …>…</svg>` whose width and height match. */
  markup: string;
}

/** A chart card as it looks on screen, in the card's pixels. */
export interface ChartPicture {
  /** Names the picture inside the file (its <title>). */
  title: string;
  width: number;
  height: number;
  /** A CSS colour: the card's own, so the file reads like the window in either theme. */
  background: string;
  svgs: PictureSvg[];
  texts: PictureText[];
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Pixels to one decimal: finer means nothing on screen and bloats the file. */
const px = (value: number): string => String(Math.round(value * 10) / 10);

/** The picture as a standalone SVG document, `width` and `height` set so viewers and canvases size it as shown. */
export function pictureToSvg(picture: ChartPicture): string {
  const width = px(picture.width);
  const height = px(picture.height);
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(picture.title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="${escapeXml(picture.background)}"/>`,
  ];
  for (const svg of picture.svgs) parts.push(`<g transform="translate(${px(svg.x)} ${px(svg.y)})">${svg.markup}</g>`);
  for (const text of picture.texts) {
    const font = `font-family="${escapeXml(text.fontFamily)}" font-size="${escapeXml(text.fontSize)}" font-weight="${escapeXml(text.fontWeight)}"`;
    parts.push(`<text x="${px(text.x)}" y="${px(text.y)}" dominant-baseline="central" fill="${escapeXml(text.color)}" ${font}>${escapeXml(text.text)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** A colour that paints nothing: `transparent`, or an rgb()/hsl() colour whose alpha is 0 (either syntax). */
export function isTransparent(color: string): boolean {
  const value = color.trim().toLowerCase();
  if (value === '' || value === 'transparent') return true;
  const inner = /^(?:rgb|hsl)a?\((.*)\)$/.exec(value)?.[1];
  if (inner === undefined) return false;
  const alpha = inner.includes('/') ? inner.split('/')[1] : inner.split(',')[3];
  return alpha !== undefined && Number.parseFloat(alpha) === 0;
}

/** The first colour that paints (the card's, else the page's behind it), white when none does. */
export function opaqueBackground(colors: readonly string[]): string {
  return colors.find((color) => !isTransparent(color)) ?? '#ffffff';
}

/** `host-event-loop-delay-2026-11-30T18-00-10Z.svg`: the chart's name and the run's start (`fileDate`). */
export function chartFileName(chartName: string, runDate: string, extension: 'svg' | 'png'): string {
  const slug = chartName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'chart';
  return `${slug}-${runDate}.${extension}`;
}
