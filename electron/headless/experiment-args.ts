/**
 * The experiment options of the CLI: `--experiments` lists the catalog, `--experiment ID` runs one, optionally
 * shortened (`--time-scale`, `--quick`) or stopped early (`--duration`). An experiment brings its own settings
 * and timeline, so run settings beside it are refused rather than silently ignored or mixed in.
 */
import { EXPERIMENTS, findExperiment } from '../../shared/experiments/catalog';
import { scaleExperiment } from '../../shared/experiments/timeline';
import type { Experiment } from '../../shared/experiments/types';
import type { CliSection } from './cli-options';
import { optionalDecimal } from './decimal-option';
import { parseDurationOption } from './duration-option';

/** What the experiment options ask for. */
export type ExperimentRequest =
  | { kind: 'list'; json: boolean }
  | { kind: 'experiment'; experiment: Experiment; durationS: number; json: boolean }
  | { kind: 'error'; message: string };

/** How far `--time-scale` may shrink an experiment: below a tenth its segments hold too few ticks to judge. */
export const TIME_SCALE = { min: 0.1, max: 1, quick: 0.5 } as const;

/** The options only an experiment run takes, for the CLI's table (cli-args.ts): its parser and its help. */
export const EXPERIMENT_SECTION: CliSection = {
  title: 'Experiments (guided scenes that check a claim of the guides and print a verdict):',
  options: [
    { name: 'experiments', type: 'boolean', description: 'list them (with --json: one line per experiment)' },
    {
      name: 'experiment',
      type: 'string',
      placeholder: '<id>',
      description: 'run one (an id --experiments lists) with its own settings and timeline; the verdict comes before the summary',
    },
    { name: 'time-scale', type: 'string', placeholder: '<f>', description: 'with --experiment: every time of it times f', allowed: TIME_SCALE, default: 1 },
    { name: 'quick', type: 'boolean', description: `with --experiment: --time-scale ${TIME_SCALE.quick}` },
  ],
};

/** Options that may go with `--experiment`; every other one is a run setting the experiment sets itself. */
const WITH_EXPERIMENT = new Set(['experiment', 'time-scale', 'quick', 'duration', 'json', 'record', 'threshold']);

const given = (values: Record<string, unknown>) => Object.keys(values).filter((key) => values[key] !== undefined && values[key] !== false);

/** The experiment request in parsed options, or null when they ask for none. */
export function parseExperimentOptions(values: Record<string, string | boolean | string[] | undefined>): ExperimentRequest | null {
  const json = values.json === true;
  const timeScaleGiven = values['time-scale'] !== undefined || values.quick === true;
  if (values.experiments) {
    const extra = given(values).filter((key) => key !== 'experiments' && key !== 'json');
    if (extra.length > 0) return { kind: 'error', message: `--experiments: lists the catalog and takes only --json; drop --${extra.join(', --')}` };
    return { kind: 'list', json };
  }
  if (values.experiment === undefined) {
    return timeScaleGiven ? { kind: 'error', message: '--time-scale and --quick: only with --experiment <id>' } : null;
  }
  const id = values.experiment as string;
  const found = findExperiment(id);
  if (!found) return { kind: 'error', message: `--experiment: "${id}" is not an experiment; known: ${EXPERIMENTS.map((e) => e.id).join(', ')}` };
  const extra = given(values).filter((key) => !WITH_EXPERIMENT.has(key));
  if (extra.length > 0) {
    return { kind: 'error', message: `--experiment: brings its own settings and timeline; drop --${extra.join(', --')} (it takes --duration, --time-scale, --quick, --json, --record, --threshold)` };
  }
  if (values['time-scale'] !== undefined && values.quick) return { kind: 'error', message: '--time-scale and --quick: choose one (--quick is --time-scale 0.5)' };
  const scale = optionalDecimal('--time-scale', values['time-scale'] as string | undefined) ?? (values.quick ? TIME_SCALE.quick : 1);
  if (typeof scale === 'string') return { kind: 'error', message: scale };
  if (scale < TIME_SCALE.min || scale > TIME_SCALE.max) {
    return { kind: 'error', message: `--time-scale: must be a number between ${TIME_SCALE.min} and ${TIME_SCALE.max} (a share of the experiment's length)` };
  }
  const experiment = scale === 1 ? found : scaleExperiment(found, scale);
  const duration = parseDurationOption(values.duration as string | undefined);
  if (typeof duration === 'object') return { kind: 'error', message: duration.error };
  // Shorter stops the run early (its later segments are then inconclusive); longer would only add idle time.
  return { kind: 'experiment', experiment, durationS: Math.min(duration ?? experiment.durationS, experiment.durationS), json };
}
