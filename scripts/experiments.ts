/**
 * `npm run experiments`: runs every experiment of the catalog, one after another (they would compete for the
 * same cores side by side), and prints a table of verdicts with their key numbers and the machine.
 * `--quick` (or `--time-scale f`) shortens each; `--only id,id` picks some. Exit code 0 whatever the verdicts,
 * 1 when a run could not start or left a thread or process alive, 2 for bad options.
 */
import { parseArgs } from 'node:util';
import { EXPERIMENTS } from '../shared/experiments/catalog';
import { scaleExperiment } from '../shared/experiments/timeline';
import type { Experiment, Verdict } from '../shared/experiments/types';
import { parseDecimal } from '../electron/headless/decimal-option';
import { TIME_SCALE } from '../electron/headless/experiment-args';
import { holdsWord, resultsTable } from '../electron/headless/experiment-output';
import { runExperiment } from '../electron/headless/experiment-run';
import { machineFacts } from '../electron/session/machine-facts';

function options(): { experiments: Experiment[]; scale: number } | string {
  let values: { quick?: boolean; 'time-scale'?: string; only?: string };
  try {
    ({ values } = parseArgs({ options: { quick: { type: 'boolean' }, 'time-scale': { type: 'string' }, only: { type: 'string' } } }));
  } catch (error) {
    return `${(error as Error).message}; options: --quick, --time-scale <f>, --only <id,id>`;
  }
  const scale = values['time-scale'] !== undefined ? parseDecimal('--time-scale', values['time-scale']) : values.quick ? TIME_SCALE.quick : 1;
  if (typeof scale === 'string') return scale;
  if (scale < TIME_SCALE.min || scale > TIME_SCALE.max) return `--time-scale: must be a number between ${TIME_SCALE.min} and ${TIME_SCALE.max}`;
  const ids = values.only?.split(',').map((id) => id.trim());
  const unknown = ids?.filter((id) => !EXPERIMENTS.some((e) => e.id === id)) ?? [];
  if (unknown.length > 0) return `--only: "${unknown.join('", "')}" not in the catalog; known: ${EXPERIMENTS.map((e) => e.id).join(', ')}`;
  const experiments = EXPERIMENTS.filter((e) => !ids || ids.includes(e.id)).map((e) => (scale === 1 ? e : scaleExperiment(e, scale)));
  return { experiments, scale };
}

async function main(): Promise<number> {
  const chosen = options();
  if (typeof chosen === 'string') {
    process.stderr.write(`${chosen}\n`);
    return 2;
  }
  const machine = machineFacts();
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  const total = chosen.experiments.reduce((s, e) => s + e.durationS, 0);
  process.stdout.write(`running ${chosen.experiments.length} experiments, about ${Math.ceil(total)} s\n`);
  const results: Array<{ experiment: Experiment; verdict: Verdict | null; error?: string }> = [];
  let code = 0;
  for (const experiment of chosen.experiments) {
    if (controller.signal.aborted) break;
    process.stdout.write(`  ${experiment.id} (${experiment.durationS} s) ... `);
    const outcome = await runExperiment(experiment, { machine, signal: controller.signal });
    if (!outcome.ok) {
      code = 1;
      const error = outcome.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      results.push({ experiment, verdict: null, error });
      process.stdout.write(`could not start: ${error}\n`);
      continue;
    }
    if ((outcome.summary?.unitsAlive ?? 0) > 0) code = 1;
    results.push({ experiment, verdict: outcome.verdict });
    process.stdout.write(`${holdsWord(outcome.verdict.holds)}\n`);
  }
  process.stdout.write(`\n${resultsTable(results)}\n`);
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`experiments failed: ${error.stack ?? error.message}\n`);
    process.exitCode = 1;
  },
);
