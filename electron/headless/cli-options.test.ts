import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeOption, formatHelp, parseArgsOptions, type CliSection } from './cli-options';

const SECTIONS: CliSection[] = [
  {
    title: null,
    options: [
      { name: 'mode', type: 'string', placeholder: '<m>', description: 'how it runs', allowed: ['a', 'b'], default: 'a' },
      { name: 'rate', type: 'string', placeholder: '<n>', description: 'jobs per second', allowed: { min: 1, max: 9 }, default: 5 },
      { name: 'verbose', type: 'boolean', description: 'say more' },
    ],
  },
  { title: 'Files:', options: [{ name: 'a-rather-long-option-name', type: 'string', placeholder: '<file>', multiple: true, description: 'word '.repeat(40).trim() }] },
];

describe('the CLI options table', () => {
  it('gives parseArgs every option with its type, and multiple where it is', () => {
    assert.deepEqual(parseArgsOptions(SECTIONS), {
      mode: { type: 'string' },
      rate: { type: 'string' },
      verbose: { type: 'boolean' },
      'a-rather-long-option-name': { type: 'string', multiple: true },
    });
  });

  it('refuses an option written twice', () => {
    assert.throws(() => parseArgsOptions([...SECTIONS, SECTIONS[0]]), /--mode is in the options table twice/);
  });

  it('describes an option by its words, its allowed values (a list after ":", a range after ",") and its default', () => {
    assert.equal(describeOption(SECTIONS[0].options[0]), 'how it runs: a | b (default a)');
    assert.equal(describeOption(SECTIONS[0].options[1]), 'jobs per second, 1..9 (default 5)');
    assert.equal(describeOption(SECTIONS[0].options[2]), 'say more');
  });

  it('lays the help out in a column, wrapped, with a long name on its own line, sections titled, notes last', () => {
    const help = formatHelp('Usage: x [options]', SECTIONS, ['Numbers are decimal.']);
    const lines = help.split('\n');
    assert.equal(lines[0], 'Usage: x [options]');
    assert.ok(lines.includes('  --mode <m>            how it runs: a | b (default a)'), help);
    assert.ok(lines.includes('  --verbose             say more'), help);
    assert.ok(lines.includes('Files:'), help);
    assert.ok(lines.includes('  --a-rather-long-option-name <file>'), help);
    for (const line of lines) assert.ok(line.length <= 118, line);
    assert.ok(help.endsWith('Numbers are decimal.\n'));
  });
});
