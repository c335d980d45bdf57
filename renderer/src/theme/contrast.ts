/**
 * WCAG's contrast ratio of two colours (1 to 21): a line a washed-out projector still shows needs 3:1 against the
 * background it is drawn on (WCAG's bar for graphics). Written here since it is ten lines of arithmetic.
 */

/** Relative luminance of `#rrggbb`, 0..1. */
function luminance(hex: string): number {
  const channel = (at: number) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrastRatio(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}
