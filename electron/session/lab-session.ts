/**
 * One entry for commands from every transport (Electron IPC, WebSocket): the envelope is validated here,
 * the payload by the engine, so every transport rejects bad input the same way and with the same words.
 * Experiments and the advisor are driven here too, by drivers the session owns, so a stop or start from any
 * viewer cancels them.
 */
import { parseAdviseRequest, parseCommandRequest } from '../../shared/command-requests';
import type { CommandName, CommandResult } from '../../shared/lab-api';
import type { WorkloadCatalog } from './workload-catalog';
import { refuseWorkloadPath, useWorkload } from './workload-commands';
import { recordingMachine } from './machine-facts';
import { AdvisorDriver } from './advisor-driver';
import { ExperimentDriver } from './experiment-driver';
import type { LabEngine } from '../engine/lab-engine';
import { checkAttachRequest } from '../engine/attach/attach-request';
import { AGENT_PATH } from '../engine/attach/agent-path';
import type { AttachOptions } from '../engine/attach/attached-run';

/** What a host decides about its session. */
export interface LabSessionOptions {
  /**
   * Whether a viewer may attach to an app (the `attach` command runs a command on this machine): the desktop app
   * allows it, browser mode only when started with `--allow-attach`. Default false.
   */
  allowAttach?: boolean;
  /** How an attached run is run: where the app's output goes above all (attach/app-launch.ts, AppOutput). */
  attach?: AttachOptions;
}

/** The refusal of `attach` on a host that does not allow it. */
const ATTACH_NOT_ALLOWED = 'attaching runs a command on this machine; this host does not allow it. Start browser mode with npm run web -- --allow-attach';

/** What a command does with its (unvalidated) payload. */
type CommandHandler = (payload: unknown) => Promise<CommandResult>;

/**
 * The session of one engine: the commands its viewers send, and the drivers that act on its runs over time (an
 * experiment's plan, the advisor's cells). One object owns them, so their lifetime is the session's and a stop
 * or start from any viewer reaches both. The hosts (desktop, browser mode) make one per engine.
 */
export class LabSession {
  /** Drives an experiment's plan on the engine's run (one at a time). */
  readonly experiments: ExperimentDriver;
  /** Drives the advisor's cells (one advice at a time). */
  readonly advisor: AdvisorDriver;
  /** A handler for every command of shared/lab-api.ts: a command added there does not compile until it has one. */
  private readonly handlers: Record<CommandName, CommandHandler>;

  /** `catalog` is the workload modules this host offers its viewers (none without one). */
  constructor(
    readonly engine: LabEngine,
    private readonly catalog?: WorkloadCatalog,
    private readonly options: LabSessionOptions = {},
  ) {
    this.experiments = new ExperimentDriver(engine);
    this.advisor = new AdvisorDriver(engine);
    this.handlers = this.commandHandlers();
  }

  /** Runs a raw (unvalidated) command envelope `{ id, command, payload }` against the engine. */
  async dispatch(raw: unknown): Promise<{ id: number | null; result: CommandResult }> {
    const parsed = parseCommandRequest(raw);
    if (!parsed.ok) return { id: parsed.id, result: { ok: false, errors: parsed.errors } };
    const { id, command, payload } = parsed.request;
    return { id, result: await this.handlers[command](payload) };
  }

  private commandHandlers(): Record<CommandName, CommandHandler> {
    const { engine, catalog, experiments, advisor } = this;
    return {
      start: async (payload) => {
        const refused = refuseWorkloadPath(payload);
        if (refused) return refused;
        // The user takes over from the advisor too: it would stop this run for its next cell.
        await advisor.cancel();
        const result = await engine.start(payload);
        // The user takes over: the experiment's remaining steps must not act on the run any more (a rejected
        // start changes nothing, the plan included).
        if (result.ok) experiments.cancel();
        return result;
      },
      stop: async () => {
        const lent = experiments.cancel();
        await advisor.cancel();
        // The experiment's run is over: the user's settings come back, and the stop answers with them.
        return experiments.giveBack(lent, await engine.stop());
      },
      configure: async (payload) => refuseWorkloadPath(payload) ?? (await engine.configure(payload)),
      workloads: async () => {
        const state = engine.getState();
        return state.ok ? { ...state, workloads: (await catalog?.list()) ?? [] } : state;
      },
      useWorkload: (payload) => useWorkload(engine, catalog, payload),
      getState: async () => {
        // What a viewer asks when it connects: an experiment's run comes with its messages so far (run-backlog.ts),
        // and whether it may offer Attach.
        const state = engine.getState();
        if (!state.ok) return state;
        const run = experiments.runSoFar();
        return { ...state, canAttach: this.options.allowAttach === true, ...(run ? { run } : {}) };
      },
      crash: (payload) => engine.crash(payload),
      experiment: async (payload) => {
        await advisor.cancel();
        return experiments.run(payload);
      },
      advise: async (payload) => {
        // Checked before anything stops: bad input changes nothing.
        // The advisor measures the user's settings, not the experiment's it interrupts, and gives those back.
        const lent = parseAdviseRequest(payload).ok ? experiments.cancel() : null;
        return advisor.run(payload, lent?.config);
      },
      attach: async (payload) => {
        if (this.options.allowAttach !== true) return { ok: false, errors: [{ field: 'command', message: ATTACH_NOT_ALLOWED }] };
        // Checked before the advisor is cancelled: bad input changes nothing (the engine checks it again).
        const checked = checkAttachRequest(payload, this.options.attach?.agentPath ?? AGENT_PATH);
        if (!checked.ok) return checked;
        await advisor.cancel();
        const result = await engine.attach(payload, this.options.attach);
        // As with start: the user took over, the experiment's remaining steps must not act on this run.
        if (result.ok) experiments.cancel();
        return result;
      },
      machine: async () => {
        // Only the desktop app and browser mode dispatch commands (the CLI records on its own), so Electron's
        // version tells the two apart.
        const state = engine.getState();
        return state.ok ? { ...state, machine: recordingMachine(process.versions.electron ? 'desktop' : 'browser') } : state;
      },
    };
  }
}
