import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LIMITS } from '../../shared/constants';
import { allowedText } from './cli-options';
import { CLI_SECTIONS, HELP, PARSE_OPTIONS, parseCli, startSettings, type CliRequest } from './cli-args';

function errorOf(request: CliRequest): string {
  assert.equal(request.kind, 'error', `expected an error, got ${JSON.stringify(request)}`);
  return (request as { message: string }).message;
}

function runOf(request: CliRequest): Extract<CliRequest, { kind: 'run' }> {
  assert.equal(request.kind, 'run', `expected a run, got ${JSON.stringify(request)}`);
  return request as Extract<CliRequest, { kind: 'run' }>;
}

/** How many times `needle` occurs in `text`. */
function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('CLI number options are decimal only', () => {
  for (const [option, text] of [
    ['size', '0x1f'],
    ['size', '1_000'],
    ['size', ''],
    ['size', '0b11'],
    ['size', '0o17'],
    ['size', 'Infinity'],
    ['rate', ' 7'],
    ['rate', '7 '],
    ['rate', '+7'],
    ['drain', '1e400'],
    ['duration', '0x10'],
  ] as const) {
    it(`--${option} ${JSON.stringify(text)} is refused, naming the option once`, () => {
      const message = errorOf(parseCli([`--${option}`, text]));
      assert.match(message, new RegExp(`^--${option}: "${text.replace(/[+]/g, '\\+')}" is not a`));
      assert.equal(count(message, `--${option}`), 1, message);
    });
  }

  it('accepts plain decimals and exponent form', () => {
    assert.equal(runOf(parseCli(['--size', '7'])).config.size, 7);
    assert.equal(runOf(parseCli(['--rate', '0.5'])).config.rate, 0.5);
    assert.equal(runOf(parseCli(['--rate', '.5'])).config.rate, 0.5);
    assert.equal(runOf(parseCli(['--workload', 'hash', '--size', '5e4'])).config.size, 50_000);
    assert.equal(runOf(parseCli(['--duration', '2.5'])).durationS, 2.5);
  });

  it('a negative decimal parses, then the range check refuses it', () => {
    assert.equal(errorOf(parseCli(['--size=-3'])), '--size: for fib must be an integer between 1 and 40 (n)');
  });

  it('an out-of-range value is reported once per option (1e20 breaks the integer and the range check)', () => {
    assert.equal(errorOf(parseCli(['--drain', '1e20'])), '--drain: must be an integer between 0 and 120000');
    assert.equal(errorOf(parseCli(['--pool-size=-1.5'])), '--pool-size: must be an integer between 1 and 64');
  });
});

describe('CLI plan and inject times', () => {
  for (const [option, text] of [
    ['plan', 'worker-pool@'],
    ['plan', 'worker-pool'],
    ['plan', 'worker-pool@1e7'],
    ['plan', 'worker-pool@-1'],
    ['plan', 'worker-pool@0x10'],
    ['plan', 'worker-pool@ 5'],
    ['plan', 'worker-pool@5@6'],
    ['plan', 'worker-pool@NaN'],
    ['inject', 'crash@'],
    ['inject', 'crash'],
    ['inject', 'crash@3000000'],
    ['inject', 'crash@-1'],
    ['inject', 'crash@1_0'],
    ['inject', 'crash@Infinity'],
  ] as const) {
    it(`--${option} ${text} is refused, naming the option once`, () => {
      const message = errorOf(parseCli([`--${option}`, text]));
      assert.ok(message.startsWith(`--${option}: "${text}"`), message);
      assert.equal(count(message, `--${option}`), 1, message);
    });
  }

  it('without --duration a step may be as late as 24 h, and no later', () => {
    const max = LIMITS.durationS.max;
    assert.deepEqual(runOf(parseCli(['--plan', `cluster@${max}`])).plan, [{ atS: max, configure: { strategy: 'cluster' } }]);
    assert.deepEqual(runOf(parseCli(['--inject', `crash@${max}`])).plan, [{ atS: max, crash: {} }]);
    assert.match(errorOf(parseCli(['--plan', `cluster@${max + 0.5}`])), new RegExp(`between 0 and ${max}`));
    assert.match(errorOf(parseCli(['--inject', `crash@${max + 0.5}`])), new RegExp(`between 0 and ${max}`));
  });

  it('with --duration a step may be as late as the duration, and no later', () => {
    assert.deepEqual(runOf(parseCli(['--duration', '10', '--plan', 'cluster@10', '--inject', 'crash@2.5'])).plan, [
      { atS: 10, configure: { strategy: 'cluster' } },
      { atS: 2.5, crash: {} },
    ]);
    const late = errorOf(parseCli(['--duration', '10', '--plan', 'cluster@10.5']));
    assert.match(late, /^--plan: "cluster@10.5" needs a decimal time in seconds between 0 and 10 \(the --duration\)/);
    assert.match(errorOf(parseCli(['--duration', '10', '--inject', 'crash@11'])), /^--inject: "crash@11" needs a decimal time in seconds between 0 and 10 \(the --duration\)/);
  });

  it('a step at 0 s sets the starting strategy and the others are sorted', () => {
    const request = runOf(parseCli(['--plan', 'cluster@5,main-thread@0,worker-pool@2.5']));
    assert.equal(request.config.strategy, 'main-thread');
    assert.deepEqual(request.plan, [
      { atS: 2.5, configure: { strategy: 'worker-pool' } },
      { atS: 5, configure: { strategy: 'cluster' } },
    ]);
  });
});

describe('CLI experiment options', () => {
  const experimentOf = (request: CliRequest) => {
    assert.equal(request.kind, 'experiment', `expected an experiment, got ${JSON.stringify(request)}`);
    return request as Extract<CliRequest, { kind: 'experiment' }>;
  };

  it('--experiments lists the catalog, as a table or as JSON lines', () => {
    assert.deepEqual(parseCli(['--experiments']), { kind: 'list', json: false });
    assert.deepEqual(parseCli(['--experiments', '--json']), { kind: 'list', json: true });
    assert.match(errorOf(parseCli(['--experiments', '--strategy', 'cluster'])), /^--experiments: lists the catalog and takes only --json; drop --strategy$/);
  });

  it('--experiment runs one by its id, at its own length unless --duration is shorter', () => {
    const full = experimentOf(parseCli(['--experiment', 'main-thread-blocks', '--json']));
    assert.equal(full.experiment.id, 'main-thread-blocks');
    assert.equal(full.durationS, full.experiment.durationS);
    assert.equal(full.json, true);
    assert.equal(experimentOf(parseCli(['--experiment', 'main-thread-blocks', '--duration', '3'])).durationS, 3);
    assert.equal(experimentOf(parseCli(['--experiment', 'main-thread-blocks', '--duration', '999'])).durationS, full.experiment.durationS);
  });

  it('an unknown id is refused, naming every known one', () => {
    const message = errorOf(parseCli(['--experiment', 'warp-drive']));
    assert.match(message, /^--experiment: "warp-drive" is not an experiment; known: main-thread-blocks, /);
    assert.ok(message.includes('limits-bound-the-queue'));
  });

  it('--time-scale and --quick shorten every time of the experiment', () => {
    const scaled = experimentOf(parseCli(['--experiment', 'main-thread-blocks', '--time-scale', '0.25'])).experiment;
    assert.equal(scaled.durationS, 3);
    assert.deepEqual(scaled.segments.map((s) => s.atS), [0, 1.5]);
    assert.equal(scaled.verdict.warmupS, 0.25);
    assert.equal(experimentOf(parseCli(['--experiment', 'main-thread-blocks', '--quick'])).durationS, 6);
  });

  for (const [args, message] of [
    [['--experiment', 'main-thread-blocks', '--time-scale', '2'], /^--time-scale: must be a number between 0.1 and 1/],
    [['--experiment', 'main-thread-blocks', '--time-scale', '0x1'], /^--time-scale: "0x1" is not a number/],
    [['--experiment', 'main-thread-blocks', '--time-scale', '0.5', '--quick'], /^--time-scale and --quick: choose one/],
    [['--time-scale', '0.5'], /^--time-scale and --quick: only with --experiment <id>/],
    [['--experiment', 'main-thread-blocks', '--rate', '5', '--plan', 'cluster@1'], /^--experiment: brings its own settings and timeline; drop --rate, --plan/],
    [['--experiment', 'main-thread-blocks', '--duration', '0'], /^--duration: must be a number of seconds between 0.1 and/],
  ] as const) {
    it(`refuses ${args.join(' ')}, naming the option`, () => {
      assert.match(errorOf(parseCli([...args])), message);
    });
  }
});

describe('--workload-file', () => {
  it('resolves the module against the working directory and runs it as workload custom, at its own default size', () => {
    const request = runOf(parseCli(['--workload-file', 'examples/blur.mjs', '--strategy', 'cluster']));
    assert.equal(request.config.workload, 'custom');
    assert.equal(request.config.workloadFile, join(process.cwd(), 'examples', 'blur.mjs'));
    assert.equal(request.sizeFromModule, true);
    assert.equal('size' in startSettings(request), false, 'the engine takes the size from the module');
  });

  it('keeps a --size given beside it', () => {
    const request = runOf(parseCli(['--workload-file', '/tmp/job.mjs', '--size', '12.5']));
    assert.equal(request.config.workloadFile, '/tmp/job.mjs');
    assert.equal(request.sizeFromModule, undefined);
    assert.equal(startSettings(request).size, 12.5);
  });

  it('refuses another --workload beside it', () => {
    assert.match(errorOf(parseCli(['--workload-file', 'x.mjs', '--workload', 'fib'])), /^--workload-file: runs your module as workload custom; drop --workload fib$/);
  });

  it('workload custom without a module names the option to give', () => {
    assert.match(errorOf(parseCli(['--workload', 'custom'])), /^--workload-file: must be the absolute path of a \.mjs or \.js file when workload is custom$/);
  });
});

describe('--help', () => {
  /** The options the help lists: the lines that begin with one. */
  const listed = HELP.split('\n').flatMap((line) => /^ {2}--([a-z-]+)/.exec(line)?.[1] ?? []);
  /** The help with every wrapped description back on one line. */
  const unwrapped = HELP.replace(/\n {24}/g, ' ');

  it('lists every option the parser takes, once, and no other', () => {
    assert.deepEqual([...listed].sort(), Object.keys(PARSE_OPTIONS ?? {}).sort());
    assert.equal(new Set(listed).size, listed.length, 'an option listed twice');
  });

  it('shows each option with its allowed values and its default', () => {
    for (const option of CLI_SECTIONS.flatMap((section) => section.options)) {
      const line = unwrapped.split('\n').find((l) => l.startsWith(`  --${option.name} `) || l === `  --${option.name}`) ?? '';
      const allowed = allowedText(option.allowed);
      if (allowed !== null) assert.ok(line.includes(allowed), `--${option.name}: ${allowed} in ${line}`);
      if (option.default !== undefined) assert.ok(line.includes(`(default ${option.default})`), `--${option.name}: default in ${line}`);
    }
  });

  it('every option it lists parses (a flag alone, a value option with a value)', () => {
    for (const option of CLI_SECTIONS.flatMap((section) => section.options)) {
      const request = parseCli(option.type === 'boolean' ? [`--${option.name}`] : [`--${option.name}`, 'x']);
      if (request.kind === 'error') assert.doesNotMatch(request.message, /Unknown option/, `--${option.name}`);
    }
  });
});

describe('--attach', () => {
  const attachOf = (request: CliRequest) => {
    assert.equal(request.kind, 'attach', `expected an attached run, got ${JSON.stringify(request)}`);
    return request as Extract<CliRequest, { kind: 'attach' }>;
  };

  it('takes the command after "--" as argv, its own flags included, in the current folder by default', () => {
    const request = attachOf(parseCli(['--attach', '--json', '--duration', '3', '--interval', '100', '--', 'node', 'server.js', '--port', '0', '--', 'x']));
    assert.deepEqual(request.spec, { command: ['node', 'server.js', '--port', '0', '--', 'x'], cwd: process.cwd() });
    assert.deepEqual([request.json, request.durationS, request.intervalMs], [true, 3, 100]);
    const plain = attachOf(parseCli(['--attach', '--', 'node', '-e', '1']));
    assert.deepEqual([plain.json, plain.durationS, plain.intervalMs, plain.outputs], [false, null, null, { record: null, thresholds: [] }]);
  });

  it('keeps --record and --threshold, and resolves --cwd against the current folder', () => {
    const request = attachOf(parseCli(['--attach', '--record', 'app.nclab.jsonl', '--threshold', 'http.p99<50', '--cwd', 'electron', '--', 'node', 'x.js']));
    assert.equal(request.outputs.record, 'app.nclab.jsonl');
    assert.deepEqual(request.outputs.thresholds.map((t) => t.text), ['http.p99<50']);
    assert.equal(request.spec.cwd, join(process.cwd(), 'electron'));
  });

  for (const [args, message] of [
    [['--attach'], /^--attach: needs the command to run after "--", e\.g\. npm run lab -- --attach -- node server\.js$/],
    [['--attach', '--'], /^--attach: needs the command to run after "--"/],
    [['--', 'node', 'server.js'], /^a command after "--" is run only with --attach/],
    [['--json', '--', 'node'], /^a command after "--" is run only with --attach/],
    [['--cwd', '/tmp'], /^--cwd: only with --attach/],
    [['--attach', '--cwd', '/no/such/folder/nclab', '--', 'node'], /^--cwd: no such folder: \/no\/such\/folder\/nclab$/],
    [['--attach', '--cwd', 'package.json', '--', 'node'], /^--cwd: .*package\.json is not a folder$/],
    [['--attach', '--', ' ', 'x'], /^--attach: the command must start with a program, e\.g\. node$/],
    [['--attach', '--strategy', 'cluster', '--', 'node'], /^--strategy: does not apply to an attached run: the app decides how it runs its work \(--attach takes --cwd, --json, --record, --threshold, --duration, --interval\)$/],
    [['--attach', '--workload', 'fib', '--rate', '5', '--', 'node'], /^--workload, --rate: do not apply to an attached run: the app decides how it runs its work/],
    [['--attach', '--experiment', 'main-thread-blocks', '--', 'node'], /^--experiment: does not apply to an attached run/],
    [['--attach', '--advise', '--', 'node'], /^--advise: does not apply to an attached run/],
    [['--attach', '--plan', 'cluster@1', '--inject', 'crash@2', '--', 'node'], /^--plan, --inject: do not apply to an attached run/],
    [['--attach', '--interval', '5', '--', 'node'], /^--interval: must be an integer between 50 and 10000$/],
    [['--attach', '--interval', '0x10', '--', 'node'], /^--interval: "0x10" is not a number/],
    [['--attach', '--duration', '0', '--', 'node'], /^--duration: must be a number of seconds between 0\.1 and 86400$/],
    [['--attach', '--threshold', 'warp<1', '--', 'node'], /^--threshold: "warp" is not a figure of a run; known: .*http\.p99/],
  ] as const) {
    it(`refuses ${args.join(' ')}, naming the option`, () => {
      assert.match(errorOf(parseCli([...args])), message);
    });
  }

  it('the help shows how to give the command', () => {
    assert.match(HELP, /npm run lab -- --attach \[--json\] \[--record F\] \[--threshold E\] \[--duration S\] \[--cwd DIR\] \[--interval MS\] -- <command…>/);
  });
});
