/**
 * The API a viewer (the React renderer) uses to drive the engine, whatever carries it: Electron's preload
 * implements it over IPC, the browser mode over a WebSocket. Commands are validated by the engine against
 * the schemas of run-config.ts; a rejected command resolves with the errors and changes nothing.
 */
import { z } from 'zod';
import { ADVISOR_BUDGET } from './advisor/plan';
import { EXPERIMENTS } from './experiments/catalog';
import type { LabEvent, LabMessage, Summary, Tick } from './messages';
import type { RecordingMachine } from './recording/format';
import type { ConfigError, RunConfig } from './run-config';
import type { SaveFileRequest, SaveFileResult } from './recording/save-file';
import { schemaErrors } from './schema-errors';

/**
 * Result of a command. `machine` is set by the `machine` command only: the host's facts a recording's header
 * keeps (the window cannot read them itself). `workloads` is set by `workloads` and `useWorkload`: the names
 * of the workload modules the host offers (see {@link LabApi.useWorkload}). `run` is set by `getState` while an
 * experiment runs: its run's messages so far, in the order they were sent from its `run-started` on, so a viewer
 * that joins late (a reloaded page, a second tab) shows its segments and judges it on the whole run.
 */
export type CommandResult =
  | { ok: true; config: RunConfig; running: boolean; machine?: RecordingMachine; workloads?: string[]; run?: LabMessage[] }
  | { ok: false; errors: ConfigError[] };

/** Unsubscribes a listener. */
export type Unsubscribe = () => void;

/** The engine as a viewer sees it. */
export interface LabApi {
  /** Starts a run, optionally changing settings first (the patch is validated as a whole). */
  start(patch?: unknown): Promise<CommandResult>;
  /** Stops the run: jobs in flight finish or fail, every thread and process ends. */
  stop(): Promise<CommandResult>;
  /** Changes settings, at once and under load when a run is going. */
  configure(patch: unknown): Promise<CommandResult>;
  /**
   * The current settings and whether a run is going; during an experiment's run also its messages so far
   * (`run`), for a viewer that joins late.
   */
  getState(): Promise<CommandResult>;
  /**
   * Crash injection: kills one unit from outside, as a crash (SIGKILL for a process, terminate for a thread).
   * Payload `{ unitId }` names it (ids are in every tick); without one, the first live unit is chosen.
   */
  crash(payload?: unknown): Promise<CommandResult>;
  /**
   * Runs an experiment of the catalog, payload `{ id }`: stops any run, starts one with the experiment's settings
   * (on top of the defaults), follows its plan of segments and stops at its end. The engine announces it with an
   * `experiment-started` event. A stop or another start cancels the rest of the plan.
   */
  experiment(payload: unknown): Promise<CommandResult>;
  /**
   * Runs the advisor, payload `{ budgetS? }`: stops any run, then measures every strategy at pool sizes 1, 2 and the
   * core count with the current settings (workload, size, ...), one run per strategy, within the budget (seconds).
   * Resolves once it has begun; `advisor-progress` events follow, and one `advice` event at the end. A stop, a start
   * or an experiment cancels it.
   */
  advise(payload?: unknown): Promise<CommandResult>;
  /** The state, with the machine the engine runs on (`host` is `desktop` or `browser`), for a recording's header. */
  machine(): Promise<CommandResult>;
  /**
   * The state, with the names of the workload modules the host offers (`workloads`): in browser mode the files
   * of the folder given at start (`npm run web -- --workloads DIR`), in the desktop app the files chosen so far.
   * Optional: a viewer without it simply offers no custom workload.
   */
  workloads?(): Promise<CommandResult>;
  /**
   * Runs the offered module `{ name }` as the workload (`workload: 'custom'`, see shared/custom-workload.ts). The
   * page never sends a path: the host maps the name to its file, and `start`/`configure` refuse a `workloadFile`.
   * Without a name the desktop app opens a file dialog first (the file chosen joins the offered ones); a
   * cancelled dialog changes nothing.
   */
  useWorkload?(payload?: unknown): Promise<CommandResult>;
  onTick(listener: (tick: Tick) => void): Unsubscribe;
  onEvent(listener: (event: LabEvent) => void): Unsubscribe;
  onSummary(listener: (summary: Summary) => void): Unsubscribe;
  /**
   * Desktop only (absent in browser mode, which downloads): saves a file the window made through the native
   * "Save as" dialog (shared/recording/save-file.ts).
   */
  saveFile?(request: SaveFileRequest): Promise<SaveFileResult>;
}

/** The commands of {@link LabApi}, by name; the same names travel over IPC and WebSocket. */
export const COMMANDS = ['start', 'stop', 'configure', 'getState', 'crash', 'experiment', 'machine', 'workloads', 'useWorkload', 'advise'] as const;
/** One of {@link COMMANDS}. */
export type CommandName = (typeof COMMANDS)[number];

/** Electron IPC channel names (`domain:verb`). */
export const IPC_CHANNELS = {
  command: 'lab:command',
  tick: 'lab:tick',
  event: 'lab:event',
  summary: 'lab:summary',
  saveFile: 'file:save',
} as const;

/** A command as it travels over a transport. */
export interface CommandRequest {
  /** Correlates the answer on transports without request/response (WebSocket). */
  id: number;
  command: CommandName;
  payload?: unknown;
}

/** The answer to a {@link CommandRequest}. */
export interface CommandResponse {
  type: 'response';
  id: number;
  result: CommandResult;
}

/** Largest command message a transport accepts, in bytes. */
export const MAX_COMMAND_BYTES = 64 * 1024;


const CommandRequestSchema = z
  .object({
    id: z.number({ error: () => 'must be an integer' }).int({ error: () => 'must be an integer' }),
    command: z.enum(COMMANDS, { error: () => `must be one of ${COMMANDS.join(', ')}` }),
    payload: z.unknown().optional(),
  })
  .strict();

/**
 * Parses a command that arrived as text (a WebSocket frame): rejects oversized and non-JSON frames and
 * unknown commands with an error that names the field. The payload itself is validated by the engine.
 */
export function parseCommandText(text: string): { ok: true; request: CommandRequest } | { ok: false; id: number | null; errors: ConfigError[] } {
  if (text.length > MAX_COMMAND_BYTES) {
    return { ok: false, id: null, errors: [{ field: '(root)', message: `message is larger than ${MAX_COMMAND_BYTES} bytes` }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, id: null, errors: [{ field: '(root)', message: 'message is not valid JSON' }] };
  }
  return parseCommandRequest(raw);
}

/** Validates a command envelope (id, command name, payload present or not). */
export function parseCommandRequest(raw: unknown): { ok: true; request: CommandRequest } | { ok: false; id: number | null; errors: ConfigError[] } {
  const parsed = CommandRequestSchema.safeParse(raw);
  if (parsed.success) return { ok: true, request: parsed.data as CommandRequest };
  const id = typeof (raw as { id?: unknown } | null)?.id === 'number' ? (raw as { id: number }).id : null;
  return { ok: false, id, errors: schemaErrors(parsed.error, 'unknown field; a command has id, command and payload') };
}

const CrashRequestSchema = z
  .object({ unitId: z.string({ error: () => 'must be a unit id from a tick, e.g. worker-pool#1/thread-3' }).max(200).optional() })
  .strict();

/** What `crash` takes: the id of the unit to crash, or nothing for the first live one. */
export type CrashRequest = z.infer<typeof CrashRequestSchema>;

/** Validates the payload of a `crash` command. */
export function parseCrashRequest(payload: unknown): { ok: true; value: CrashRequest } | { ok: false; errors: ConfigError[] } {
  const parsed = CrashRequestSchema.safeParse(payload ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: schemaErrors(parsed.error, 'unknown field; crash takes { unitId }') };
}

const EXPERIMENT_IDS = EXPERIMENTS.map((experiment) => experiment.id);

const ExperimentRequestSchema = z
  .object({
    id: z.string({ error: () => `must be one of ${EXPERIMENT_IDS.join(', ')}` }).refine((id) => EXPERIMENT_IDS.includes(id), {
      error: () => `must be one of ${EXPERIMENT_IDS.join(', ')}`,
    }),
  })
  .strict();

/** What `experiment` takes: the id of an experiment of the catalog. */
export type ExperimentRequest = z.infer<typeof ExperimentRequestSchema>;

/** Validates the payload of an `experiment` command; an unknown id is answered with the ids there are. */
export function parseExperimentRequest(payload: unknown): { ok: true; value: ExperimentRequest } | { ok: false; errors: ConfigError[] } {
  const parsed = ExperimentRequestSchema.safeParse(payload ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: schemaErrors(parsed.error, 'unknown field; experiment takes { id }') };
}

const UseWorkloadSchema = z
  .object({ name: z.string({ error: () => 'must be the name of an offered workload file' }).min(1).max(255, { error: () => 'must be at most 255 characters' }).optional() })
  .strict();

/** What `useWorkload` takes: the name of an offered module, or nothing to choose one (desktop). */
export type UseWorkloadRequest = z.infer<typeof UseWorkloadSchema>;

/** Validates a `useWorkload` payload (absent means `{}`). */
export function parseUseWorkloadRequest(payload: unknown): { ok: true; value: UseWorkloadRequest } | { ok: false; errors: ConfigError[] } {
  const parsed = UseWorkloadSchema.safeParse(payload ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: schemaErrors(parsed.error, 'unknown field; useWorkload takes { name }') };
}

const budgetMessage = `must be a number of seconds between ${ADVISOR_BUDGET.min} and ${ADVISOR_BUDGET.max}`;
const AdviseRequestSchema = z
  .object({
    budgetS: z
      .number({ error: () => budgetMessage })
      .min(ADVISOR_BUDGET.min, { error: () => budgetMessage })
      .max(ADVISOR_BUDGET.max, { error: () => budgetMessage })
      .optional(),
  })
  .strict();

/** What `advise` takes: the budget in seconds (default {@link ADVISOR_BUDGET}.default). */
export type AdviseRequest = z.infer<typeof AdviseRequestSchema>;

/** Validates the payload of an `advise` command. */
export function parseAdviseRequest(payload: unknown): { ok: true; value: AdviseRequest } | { ok: false; errors: ConfigError[] } {
  const parsed = AdviseRequestSchema.safeParse(payload ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: schemaErrors(parsed.error, 'unknown field; advise takes { budgetS }') };
}
