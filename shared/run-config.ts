/**
 * The run configuration and the commands that change it: one zod schema validated at every entry
 * (CLI, Electron IPC, WebSocket), so a bad value gets the same clear error wherever it comes from.
 */
import { z } from 'zod';
import {
  CHILD_MODES,
  CLUSTER_CONNECTIONS,
  CLUSTER_SCHEDULING,
  COUNTER_MODES,
  CUSTOM_WORKLOAD,
  DEFAULTS,
  FAULTS,
  LIMITS,
  PAYLOAD_MODES,
  SHARED_MEMORY_STRATEGIES,
  STRATEGIES,
  WORKLOADS,
  WORKLOAD_SIZES,
  type StrategyName,
  type WorkloadName,
} from './constants';
import { WORKLOAD_FILE_EXTENSIONS, type WorkloadModuleInfo } from './custom-workload';
import { schemaErrors, type ConfigError } from './schema-errors';

/** Open loop: jobs arrive at `rate` per second whatever happens. Closed loop: `concurrency` jobs are always outstanding. */
export const LOAD_MODES = ['open', 'closed'] as const;
/** One of {@link LOAD_MODES}. */
export type LoadMode = (typeof LOAD_MODES)[number];

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: () => `must be one of ${values.join(', ')}` });

const between = (range: { min: number; max: number }, integer = true) => {
  const kind = integer ? 'an integer' : 'a number';
  const message = `must be ${kind} between ${range.min} and ${range.max}`;
  const base = z.number({ error: () => message });
  return (integer ? base.int({ error: () => message }) : base)
    .min(range.min, { error: () => message })
    .max(range.max, { error: () => message });
};

/** Absolute on POSIX (`/...`) or Windows (`C:\\...`, `\\\\server\\...`); shared/ has no node:path. */
const isAbsolutePath = (path: string) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
const workloadFileMessage = `must be the absolute path of a ${WORKLOAD_FILE_EXTENSIONS.join(' or ')} file`;

/** What the engine found in the module (see shared/custom-workload.ts); set by the engine only. */
const workloadModuleSchema = z
  .object({
    name: z.string(),
    sizes: z.object({ unit: z.string(), default: z.number(), min: z.number(), max: z.number() }).strict(),
    hasCheck: z.boolean(),
  })
  .strict();

const memoryLimitMessage = `must be 0 (no limit) or an integer between ${LIMITS.memoryLimitMb.min} and ${LIMITS.memoryLimitMb.max}`;

/** Every setting of a run. All fields are required here; {@link ConfigPatchSchema} makes them optional. */
const configShape = {
  strategy: oneOf(STRATEGIES),
  /** A built-in workload, or `custom`: the user's module at `workloadFile` (see shared/custom-workload.ts). */
  workload: oneOf([...WORKLOADS, CUSTOM_WORKLOAD] as const),
  /** The user's workload module, an absolute path; required with workload `custom`, absent otherwise. */
  workloadFile: z
    .string({ error: () => workloadFileMessage })
    // Only the path's form here: the engine checks the file itself (and names it) before it is used.
    .refine((file) => isAbsolutePath(file), { error: (issue) => `must be an absolute path, not ${JSON.stringify(issue.input)}` })
    .optional(),
  /** Workload size; its meaning and range depend on the workload (see WORKLOAD_SIZES). */
  size: z.number({ error: () => 'must be a number' }).finite({ error: () => 'must be a finite number' }),
  loadMode: oneOf(LOAD_MODES),
  /** Jobs per second in the open loop. */
  rate: between(LIMITS.rate, false),
  /** Outstanding jobs in the closed loop. */
  concurrency: between(LIMITS.concurrency),
  /** Threads or processes of the pooled strategies (and the most workers a worker-per-task run has at once). */
  poolSize: between(LIMITS.poolSize),
  payload: oneOf(PAYLOAD_MODES),
  childMode: oneOf(CHILD_MODES),
  /** `maxBuffer` of `execFile` in the child-process exec mode, in bytes. */
  maxBuffer: between(LIMITS.maxBuffer),
  /** Sampling interval in ms. */
  intervalMs: between(LIMITS.intervalMs),
  /** Jobs that may wait for a free unit; more are dropped and counted. */
  maxQueue: between(LIMITS.maxQueue),
  /** How long a switch waits for the old strategy's jobs in flight before it fails them. */
  drainMs: between(LIMITS.drainMs),
  /** A job running longer is cancelled and failed; 0 means no timeout. */
  jobTimeoutMs: between(LIMITS.jobTimeoutMs),
  /** Crash injection: the fault every `faultEvery`-th job carries. */
  fault: oneOf(FAULTS),
  faultEvery: between(LIMITS.faultEvery),
  /** Heap limit of each worker thread and process in MiB (resourceLimits / --max-old-space-size); 0 = default. */
  memoryLimitMb: z
    .number({ error: () => memoryLimitMessage })
    .refine((mb) => mb === 0 || (Number.isInteger(mb) && mb >= LIMITS.memoryLimitMb.min && mb <= LIMITS.memoryLimitMb.max), { error: () => memoryLimitMessage }),
  /** Retry once a job whose unit died under it. */
  retry: z.boolean({ error: () => 'must be true or false' }),
  /** How `sab-counter` jobs increment the shared counter: plain `++` (races) or `Atomics.add`. */
  counterMode: oneOf(COUNTER_MODES),
  /** Who hands cluster connections to workers: the primary, round-robin (`rr`), or the OS (`none`). */
  clusterScheduling: oneOf(CLUSTER_SCHEDULING),
  /** Whether cluster's load generator keeps its connections open or opens one per request. */
  clusterConnection: oneOf(CLUSTER_CONNECTIONS),
};

/** The shape of a whole config: the settings, plus what the engine found in a custom workload's module. */
const fullShape = { ...configShape, workloadModule: workloadModuleSchema.optional() };

/** Settings that are valid alone but not together. */
function checkCombination(
  config: { strategy: StrategyName; workload: WorkloadName; workloadFile?: string; workloadModule?: WorkloadModuleInfo; size: number; fault: string; memoryLimitMb: number },
  ctx: z.RefinementCtx,
): void {
  checkSize(config, ctx);
  if (config.workload === CUSTOM_WORKLOAD && config.workloadFile === undefined) {
    ctx.addIssue({ code: 'custom', path: ['workloadFile'], message: `${workloadFileMessage} when workload is ${CUSTOM_WORKLOAD}` });
  }
  if (config.workload === 'sab-counter' && !SHARED_MEMORY_STRATEGIES.includes(config.strategy)) {
    ctx.addIssue({
      code: 'custom',
      path: ['strategy'],
      message: `must be one of ${SHARED_MEMORY_STRATEGIES.join(', ')} when workload is sab-counter (a SharedArrayBuffer is shared only by the threads of one process)`,
    });
  }
  if (config.fault === 'oom' && config.memoryLimitMb === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['memoryLimitMb'],
      message: `must be set (${LIMITS.memoryLimitMb.min} to ${LIMITS.memoryLimitMb.max} MiB) when fault is oom, so a unit runs out of memory quickly instead of growing to V8's default heap`,
    });
  }
}

function checkSize(config: { workload: WorkloadName; workloadModule?: WorkloadModuleInfo; size: number }, ctx: z.RefinementCtx): void {
  if (config.workload === CUSTOM_WORKLOAD) {
    // The module's own range once the engine has read it; its sizes need not be integers.
    const { min, max, unit } = config.workloadModule?.sizes ?? WORKLOAD_SIZES.custom;
    if (!(config.size >= min && config.size <= max)) {
      ctx.addIssue({ code: 'custom', path: ['size'], message: `for ${config.workloadModule?.name ?? CUSTOM_WORKLOAD} must be a number between ${min} and ${max} (${unit})` });
    }
    return;
  }
  const range = WORKLOAD_SIZES[config.workload];
  if (!Number.isInteger(config.size) || config.size < range.min || config.size > range.max) {
    ctx.addIssue({
      code: 'custom',
      path: ['size'],
      message: `for ${config.workload} must be an integer between ${range.min} and ${range.max} (${range.unit})`,
    });
  }
}

/** A whole, valid run configuration. */
export const RunConfigSchema = z.object(fullShape).strict().superRefine(checkCombination);
/** A whole, valid run configuration. */
export type RunConfig = z.infer<typeof RunConfigSchema>;

/**
 * A change to some settings of a run; checked again as a whole once merged (see {@link mergeConfig}). It has no
 * `workloadModule`: only the engine sets that, from the module itself.
 */
export const ConfigPatchSchema = z.object(configShape).partial().strict();
/** A change to some settings of a run. */
export type ConfigPatch = z.infer<typeof ConfigPatchSchema>;

/** The default configuration. */
export function defaultConfig(): RunConfig {
  return {
    strategy: DEFAULTS.strategy,
    workload: DEFAULTS.workload,
    size: WORKLOAD_SIZES[DEFAULTS.workload].default,
    loadMode: 'open',
    rate: DEFAULTS.rate,
    concurrency: DEFAULTS.poolSize,
    poolSize: DEFAULTS.poolSize,
    payload: DEFAULTS.payload,
    childMode: DEFAULTS.childMode,
    maxBuffer: DEFAULTS.maxBuffer,
    intervalMs: DEFAULTS.intervalMs,
    maxQueue: DEFAULTS.maxQueue,
    drainMs: DEFAULTS.drainMs,
    jobTimeoutMs: DEFAULTS.jobTimeoutMs,
    fault: DEFAULTS.fault,
    faultEvery: DEFAULTS.faultEvery,
    memoryLimitMb: DEFAULTS.memoryLimitMb,
    retry: DEFAULTS.retry,
    counterMode: DEFAULTS.counterMode,
    clusterScheduling: DEFAULTS.clusterScheduling,
    clusterConnection: DEFAULTS.clusterConnection,
  };
}

export type { ConfigError };

/** The outcome of a validation: a value, or the list of what is wrong with it. */
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: ConfigError[] };

function toErrors(error: z.ZodError): ConfigError[] {
  return schemaErrors(error, `is not a setting; known settings: ${Object.keys(configShape).join(', ')}`);
}

/** One line per error: `size: for fib must be an integer between 1 and 40 (n)`. */
export function formatErrors(errors: readonly ConfigError[]): string {
  return errors.map((e) => `${e.field}: ${e.message}`).join('; ');
}

/**
 * Applies a patch to a configuration and validates the result. When only the workload changes, its size
 * follows to the new workload's default, because a size is meaningless across workloads (fib n=30 is not
 * 30 bytes of JSON).
 */
export function mergeConfig(current: RunConfig, patch: unknown): Validated<RunConfig> {
  const parsedPatch = ConfigPatchSchema.safeParse(patch);
  if (!parsedPatch.success) return { ok: false, errors: toErrors(parsedPatch.error) };
  const changes = parsedPatch.data;
  // Naming a module is choosing it: `{ workloadFile }` alone means workload custom.
  const workload = changes.workload ?? (changes.workloadFile !== undefined ? CUSTOM_WORKLOAD : current.workload);
  const next: RunConfig = { ...current, ...changes, workload };
  if (workload !== current.workload && changes.size === undefined) next.size = WORKLOAD_SIZES[workload].default;
  // A module belongs to the custom workload only, and what was found in one file says nothing of another.
  if (workload !== CUSTOM_WORKLOAD) delete next.workloadFile;
  if (workload !== CUSTOM_WORKLOAD || next.workloadFile !== current.workloadFile) delete next.workloadModule;
  const parsed = RunConfigSchema.safeParse(next);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: toErrors(parsed.error) };
}
