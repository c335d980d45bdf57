/**
 * The CLI's options as one table: each option is written once (name, type, allowed values, default, words) and
 * both node:util's parseArgs options and the `--help` text are made from it, so the help cannot miss an option
 * the parser takes, list one it refuses, or show a default or range the option does not have.
 */
import type { ParseArgsConfig } from 'node:util';

/** A range of numbers an option takes, inclusive. */
export interface CliRange {
  readonly min: number;
  readonly max: number;
}

/** One command-line option. */
export interface CliOption {
  /** The name without its dashes: `pool-size`. */
  readonly name: string;
  /** A flag (`boolean`) or an option with a value (`string`, parsed further by its module). */
  readonly type: 'string' | 'boolean';
  /** What the value is called in the help, e.g. `<n>`; options with a value only. */
  readonly placeholder?: string;
  /** Given more than once, it keeps every value (`--report a --report b`). */
  readonly multiple?: true;
  /** What it does, in words. */
  readonly description: string;
  /** The values it takes: a list of names, a range, or words for anything else. */
  readonly allowed?: readonly string[] | CliRange | string;
  /** What it is when not given. */
  readonly default?: string | number;
}

/** Options shown together under a title (none for the first, the run's own options). */
export interface CliSection {
  readonly title: string | null;
  readonly options: readonly CliOption[];
}

/** The options of `sections` as parseArgs takes them. */
export function parseArgsOptions(sections: readonly CliSection[]): ParseArgsConfig['options'] {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const option of sections.flatMap((section) => section.options)) {
    if (option.name in options) throw new Error(`--${option.name} is in the options table twice`);
    options[option.name] = option.multiple ? { type: option.type, multiple: true } : { type: option.type };
  }
  return options;
}

/** The allowed values in words: `a | b | c`, `1..64`, or the words given. */
export function allowedText(allowed: CliOption['allowed']): string | null {
  if (allowed === undefined) return null;
  if (typeof allowed === 'string') return allowed;
  if ('min' in allowed) return `${allowed.min}..${allowed.max}`;
  return allowed.join(' | ');
}

/** An option's help text after its name: its words, then what it takes (a range after `,`, else after `:`), then its default. */
export function describeOption(option: CliOption): string {
  const allowed = allowedText(option.allowed);
  const separator = typeof option.allowed === 'object' && 'min' in option.allowed ? ', ' : ': ';
  const values = allowed === null ? '' : `${separator}${allowed}`;
  const fallback = option.default === undefined ? '' : ` (default ${option.default})`;
  return `${option.description}${values}${fallback}`;
}

/** Where an option's words begin, and how wide the help may be. */
const TEXT_COLUMN = 24;
const WIDTH = 118;

/** `text` broken at spaces into lines of at most `width` characters (a longer word keeps its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

/**
 * One option's lines of help: `  --name <value>`, then its description in a column of its own (below the name when
 * the name reaches into it).
 */
function optionLines(option: CliOption): string[] {
  const head = `  --${option.name}${option.placeholder ? ` ${option.placeholder}` : ''}`;
  const indent = ' '.repeat(TEXT_COLUMN);
  const lines = wrap(describeOption(option), WIDTH - TEXT_COLUMN).map((line) => `${indent}${line}`);
  if (head.length + 2 > TEXT_COLUMN) return [head, ...lines];
  return [`${head.padEnd(TEXT_COLUMN)}${lines[0].slice(TEXT_COLUMN)}`, ...lines.slice(1)];
}

/** The help text: a heading, every section's options (titled), and closing notes. */
export function formatHelp(heading: string, sections: readonly CliSection[], notes: readonly string[]): string {
  const blocks = sections.map((section) => [...(section.title ? [section.title] : []), ...section.options.flatMap(optionLines)].join('\n'));
  return `${heading}\n\n${blocks.join('\n\n')}\n\n${notes.join('\n')}\n`;
}
