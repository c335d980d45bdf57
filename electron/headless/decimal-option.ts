/**
 * Numbers on the command line, as people write them in decimal: 7, -3, 0.5, .5, and exponent form (1e3,
 * 2.5E-1), which JSON and so the other entries accept too. Number() alone would also take hex, binary and octal
 * (0x1f), surrounding spaces (" 7"), and read '' as 0; a typo there should be an error, not a quietly different
 * value.
 */
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;

/** The number `text` writes in decimal, or why it is not one (`option` names it in the message). */
export function parseDecimal(option: string, text: string): number | string {
  if (!DECIMAL.test(text)) return `${option}: "${text}" is not a number: write it in decimal, e.g. 7, 0.5 or 2e3`;
  const value = Number(text);
  return Number.isFinite(value) ? value : `${option}: "${text}" is not a finite number`;
}

/** Like {@link parseDecimal}, for an option that may be absent. */
export function optionalDecimal(option: string, text: string | undefined): number | string | undefined {
  return text === undefined ? undefined : parseDecimal(option, text);
}
