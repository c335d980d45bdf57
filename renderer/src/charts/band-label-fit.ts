/**
 * A segment's name cut to the room its band gives it. SVG text does not wrap or ellipsize, and a name wider than
 * its band ran into the next band's ("round-robin: workers start" is a quarter of a 24 s plan); the whole name
 * stays in the label's tooltip.
 */

/** A bold sans-serif character's mean advance, in ems, a little over the real one: a cut errs short, never long. */
export const CHAR_EM = 0.62;

/** `text` as it fits `roomPx` at `fontPx`: whole, cut with an ellipsis, or empty when not even two characters fit. */
export function fitBandLabel(text: string, roomPx: number, fontPx: number): string {
  const perChar = CHAR_EM * fontPx;
  if (text.length * perChar <= roomPx) return text;
  const chars = Math.floor(roomPx / perChar) - 1;
  return chars < 2 ? '' : `${text.slice(0, chars).trimEnd()}…`;
}
