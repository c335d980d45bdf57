import { describe, expect, it } from 'vitest';
import { chartFileName, escapeXml, inlineStyles, isTransparent, opaqueBackground, pictureToSvg, styleDeclarations, type ChartPicture, type StylableNode, type StyleReader } from './chart-picture';

/** Computed styles as a map: what getComputedStyle would answer for one element. */
const style = (values: Record<string, string>): StyleReader => ({ getPropertyValue: (property) => values[property] ?? '' });

/** A tiny element tree: attributes, children, and the style the page computed for it. */
class Node implements StylableNode {
  attributes = new Map<string, string>();
  constructor(
    readonly computed: Record<string, string>,
    readonly children: Node[] = [],
    attributes: Record<string, string> = {},
  ) {
    for (const [name, value] of Object.entries(attributes)) this.attributes.set(name, value);
  }
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
  }
  removeAttribute(name: string) {
    this.attributes.delete(name);
  }
  clone(): Node {
    return new Node(this.computed, this.children.map((child) => child.clone()), Object.fromEntries(this.attributes));
  }
}

const ROOT = { fill: 'rgb(0, 0, 0)', stroke: 'none', 'font-family': 'system-ui, sans-serif', 'font-size': '16px', opacity: '1', display: 'inline' };

describe('chart styles for a standalone file', () => {
  /** Declarations as a style attribute would read. */
  const css = (own: StyleReader, parent: StyleReader | null) => styleDeclarations(own, parent).map(([p, v]) => `${p}: ${v}`).join('; ');

  it('writes every painting property on the outermost element, resolved as the page computed it', () => {
    const declarations = css(style(ROOT), null);
    expect(declarations).toContain('fill: rgb(0, 0, 0)');
    expect(declarations).toContain('font-family: system-ui, sans-serif');
    expect(declarations).not.toContain('opacity');
    expect(declarations).not.toContain('display');
  });

  it('writes on a child only what differs from its parent, and non-inherited values off their initial one', () => {
    const child = { ...ROOT, stroke: 'rgb(62, 142, 233)', 'stroke-width': '2.5', opacity: '0.5', display: 'block' };
    expect(css(style(child), style(ROOT))).toBe('stroke: rgb(62, 142, 233); stroke-width: 2.5; opacity: 0.5');
    expect(css(style({ ...ROOT, display: 'none' }), style(ROOT))).toBe('display: none');
    expect(css(style(ROOT), style(ROOT))).toBe('');
  });

  it('inlines the computed style over the whole copy, dropping the page’s class and style attributes', () => {
    const line = new Node({ ...ROOT, stroke: 'rgb(255, 99, 105)', 'stroke-dasharray': '5px, 3px' }, [], { class: 'recharts-line-curve', d: 'M0,0L10,10' });
    const tick = new Node({ ...ROOT, fill: 'rgb(139, 149, 167)', 'font-size': '12.48px' }, [], { class: 'recharts-text' });
    const source = new Node(ROOT, [new Node(ROOT, [line, tick], { class: 'recharts-layer' })], { class: 'recharts-surface', style: 'width: 100%; height: 100%' });
    const copy = source.clone();
    inlineStyles(
      source,
      copy,
      (node) => style(node.computed),
      (node, declarations) => node.setAttribute('style', declarations.map(([p, v]) => `${p}: ${v}`).join('; ')),
    );
    expect(copy.attributes.get('class')).toBeUndefined();
    expect(copy.attributes.get('style')).toContain('font-family: system-ui, sans-serif');
    expect(copy.attributes.get('style')).not.toContain('width');
    const layer = copy.children[0]!;
    expect(layer.attributes.has('style')).toBe(false);
    expect(layer.children[0]!.attributes.get('style')).toBe('stroke: rgb(255, 99, 105); stroke-dasharray: 5px, 3px');
    expect(layer.children[0]!.attributes.get('d')).toBe('M0,0L10,10');
    expect(layer.children[1]!.attributes.get('style')).toBe('fill: rgb(139, 149, 167); font-size: 12.48px');
    expect(source.attributes.get('class')).toBe('recharts-surface');
  });
});

describe('the picture as an SVG file', () => {
  const picture: ChartPicture = {
    title: 'Queue depth <jobs> & more',
    width: 640.04,
    height: 300,
    background: 'rgb(22, 26, 34)',
    svgs: [{ x: 12, y: 40.26, width: 616, height: 240, markup: '<svg xmlns="http://www.w3.org/2000/svg" width="616" height="240"><path d="M0,0L1,1"/></svg>' }],
    texts: [{ text: 'Queue depth', x: 12, y: 20, color: 'rgb(230, 233, 239)', fontFamily: '"Segoe UI", sans-serif', fontSize: '16.8px', fontWeight: '600' }],
  };

  it('sizes the document, paints the background first, then the chart and the text in place', () => {
    const svg = pictureToSvg(picture);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="640" height="300" viewBox="0 0 640 300">')).toBe(true);
    expect(svg).toContain('<title>Queue depth &lt;jobs&gt; &amp; more</title>');
    expect(svg.indexOf('<rect x="0" y="0" width="640" height="300" fill="rgb(22, 26, 34)"/>')).toBeLessThan(svg.indexOf('<path'));
    expect(svg).toContain('<g transform="translate(12 40.3)"><svg xmlns="http://www.w3.org/2000/svg" width="616" height="240"><path d="M0,0L1,1"/></svg></g>');
    expect(svg).toContain('<text x="12" y="20" dominant-baseline="central" fill="rgb(230, 233, 239)" font-family="&quot;Segoe UI&quot;, sans-serif" font-size="16.8px" font-weight="600">Queue depth</text>');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('escapes the five XML characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });

  it('takes the first background that paints: transparent in either syntax is skipped, black is not', () => {
    expect(isTransparent('rgba(0, 0, 0, 0)')).toBe(true);
    expect(isTransparent('rgb(0 0 0 / 0)')).toBe(true);
    expect(isTransparent('transparent')).toBe(true);
    expect(isTransparent('rgb(0, 0, 0)')).toBe(false);
    expect(isTransparent('rgba(22, 26, 34, 0.5)')).toBe(false);
    expect(opaqueBackground(['rgba(0, 0, 0, 0)', 'rgb(14, 16, 21)', 'rgb(255, 255, 255)'])).toBe('rgb(14, 16, 21)');
    expect(opaqueBackground(['transparent'])).toBe('#ffffff');
  });

  it('names the file by the chart and the run’s start', () => {
    expect(chartFileName('Host event-loop delay', '2026-11-30T18-00-10Z', 'svg')).toBe('host-event-loop-delay-2026-11-30T18-00-10Z.svg');
    expect(chartFileName('Compare Throughput', '2026-11-30T18-00-10Z', 'png')).toBe('compare-throughput-2026-11-30T18-00-10Z.png');
    expect(chartFileName('→ ←', 'd', 'png')).toBe('chart-d.png');
  });
});
