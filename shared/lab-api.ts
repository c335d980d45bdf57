/**
 * The API a viewer (the React renderer) uses to drive the engine, whatever carries it: Electron's preload
 * implements it over IPC, the browser mode over a WebSocket. Commands are declared once, in {@link COMMANDS}: the
 * LabApi's methods, the names the envelope schema accepts (command-requests.ts), the method maps of the preload and
 * the WebSocket client ({@link commandMethods}) and the session's handlers (a `Record<CommandName, ...>`) follow
 * from it. Commands are validated by the engine against the schemas of command-requests.ts and run-config.ts; a
 * rejected command resolves with the errors and changes nothing.
 *
 * Values here are plain and free of zod: the sandboxed preload bundles this file (esbuild inlines it), so it must
 * stay small and import nothing at run time.
 */
import type { AttachSpec } from './attach';
import type { LabEvent, LabMessage, Summary, Tick } from './messages';
import type { RecordingMachine } from './recording/format';
import type { ConfigError, RunConfig } from './run-config';
import type { SaveFileRequest, SaveFileResult } from './recording/save-file';

/**
 * Result of a command. `machine` is set by the `machine` command only: the host's facts a recording's header
 * keeps (the window cannot read them itself). `workloads` is set by `workloads` and `useWorkload`: the names
 * of the workload modules the host offers (see {@link COMMANDS}.useWorkload). `run` is set by `getState` while an
 * experiment runs: its run's messages so far, in the order they were sent from its `run-started` on, so a viewer
 * that joins late (a reloaded page, a second tab) shows its segments and judges it on the whole run.
 */
export type CommandResult =
  | {
      ok: true;
      config: RunConfig;
      running: boolean;
      machine?: RecordingMachine;
      workloads?: string[];
      run?: LabMessage[];
      /** Set while an attached run goes: what it runs. */
      attached?: AttachSpec;
      /** Whether this host lets a viewer attach (`attach`): the desktop app always, browser mode with `--allow-attach`. */
      canAttach?: boolean;
    }
  | { ok: false; errors: ConfigError[] };

/**
 * How one command is declared: whether its method takes a payload (`none`: `()`, `optional`: `(payload?)`,
 * `required`: `(payload)`; payloads are `unknown` to the viewer and validated by the engine), and whether a viewer
 * may lack it (`optional`: the LabApi method is optional).
 */
export interface CommandDeclaration {
  readonly payload: 'none' | 'optional' | 'required';
  readonly optional?: true;
}

/**
 * Every command, declared once, in the order error messages list them. The same names travel over IPC and
 * WebSocket; each entry's documentation is its LabApi method's.
 */
export const COMMANDS = {
  /** Starts a run, optionally changing settings first (the patch is validated as a whole). */
  start: { payload: 'optional' },
  /** Stops the run: jobs in flight finish or fail, every thread and process ends. */
  stop: { payload: 'none' },
  /** Changes settings, at once and under load when a run is going. */
  configure: { payload: 'required' },
  /**
   * The current settings and whether a run is going; during an experiment's run also its messages so far
   * (`run`), for a viewer that joins late.
   */
  getState: { payload: 'none' },
  /**
   * Crash injection: kills one unit from outside, as a crash (SIGKILL for a process, terminate for a thread).
   * Payload `{ unitId }` names it (ids are in every tick); without one, the first live unit is chosen.
   */
  crash: { payload: 'optional' },
  /**
   * Runs an experiment of the catalog, payload `{ id }`: stops any run, starts one with the experiment's settings
   * (on top of the defaults), follows its plan of segments and stops at its end. The engine announces it with an
   * `experiment-started` event. A stop or another start cancels the rest of the plan.
   */
  experiment: { payload: 'required' },
  /** The state, with the machine the engine runs on (`host` is `desktop` or `browser`), for a recording's header. */
  machine: { payload: 'none' },
  /**
   * The state, with the names of the workload modules the host offers (`workloads`): in browser mode the files
   * of the folder given at start (`npm run web -- --workloads DIR`), in the desktop app the files chosen so far.
   * Optional: a viewer without it simply offers no custom workload.
   */
  workloads: { payload: 'none', optional: true },
  /**
   * Runs the offered module `{ name }` as the workload (`workload: 'custom'`, see shared/custom-workload.ts). The
   * page never sends a path: the host maps the name to its file, and `start`/`configure` refuse a `workloadFile`.
   * Without a name the desktop app opens a file dialog first (the file chosen joins the offered ones); a
   * cancelled dialog changes nothing.
   */
  useWorkload: { payload: 'optional', optional: true },
  /**
   * Runs the advisor, payload `{ budgetS? }`: stops any run, then measures every strategy at pool sizes 1, 2 and the
   * core count with the current settings (workload, size, ...), one run per strategy, within the budget (seconds).
   * Resolves once it has begun; `advisor-progress` events follow, and one `advice` event at the end. A stop, a start
   * or an experiment cancels it.
   */
  advise: { payload: 'optional' },
  /**
   * Attaches to the user's own app, payload `{ command: string[], cwd? }` (argv, not a shell line; `cwd` an absolute
   * folder, default the host's): stops any run, starts the command with the lab's agent preloaded in every Node
   * process and thread of it (shared/attach.ts), and streams them as a run whose strategy is `attached` until the
   * app exits or Stop ends its whole process group. It runs a command, so hosts allow it only where the user chose
   * to: always in the desktop app, in browser mode only when started with `--allow-attach` (refused otherwise).
   */
  attach: { payload: 'required' },
} as const satisfies Record<string, CommandDeclaration>;

/** One of {@link COMMANDS}. */
export type CommandName = keyof typeof COMMANDS;

/** The names of {@link COMMANDS}, in their order. */
export const COMMAND_NAMES = Object.keys(COMMANDS) as [CommandName, ...CommandName[]];

/** The method of a command with declaration `D`. */
type CommandMethod<D extends CommandDeclaration> = D['payload'] extends 'none'
  ? () => Promise<CommandResult>
  : D['payload'] extends 'optional'
    ? (payload?: unknown) => Promise<CommandResult>
    : (payload: unknown) => Promise<CommandResult>;

/** A method for every command (written as `keyof typeof`, so each method keeps its entry's documentation). */
type AllCommandMethods = { [K in keyof typeof COMMANDS]: CommandMethod<(typeof COMMANDS)[K]> };

/** The commands a viewer may lack. */
type OptionalCommandName = { [K in CommandName]: (typeof COMMANDS)[K] extends { optional: true } ? K : never }[CommandName];

/** The command methods of a {@link LabApi}, optional where {@link COMMANDS} says so. */
export type LabCommands = Omit<AllCommandMethods, OptionalCommandName> & Partial<Pick<AllCommandMethods, OptionalCommandName>>;

/** Sends one command over a transport and resolves with its result (never rejects). */
export type SendCommand = (command: CommandName, payload?: unknown) => Promise<CommandResult>;

/**
 * One method per command over `send`: the preload's and the WebSocket client's command maps, so neither lists the
 * commands again. A command without a payload sends none, whatever its caller passes.
 */
export function commandMethods(send: SendCommand): AllCommandMethods {
  const methods: Partial<Record<CommandName, (payload?: unknown) => Promise<CommandResult>>> = {};
  for (const name of COMMAND_NAMES) {
    methods[name] = COMMANDS[name].payload === 'none' ? () => send(name) : (payload?: unknown) => send(name, payload);
  }
  return methods as AllCommandMethods;
}

/** Unsubscribes a listener. */
export type Unsubscribe = () => void;

/** The engine as a viewer sees it: the commands of {@link COMMANDS}, the streams, and the desktop's saveFile. */
export interface LabApi extends LabCommands {
  onTick(listener: (tick: Tick) => void): Unsubscribe;
  onEvent(listener: (event: LabEvent) => void): Unsubscribe;
  onSummary(listener: (summary: Summary) => void): Unsubscribe;
  /**
   * Desktop only (absent in browser mode, which downloads): saves a file the window made through the native
   * "Save as" dialog (shared/recording/save-file.ts).
   */
  saveFile?(request: SaveFileRequest): Promise<SaveFileResult>;
}

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
