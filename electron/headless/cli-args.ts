/**
 * Command-line options of the headless lab, checked against the same schema as every other entry.
 * A bad option gets an error that names it and its allowed values.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHILD_MODES, CLUSTER_CONNECTIONS, CLUSTER_SCHEDULING, CUSTOM_WORKLOAD, COUNTER_MODES, FAULTS, LIMITS, PAYLOAD_MODES, STRATEGIES, WORKLOADS, WORKLOAD_SIZES } from '../../shared/constants';
import type { PlanStep } from '../../shared/plan';
import { defaultConfig, mergeConfig, type RunConfig } from '../../shared/run-config';
import { ADVISE_SECTION, parseAdviseOptions } from './advise-args';
import { ATTACH_SECTION, parseAttachOptions, splitCommand, type AttachCliRequest } from './attach-args';
import { formatHelp, parseArgsOptions, type CliOption, type CliSection } from './cli-options';
import { optionalDecimal } from './decimal-option';
import { parseDurationOption } from './duration-option';
import { INJECT_EXAMPLE, parseInject, parsePlan, PLAN_EXAMPLE } from './plan-grammar';
import { EXPERIMENT_SECTION, parseExperimentOptions, type ExperimentRequest } from './experiment-args';
import { parseRecordingRequest, parseRunOutputs, RECORDING_SECTION, type RecordingRequest, type RunOutputs } from './recording/recording-args';

/**
 * What the CLI was asked to do: `--plan` and `--inject` become one plan of timed steps; `--experiments` lists the
 * catalog and `--experiment` runs one of it; `--attach -- <command…>` runs the user's app and watches it.
 */
export type CliRequest =
  | { kind: 'help' }
  | {
      kind: 'run';
      config: RunConfig;
      /** `--workload-file` without `--size`: the run starts at the module's own default size (see {@link startSettings}). */
      sizeFromModule?: true;
      durationS: number | null;
      plan: PlanStep[];
      json: boolean;
      outputs: RunOutputs;
    }
  | (Extract<ExperimentRequest, { kind: 'experiment' }> & { outputs: RunOutputs })
  | { kind: 'advise'; config: RunConfig; budgetS: number; json: boolean; outputs: RunOutputs }
  | Exclude<ExperimentRequest, { kind: 'experiment' }>
  | AttachCliRequest
  | RecordingRequest;

const sizes = WORKLOADS.map((w) => `${w} ${WORKLOAD_SIZES[w].min}..${WORKLOAD_SIZES[w].max} ${WORKLOAD_SIZES[w].unit} (default ${WORKLOAD_SIZES[w].default})`).join('; ');
const d = defaultConfig();

/** A run option; one that sets a run setting names its field, and whether its value is a number. */
type RunOption = CliOption & { field?: keyof RunConfig; number?: true };

/**
 * The run's options: the one table behind parsing, the help, the patch the settings build, and the option named
 * in an error message.
 */
const RUN_OPTIONS: readonly RunOption[] = [
  { name: 'strategy', type: 'string', placeholder: '<name>', field: 'strategy', description: 'how jobs run', allowed: STRATEGIES, default: d.strategy },
  { name: 'workload', type: 'string', placeholder: '<name>', field: 'workload', description: 'the job', allowed: WORKLOADS, default: d.workload },
  {
    name: 'workload-file',
    type: 'string',
    placeholder: '<f>',
    description: 'your own workload: an ES module (.mjs or .js) whose default export does one job for a size; checked before the run starts (see README, "Your own workload")',
  },
  { name: 'size', type: 'string', placeholder: '<n>', field: 'size', number: true, description: 'workload size', allowed: `${sizes}; your module's own range (default: its default)` },
  { name: 'rate', type: 'string', placeholder: '<n>', field: 'rate', number: true, description: 'open loop: jobs per second', allowed: LIMITS.rate, default: d.rate },
  { name: 'concurrency', type: 'string', placeholder: '<n>', field: 'concurrency', number: true, description: 'closed loop instead: jobs outstanding at all times', allowed: LIMITS.concurrency },
  { name: 'pool-size', type: 'string', placeholder: '<n>', field: 'poolSize', number: true, description: 'threads or processes', allowed: LIMITS.poolSize, default: d.poolSize },
  { name: 'payload', type: 'string', placeholder: '<mode>', field: 'payload', description: 'how pixels cross to a worker thread', allowed: PAYLOAD_MODES, default: d.payload },
  { name: 'child-mode', type: 'string', placeholder: '<mode>', field: 'childMode', description: 'how child-process runs a job', allowed: CHILD_MODES, default: d.childMode },
  { name: 'counter-mode', type: 'string', placeholder: '<m>', field: 'counterMode', description: 'how sab-counter jobs increment the shared counter', allowed: COUNTER_MODES, default: d.counterMode },
  {
    name: 'cluster-scheduling',
    type: 'string',
    placeholder: '<p>',
    field: 'clusterScheduling',
    description: 'whether cluster hands out connections round-robin or leaves it to the OS',
    allowed: CLUSTER_SCHEDULING,
    default: d.clusterScheduling,
  },
  {
    name: 'cluster-connection',
    type: 'string',
    placeholder: '<c>',
    field: 'clusterConnection',
    description: "whether cluster's load generator keeps its connections open or opens a new one for every request",
    allowed: CLUSTER_CONNECTIONS,
    default: d.clusterConnection,
  },
  { name: 'max-buffer', type: 'string', placeholder: '<bytes>', field: 'maxBuffer', number: true, description: 'execFile maxBuffer in exec mode', allowed: LIMITS.maxBuffer, default: d.maxBuffer },
  { name: 'max-queue', type: 'string', placeholder: '<n>', field: 'maxQueue', number: true, description: 'jobs that may wait; more are dropped', allowed: LIMITS.maxQueue, default: d.maxQueue },
  { name: 'drain', type: 'string', placeholder: '<ms>', field: 'drainMs', number: true, description: 'how long a switch waits for old jobs', allowed: LIMITS.drainMs, default: d.drainMs },
  { name: 'interval', type: 'string', placeholder: '<ms>', field: 'intervalMs', number: true, description: 'sampling interval', allowed: LIMITS.intervalMs, default: d.intervalMs },
  {
    name: 'duration',
    type: 'string',
    placeholder: '<s>',
    description: 'stop after this many seconds (with --experiment: before its end; its later segments are then inconclusive)',
    allowed: LIMITS.durationS,
    default: 'until Ctrl-C',
  },
  { name: 'timeout', type: 'string', placeholder: '<ms>', field: 'jobTimeoutMs', number: true, description: 'cancel a job running longer (0: never)', allowed: LIMITS.jobTimeoutMs, default: d.jobTimeoutMs },
  { name: 'retry', type: 'boolean', description: 'retry once a job whose thread or process died under it' },
  {
    name: 'memory-limit',
    type: 'string',
    placeholder: '<MiB>',
    field: 'memoryLimitMb',
    number: true,
    description: 'heap limit of each thread and process',
    allowed: `0 (none) or ${LIMITS.memoryLimitMb.min}..${LIMITS.memoryLimitMb.max}`,
    default: d.memoryLimitMb,
  },
  { name: 'fault', type: 'string', placeholder: '<kind>', field: 'fault', description: 'crash injection, carried by every Nth job', allowed: FAULTS, default: d.fault },
  { name: 'fault-every', type: 'string', placeholder: '<n>', field: 'faultEvery', number: true, description: 'which jobs carry the fault', allowed: LIMITS.faultEvery, default: d.faultEvery },
  { name: 'inject', type: 'string', placeholder: '<steps>', description: `crash one unit from outside at given seconds, e.g. ${INJECT_EXAMPLE}` },
  {
    name: 'plan',
    type: 'string',
    placeholder: '<steps>',
    description: `switch strategy at given seconds, e.g. ${PLAN_EXAMPLE} (a step's time: 0 to the --duration, or to ${LIMITS.durationS.max} s without one)`,
  },
  { name: 'json', type: 'boolean', description: 'print NDJSON (ticks, events, a final summary) instead of one line per second' },
  { name: 'help', type: 'boolean', description: 'this text' },
];

/** The options of every run setting the CLI exposes. */
const SETTING_OPTIONS = RUN_OPTIONS.flatMap(({ name, field, number }) => (field ? [{ option: name, field, number: number === true }] : []));

/** Every option of the CLI, by section: what the parser takes and what the help lists. */
export const CLI_SECTIONS: readonly CliSection[] = [{ title: null, options: RUN_OPTIONS }, EXPERIMENT_SECTION, ADVISE_SECTION, ATTACH_SECTION, RECORDING_SECTION];

/** The options as parseArgs takes them. */
export const PARSE_OPTIONS = parseArgsOptions(CLI_SECTIONS);

/** The text of `--help`. */
export const HELP = formatHelp(
  'Node Concurrency Lab, headless: runs real workloads and prints what it measures.\n\n' +
    'Usage: npm run lab -- [options]\n' +
    '       npm run lab -- --attach [--json] [--record F] [--threshold E] [--duration S] [--cwd DIR] [--interval MS] -- <command…>',
  CLI_SECTIONS,
  ['Numbers are decimal: 7, 0.5, 2e3.', 'Ctrl-C stops cleanly: every thread and process the lab started ends before it exits.'],
);

/** Parses argv (without node and the script); everything after the first `--` is an attached app's command. */
export function parseCli(argv: string[]): CliRequest {
  const { options, command } = splitCommand(argv);
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: options,
      strict: true,
      allowPositionals: false,
      options: PARSE_OPTIONS,
    }));
  } catch (error) {
    return { kind: 'error', message: `${(error as Error).message}. See --help for the options.` };
  }
  if (values.help) return { kind: 'help' };
  if (values.attach || command !== null || values.cwd !== undefined) {
    const attachOutputs = parseRunOutputs(values);
    if (typeof attachOutputs === 'string') return { kind: 'error', message: attachOutputs };
    // Not null: any of the three makes it answer (the request, or why the options do not go together).
    return parseAttachOptions(values, command, attachOutputs)!;
  }
  const recordingRequest = parseRecordingRequest(values);
  if (recordingRequest) return recordingRequest;
  const outputs = parseRunOutputs(values);
  if (typeof outputs === 'string') return { kind: 'error', message: outputs };
  const experiment = parseExperimentOptions(values);
  if (experiment) return experiment.kind === 'experiment' ? { ...experiment, outputs } : experiment;
  const advise = parseAdviseOptions(values);
  if (typeof advise === 'string') return { kind: 'error', message: advise };
  if (values.rate !== undefined && values.concurrency !== undefined) {
    return { kind: 'error', message: '--rate and --concurrency: choose one (open loop at a rate, or closed loop with N outstanding)' };
  }

  const patch: Record<string, unknown> = {};
  for (const { option, field, number } of SETTING_OPTIONS) {
    const text = values[option] as string | undefined;
    const value = number ? optionalDecimal(`--${option}`, text) : text;
    if (number && typeof value === 'string') return { kind: 'error', message: value };
    if (value !== undefined) patch[field] = value;
  }
  if (typeof values['workload-file'] === 'string') {
    if (patch.workload !== undefined && patch.workload !== CUSTOM_WORKLOAD) {
      return { kind: 'error', message: `--workload-file: runs your module as workload ${CUSTOM_WORKLOAD}; drop --workload ${String(patch.workload)}` };
    }
    // Relative to where the lab was started from: the config carries the absolute path.
    patch.workloadFile = resolve(process.cwd(), values['workload-file']);
  }
  if (values.retry) patch.retry = true;
  if (values.concurrency !== undefined) patch.loadMode = 'closed';

  const duration = parseDurationOption(values.duration as string | undefined);
  if (typeof duration === 'object') return { kind: 'error', message: duration.error };
  const limit = duration === undefined ? { maxS: LIMITS.durationS.max, bound: '24 h, the longest run' } : { maxS: duration, bound: 'the --duration' };

  const plan: PlanStep[] = [];
  if (typeof values.plan === 'string') {
    const parsed = parsePlan(values.plan, limit);
    if (typeof parsed === 'string') return { kind: 'error', message: parsed };
    // A step at 0 s is the starting strategy, not a switch.
    const first = parsed.find((step) => step.atS === 0);
    if (first && values.strategy !== undefined && values.strategy !== first.strategy) {
      return { kind: 'error', message: `--plan: the step at 0 s (${first.strategy}) and --strategy ${values.strategy} disagree; give one of them` };
    }
    if (first) patch.strategy = first.strategy;
    for (const step of parsed) if (step.atS > 0) plan.push({ atS: step.atS, configure: { strategy: step.strategy } });
  }

  if (typeof values.inject === 'string') {
    const parsed = parseInject(values.inject, limit);
    if (typeof parsed === 'string') return { kind: 'error', message: parsed };
    plan.push(...parsed);
  }

  const merged = mergeConfig(defaultConfig(), patch);
  if (!merged.ok) {
    const optionOf = (field: string) => (field === 'workloadFile' ? 'workload-file' : SETTING_OPTIONS.find((s) => s.field === field)?.option);
    const message = merged.errors.map((e) => `${optionOf(e.field) ? `--${optionOf(e.field)}` : e.field}: ${e.message}`).join('\n');
    return { kind: 'error', message };
  }

  const sizeFromModule = merged.value.workload === CUSTOM_WORKLOAD && patch.size === undefined ? { sizeFromModule: true as const } : {};
  if (advise && sizeFromModule.sizeFromModule) return { kind: 'error', message: "--size: --advise measures one size: give it (the module's own sizes say which it takes)" };
  if (advise) return { kind: 'advise', config: merged.value, budgetS: advise.budgetS, json: values.json === true, outputs };
  return { kind: 'run', config: merged.value, ...sizeFromModule, durationS: duration ?? null, plan, json: values.json === true, outputs };
}

/**
 * The settings a run request starts the engine with: its config, without the placeholder size when the size is
 * to come from the workload module (the engine reads the module's default when it checks the module).
 */
export function startSettings(request: Extract<CliRequest, { kind: 'run' }>): Partial<RunConfig> {
  if (!request.sizeFromModule) return request.config;
  const { size: _placeholder, ...rest } = request.config;
  return rest;
}
