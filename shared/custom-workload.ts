/**
 * The contract of "your own workload": a user's ES module that the lab runs as a job under every strategy.
 *
 * The module (`.mjs` or `.js`) exports:
 * - `default(size)`: required; does one job for the input `size` (a number) and returns or resolves its result;
 * - `name`: optional; a short name shown in the app, the CLI and recordings (else the file's name);
 * - `sizes`: optional; `{ default, min, max, unit? }`, the sizes it accepts (else WORKLOAD_SIZES.custom);
 * - `check(size, result)`: optional; returns true when `result` is right for `size`. A false (or a throw) fails
 *   the job with the reason, like a wrong answer of a built-in workload.
 *
 * In the run config it is `workload: 'custom'` with `workloadFile`: the module's absolute path (the CLI resolves
 * a relative one against its working directory). The engine loads the module once in a throwaway worker thread
 * before any load starts, refuses a bad one with an error naming the file, and fills `workloadModule` with what
 * it found; clients never set that field.
 */
import { CUSTOM_WORKLOAD, WORKLOAD_SIZES, type WorkloadName } from './constants';

/** File name endings a workload module may have. */
export const WORKLOAD_FILE_EXTENSIONS = ['.mjs', '.js'] as const;

/**
 * How long loading a module may take before it is refused, in ms (a module that hangs on load). Generous: the
 * probe's thread itself took up to 2 s to start on the shared 2-core machines here under heavy load.
 */
export const WORKLOAD_LOAD_TIMEOUT_MS = 10_000;

/** The sizes a module accepts, with their unit. */
export interface WorkloadSizes {
  unit: string;
  default: number;
  min: number;
  max: number;
}

/** What the engine found in a workload module that loaded well: the `workloadModule` of a run config. */
export interface WorkloadModuleInfo {
  /** Its `name` export, or its file name. */
  name: string;
  /** Its `sizes` export, or the generic range. */
  sizes: WorkloadSizes;
  /** Whether it exports `check(size, result)`. */
  hasCheck: boolean;
}

/** The longest `name` shown; a longer one is cut. */
const MAX_NAME_LENGTH = 60;

/** The module's file name without its folder, e.g. `blur.mjs`. */
export function workloadFileName(file: string): string {
  return file.split(/[\\/]/).at(-1) ?? file;
}

/** Whether `file` ends in one of {@link WORKLOAD_FILE_EXTENSIONS}. */
export function hasWorkloadExtension(file: string): boolean {
  return WORKLOAD_FILE_EXTENSIONS.some((ext) => file.toLowerCase().endsWith(ext));
}

/**
 * Reads the optional `name` and `sizes` exports of a loaded module: what they say, or why they are wrong (a
 * message without the file's name, which the caller adds).
 */
export function describeExports(file: string, exports: { name?: unknown; sizes?: unknown; check?: unknown }): WorkloadModuleInfo | string {
  const { name, sizes, check } = exports;
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) return 'its `name` export must be a non-empty string';
  if (check !== undefined && typeof check !== 'function') return 'its `check` export must be a function check(size, result)';
  const parsedSizes = sizes === undefined ? { ...WORKLOAD_SIZES.custom } : readSizes(sizes);
  if (typeof parsedSizes === 'string') return parsedSizes;
  return { name: (name ?? workloadFileName(file)).trim().slice(0, MAX_NAME_LENGTH), sizes: parsedSizes, hasCheck: typeof check === 'function' };
}

function readSizes(value: unknown): WorkloadSizes | string {
  const wrong = 'its `sizes` export must be { default, min, max, unit? } with finite numbers, min <= default <= max';
  if (typeof value !== 'object' || value === null) return wrong;
  const { default: byDefault, min, max, unit } = value as Record<string, unknown>;
  const numbers = [byDefault, min, max];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return wrong;
  const [d, lo, hi] = numbers as number[];
  if (!(lo <= d && d <= hi)) return wrong;
  if (unit !== undefined && typeof unit !== 'string') return 'its `sizes.unit` must be a string, e.g. "pixels"';
  return { unit: (unit as string | undefined) ?? 'size', default: d, min: lo, max: hi };
}

/**
 * The workload as a person reads it: a custom module's name (its `name` export, else its file's name) rather than
 * `custom`, which the run config and the tick keep as the workload's value; a built-in workload's own name.
 */
export function workloadLabel(config: { workload: WorkloadName; workloadFile?: string; workloadModule?: WorkloadModuleInfo }): string {
  if (config.workload !== CUSTOM_WORKLOAD) return config.workload;
  // Before the engine loaded the module (a config as the CLI parsed it), its file's name is all there is.
  return config.workloadModule?.name ?? (config.workloadFile ? workloadFileName(config.workloadFile) : config.workload);
}

/** Null when `size` is one the module accepts, else the message (for the `size` field). */
export function checkWorkloadSize(info: WorkloadModuleInfo, size: number): string | null {
  const { min, max, unit } = info.sizes;
  return size >= min && size <= max ? null : `for ${info.name} must be a number between ${min} and ${max} (${unit})`;
}

/**
 * The checksum a custom job's result becomes: short text the engine can show and compare. Its own `check`
 * decides right or wrong; the lab does not compare answers it cannot know.
 */
export function customChecksum(result: unknown): string {
  let text: string;
  try {
    text = typeof result === 'string' ? result : (JSON.stringify(result) ?? String(result));
  } catch {
    text = String(result);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text || '(empty)';
}
