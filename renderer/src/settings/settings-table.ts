/**
 * Every run setting the control bar and the faults panel show, once: its config key, the label users see (the
 * end-to-end tests find fields by it, so it changes only on purpose), its unit and range or options, which panel
 * it is in, and when it applies. SettingField.tsx draws any of them; the panels only say where. The workload
 * picker and the strategy buttons are not here: they are controls of their own (a file dialog, keys).
 */
import { CHILD_MODES, FAULTS, LIMITS, PAYLOAD_MODES, WORKLOAD_SIZES, type FaultKind, type StrategyName } from '../../../shared/constants';
import { LOAD_MODES, type RunConfig } from '../../../shared/run-config';
import { rangeHint } from '../state/format';
import { LIMIT_HELP, faultHelp } from './fault-help';

/**
 * Where a setting is shown: the toolbar's one row (what a run is: its size, its load, its pool), or the settings
 * panel beside the picture, with the other run settings and the faults & limits.
 */
export type SettingPanel = 'toolbar' | 'run' | 'faults';

type NumberKey = 'size' | 'rate' | 'concurrency' | 'poolSize' | 'faultEvery' | 'jobTimeoutMs' | 'memoryLimitMb' | 'maxQueue' | 'intervalMs';
type ChoiceKey = 'loadMode' | 'payload' | 'childMode' | 'fault';

interface SettingBase {
  /** As users see it, above the field. */
  label: string;
  testId: string;
  panel: SettingPanel;
  /** Shown only while this holds (the rate in the open loop, the concurrency in the closed one). */
  shownWhen?: (config: RunConfig) => boolean;
  /** While the setting has no effect: a number is dimmed (still usable), a choice disabled. */
  inactiveWhen?: (config: RunConfig) => boolean;
  /** What the setting applies to, for the tooltip while it has no effect (`the pixels workload`). */
  appliesTo?: string;
  /** The tooltip: what the setting does, in plain words. */
  help?: string;
}

export interface NumberSetting extends SettingBase {
  kind: 'number';
  key: NumberKey;
  /** The allowed range; the size's depends on the workload. */
  range: (config: RunConfig) => { min: number; max: number };
  step?: 'any';
  /** Under the field: the unit and the range. */
  hint: (config: RunConfig) => string;
}

export interface ChoiceSetting extends SettingBase {
  kind: 'choice';
  key: ChoiceKey;
  options: readonly string[];
  /** Each option's tooltip, where options need explaining one by one. */
  optionHelp?: (config: RunConfig) => Partial<Record<string, string>>;
}

export interface ToggleSetting extends SettingBase {
  kind: 'toggle';
  key: 'retry';
  /** Beside the box. */
  text: string;
  hint: string;
}

export type Setting = NumberSetting | ChoiceSetting | ToggleSetting;

/** Strategies with threads or processes of their own: the pool size counts them. */
const POOLED: readonly StrategyName[] = ['worker-pool', 'child-process', 'cluster', 'cluster-pool', 'worker-per-task'];

const sizeOf = (config: RunConfig) => config.workloadModule?.sizes ?? WORKLOAD_SIZES[config.workload];
const fixed = (range: { min: number; max: number }) => () => range;
const n = (value: number): string => value.toLocaleString('en-US');

/** In the order the panels show them. */
export const SETTINGS: readonly Setting[] = [
  // Your own module's sizes are its own (its `sizes` export), known once the engine has loaded it.
  { kind: 'number', key: 'size', label: 'size', testId: 'size', panel: 'toolbar', range: sizeOf, hint: (config) => rangeHint(sizeOf(config).unit, sizeOf(config)) },
  {
    kind: 'choice',
    key: 'loadMode',
    label: 'load',
    testId: 'load-mode',
    panel: 'toolbar',
    options: LOAD_MODES,
    help: 'open: jobs arrive at a fixed rate whatever happens; closed: a fixed number of jobs always outstanding',
  },
  { kind: 'number', key: 'rate', label: 'rate', testId: 'rate', panel: 'toolbar', range: fixed(LIMITS.rate), step: 'any', hint: () => 'jobs/s', shownWhen: (config) => config.loadMode === 'open' },
  {
    kind: 'number',
    key: 'concurrency',
    label: 'concurrency',
    testId: 'concurrency',
    panel: 'toolbar',
    range: fixed(LIMITS.concurrency),
    hint: () => 'jobs outstanding',
    shownWhen: (config) => config.loadMode !== 'open',
  },
  {
    kind: 'number',
    key: 'poolSize',
    label: 'pool size',
    testId: 'pool-size',
    panel: 'toolbar',
    range: fixed(LIMITS.poolSize),
    hint: (config) => (POOLED.includes(config.strategy) ? 'threads / processes' : 'unused by main-thread'),
  },
  {
    kind: 'choice',
    key: 'payload',
    label: 'payload',
    testId: 'payload',
    panel: 'run',
    options: PAYLOAD_MODES,
    inactiveWhen: (config) => config.workload !== 'pixels',
    appliesTo: 'the pixels workload',
    help: 'how the pixels buffer crosses a thread boundary (pixels workload only)',
  },
  {
    kind: 'choice',
    key: 'childMode',
    label: 'child mode',
    testId: 'child-mode',
    panel: 'run',
    options: CHILD_MODES,
    inactiveWhen: (config) => config.strategy !== 'child-process',
    appliesTo: 'the child-process strategy',
    help: 'how the child-process strategy runs a job (child-process only)',
  },
  {
    kind: 'choice',
    key: 'fault',
    label: 'fault',
    testId: 'fault',
    panel: 'faults',
    options: FAULTS,
    optionHelp: (config) => Object.fromEntries(FAULTS.map((f: FaultKind) => [f, faultHelp(f, config.faultEvery)])),
    help: 'Crash injection: what every Nth job does to its thread or process',
  },
  {
    kind: 'number',
    key: 'faultEvery',
    label: 'fault every',
    testId: 'fault-every',
    panel: 'faults',
    range: fixed(LIMITS.faultEvery),
    inactiveWhen: (config) => config.fault === 'none',
    hint: () => rangeHint('Nth job', LIMITS.faultEvery),
    help: LIMIT_HELP.faultEvery,
  },
  {
    kind: 'number',
    key: 'jobTimeoutMs',
    label: 'job timeout',
    testId: 'job-timeout',
    panel: 'faults',
    range: fixed(LIMITS.jobTimeoutMs),
    hint: () => `ms · 0 = none · ≤ ${n(LIMITS.jobTimeoutMs.max)}`,
    help: LIMIT_HELP.jobTimeoutMs,
  },
  {
    kind: 'number',
    key: 'memoryLimitMb',
    label: 'memory limit',
    testId: 'memory-limit',
    panel: 'faults',
    // 0 (no limit) is allowed below the smallest limit.
    range: fixed({ min: 0, max: LIMITS.memoryLimitMb.max }),
    hint: () => rangeHint('MiB · 0 = none', LIMITS.memoryLimitMb),
    help: LIMIT_HELP.memoryLimitMb,
  },
  { kind: 'toggle', key: 'retry', label: 'retry', testId: 'retry', panel: 'faults', text: 'once', hint: 'if the unit died', help: LIMIT_HELP.retry },
  {
    kind: 'number',
    key: 'maxQueue',
    label: 'max queue',
    testId: 'max-queue',
    panel: 'faults',
    range: fixed(LIMITS.maxQueue),
    hint: () => rangeHint('jobs', LIMITS.maxQueue),
    help: LIMIT_HELP.maxQueue,
  },
  {
    kind: 'number',
    key: 'intervalMs',
    label: 'interval',
    testId: 'interval',
    panel: 'faults',
    range: fixed(LIMITS.intervalMs),
    hint: () => rangeHint('ms', LIMITS.intervalMs),
    help: LIMIT_HELP.intervalMs,
  },
];

/** The settings a panel shows with this config, in order. */
export function settingsShown(panel: SettingPanel, config: RunConfig): Setting[] {
  return SETTINGS.filter((s) => s.panel === panel && (s.shownWhen?.(config) ?? true));
}

/** Fields the engine may name that have no field in the table, as the window words them. */
const OTHER_LABELS: Readonly<Record<string, string>> = {
  strategy: 'strategy',
  workload: 'workload',
  workloadFile: 'workload file',
  maxBuffer: 'max buffer',
  drainMs: 'drain time',
  counterMode: 'counter mode',
  clusterScheduling: 'cluster scheduling',
  clusterConnection: 'cluster connection',
  budgetS: 'budget',
  // The attach command's (the Attach panel's fields).
  command: 'command',
  cwd: 'working folder',
};

/**
 * A field an error names (the engine's config key, `poolSize`) as the window labels it (`pool size`), so a
 * message points at a field the user can see; a name the window does not know is kept as it is.
 */
export function fieldLabel(field: string): string {
  return SETTINGS.find((setting) => setting.key === field)?.label ?? OTHER_LABELS[field] ?? field;
}
