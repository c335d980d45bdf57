/**
 * Command-line options of the headless lab, checked against the same schema as every other entry.
 * A bad option gets an error that names it and its allowed values.
 */
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CHILD_MODES, CLUSTER_SCHEDULING, CUSTOM_WORKLOAD, COUNTER_MODES, FAULTS, LIMITS, PAYLOAD_MODES, STRATEGIES, WORKLOADS, WORKLOAD_SIZES } from '../../shared/constants';
import type { PlanStep } from '../../shared/plan';
import { defaultConfig, mergeConfig, type RunConfig } from '../../shared/run-config';
import { ADVISE_HELP, ADVISE_OPTIONS, parseAdviseOptions } from './advise-args';
import { optionalDecimal } from './decimal-option';
import { INJECT_EXAMPLE, parseInject, parsePlan, PLAN_EXAMPLE } from './plan-grammar';
import { EXPERIMENT_OPTIONS, parseExperimentOptions, TIME_SCALE, type ExperimentRequest } from './experiment-args';
import { parseRecordingRequest, parseRunOutputs, RECORDING_OPTIONS, type RecordingRequest, type RunOutputs } from './recording/recording-args';

/**
 * What the CLI was asked to do: `--plan` and `--inject` become one plan of timed steps; `--experiments` lists the
 * catalog and `--experiment` runs one of it.
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
  | RecordingRequest;

/**
 * The CLI option of every run setting it exposes: the one table behind parsing, the patch it builds, and the
 * option named in an error message.
 */
const SETTING_OPTIONS: ReadonlyArray<{ option: string; field: keyof RunConfig; kind: 'text' | 'number' }> = [
  { option: 'strategy', field: 'strategy', kind: 'text' },
  { option: 'workload', field: 'workload', kind: 'text' },
  { option: 'size', field: 'size', kind: 'number' },
  { option: 'rate', field: 'rate', kind: 'number' },
  { option: 'concurrency', field: 'concurrency', kind: 'number' },
  { option: 'pool-size', field: 'poolSize', kind: 'number' },
  { option: 'payload', field: 'payload', kind: 'text' },
  { option: 'child-mode', field: 'childMode', kind: 'text' },
  { option: 'counter-mode', field: 'counterMode', kind: 'text' },
  { option: 'cluster-scheduling', field: 'clusterScheduling', kind: 'text' },
  { option: 'max-buffer', field: 'maxBuffer', kind: 'number' },
  { option: 'max-queue', field: 'maxQueue', kind: 'number' },
  { option: 'drain', field: 'drainMs', kind: 'number' },
  { option: 'interval', field: 'intervalMs', kind: 'number' },
  { option: 'timeout', field: 'jobTimeoutMs', kind: 'number' },
  { option: 'fault', field: 'fault', kind: 'text' },
  { option: 'fault-every', field: 'faultEvery', kind: 'number' },
  { option: 'memory-limit', field: 'memoryLimitMb', kind: 'number' },
];

/** Options that are not run settings. */
const OTHER_OPTIONS: ParseArgsConfig['options'] = {
  'workload-file': { type: 'string' },
  duration: { type: 'string' },
  plan: { type: 'string' },
  inject: { type: 'string' },
  retry: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
};

const PARSE_OPTIONS: ParseArgsConfig['options'] = {
  ...Object.fromEntries(SETTING_OPTIONS.map(({ option }) => [option, { type: 'string' as const }])),
  ...OTHER_OPTIONS,
  ...EXPERIMENT_OPTIONS,
  ...RECORDING_OPTIONS,
  ...ADVISE_OPTIONS,
};

const sizes = WORKLOADS.map((w) => `${w} ${WORKLOAD_SIZES[w].min}..${WORKLOAD_SIZES[w].max} ${WORKLOAD_SIZES[w].unit} (default ${WORKLOAD_SIZES[w].default})`).join('; ');
const d = defaultConfig();

/** The text of `--help`. */
export const HELP = `Node Concurrency Lab, headless: runs real workloads and prints what it measures.

Usage: npm run lab -- [options]

  --strategy <name>     ${STRATEGIES.join(' | ')} (default ${d.strategy})
  --workload <name>     ${WORKLOADS.join(' | ')} (default ${d.workload})
  --workload-file <f>   your own workload: an ES module (.mjs or .js) whose default export does one job
                        for a size; checked before the run starts (see README, "Your own workload")
  --size <n>            workload size: ${sizes}; your module's own range (default: its default)
  --rate <n>            open loop: jobs per second, ${LIMITS.rate.min}..${LIMITS.rate.max} (default ${d.rate})
  --concurrency <n>     closed loop instead: jobs outstanding at all times, ${LIMITS.concurrency.min}..${LIMITS.concurrency.max}
  --pool-size <n>       threads or processes, ${LIMITS.poolSize.min}..${LIMITS.poolSize.max} (default ${d.poolSize})
  --payload <mode>      ${PAYLOAD_MODES.join(' | ')}: how pixels cross to a worker thread (default ${d.payload})
  --child-mode <mode>   ${CHILD_MODES.join(' | ')}: how child-process runs a job (default ${d.childMode})
  --counter-mode <m>    ${COUNTER_MODES.join(' | ')}: how sab-counter jobs increment the shared counter (default ${d.counterMode})
  --cluster-scheduling <p>  ${CLUSTER_SCHEDULING.join(' | ')}: cluster hands out connections round-robin or leaves it to the OS (default ${d.clusterScheduling})
  --max-buffer <bytes>  execFile maxBuffer in exec mode, ${LIMITS.maxBuffer.min}..${LIMITS.maxBuffer.max} (default ${d.maxBuffer})
  --max-queue <n>       jobs that may wait; more are dropped, ${LIMITS.maxQueue.min}..${LIMITS.maxQueue.max} (default ${d.maxQueue})
  --drain <ms>          how long a switch waits for old jobs, ${LIMITS.drainMs.min}..${LIMITS.drainMs.max} (default ${d.drainMs})
  --interval <ms>       sampling interval, ${LIMITS.intervalMs.min}..${LIMITS.intervalMs.max} (default ${d.intervalMs})
  --duration <s>        stop after this many seconds, ${LIMITS.durationS.min}..${LIMITS.durationS.max} (default: until Ctrl-C)
  --timeout <ms>        cancel a job running longer, ${LIMITS.jobTimeoutMs.min}..${LIMITS.jobTimeoutMs.max}; 0 = none (default ${d.jobTimeoutMs})
  --retry               retry once a job whose thread or process died under it
  --memory-limit <MiB>  heap limit of each thread and process: 0 (none) or ${LIMITS.memoryLimitMb.min}..${LIMITS.memoryLimitMb.max} (default ${d.memoryLimitMb})
  --fault <kind>        crash injection: ${FAULTS.join(' | ')}, carried by every Nth job (default ${d.fault})
  --fault-every <n>     which jobs carry the fault, ${LIMITS.faultEvery.min}..${LIMITS.faultEvery.max} (default ${d.faultEvery})
  --inject <steps>      crash one unit from outside at given seconds, e.g. ${INJECT_EXAMPLE}
  --plan <steps>        switch strategy at given seconds, e.g. ${PLAN_EXAMPLE}
                        (a step's time: 0 to the --duration, or to ${LIMITS.durationS.max} s without one)
  --json                print NDJSON (ticks, events, a final summary) instead of one line per second
  --help                this text

Experiments (guided scenes that check a claim of the guides and print a verdict):
  --experiments         list them (with --json: one line per experiment)
  --experiment <id>     run one with its own settings and timeline; the verdict comes before the summary
  --time-scale <f>      with --experiment: every time of it times f, ${TIME_SCALE.min}..${TIME_SCALE.max} (--quick is ${TIME_SCALE.quick})
  --duration <s>        with --experiment: stop before its end (its later segments are then inconclusive)
${ADVISE_HELP}
Recordings (one run per .nclab.jsonl file: a header with the settings and the machine, then every tick and event):
  --record <file>       keep this run (or experiment) in a recording, written as it goes
  --report <file>       print a recorded run's report; give --report twice to compare two runs side by side
  --threshold <expr>    fail (exit code 1) unless a figure holds, e.g. "host.eld.p99<20", "jobs.failed==0";
                        repeatable; on a run or a --report (figures: see a report)
  --export csv|trace    with --from <recording> --out <file>: CSV (per tick, and per unit beside it) or a
                        Trace Event Format file for https://ui.perfetto.dev and chrome://tracing

Numbers are decimal: 7, 0.5, 2e3.
Ctrl-C stops cleanly: every thread and process the lab started ends before it exits.
`;

/** Parses argv (without node and the script). */
export function parseCli(argv: string[]): CliRequest {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: PARSE_OPTIONS,
    }));
  } catch (error) {
    return { kind: 'error', message: `${(error as Error).message}. See --help for the options.` };
  }
  if (values.help) return { kind: 'help' };
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
  for (const { option, field, kind } of SETTING_OPTIONS) {
    const text = values[option] as string | undefined;
    const value = kind === 'number' ? optionalDecimal(`--${option}`, text) : text;
    if (kind === 'number' && typeof value === 'string') return { kind: 'error', message: value };
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

  const duration = optionalDecimal('--duration', values.duration as string | undefined);
  if (typeof duration === 'string') return { kind: 'error', message: duration };
  if (duration !== undefined && (duration < LIMITS.durationS.min || duration > LIMITS.durationS.max)) {
    return { kind: 'error', message: `--duration: must be a number of seconds between ${LIMITS.durationS.min} and ${LIMITS.durationS.max}` };
  }
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
