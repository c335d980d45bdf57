/** `npm run bench -- --only …`: which of the bench's parts to run. */

/** The parts by number and by name, for `--only`. */
export const PART_NAMES: Record<string, string> = { overhead: '1', switching: '2', scaling: '3', dispatch: '4', agent: '5' };

/** `--only 1,3` or `--only agent`: the numbers of the parts to run; anything else ends the bench naming what is allowed. */
export function partsToRun(text: string): Set<string> {
  const parts = new Set<string>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const number = PART_NAMES[part] ?? part;
    if (!Object.values(PART_NAMES).includes(number)) {
      console.error(`--only: each part is one of 1-5 or ${Object.keys(PART_NAMES).join(', ')}, not ${JSON.stringify(part)}`);
      process.exit(2);
    }
    parts.add(number);
  }
  return parts;
}
