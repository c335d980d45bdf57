/** Run config slice: the settings the engine confirmed, and the commands that change them. */
import type { CommandResult } from '../../../../shared/lab-api';
import { defaultConfig } from '../../../../shared/run-config';
import { commandErrorText } from '../messages';
import type { ConfigSlice, SliceContext } from '../store-types';

const unsupported = async (): Promise<CommandResult> => ({ ok: false, errors: [{ field: 'workload', message: 'this window cannot run your own workload module' }] });

export function createConfigSlice({ set, get, deps, live }: SliceContext): ConfigSlice {
  /** Settings (engine keys); an error naming anything else (`replay`, `(connection)`) is about the command, not a field. */
  const settingKeys = new Set(Object.keys(defaultConfig()));
  const keysOf = (patch: unknown): string[] => (typeof patch === 'object' && patch !== null ? Object.keys(patch) : []);

  /**
   * Every command goes through here: the engine's answer is the truth (the UI never assumes a change took),
   * and a rejection becomes a readable message, one per field, the newest replacing the field's older one. A
   * transport failure is reported the same way. Accepted, a field's rejection no longer applies and goes, as do
   * rejections of no field. `quiet`: a question the window asks on its own (not the user): a refusal is not
   * the user's business, so it shows nothing.
   */
  async function send(call: () => Promise<CommandResult>, patch?: unknown, quiet = false): Promise<CommandResult> {
    set((s) => ({ pending: s.pending + 1 }));
    let result: CommandResult;
    try {
      result = await call();
    } catch (error) {
      result = { ok: false, errors: [{ field: '(connection)', message: error instanceof Error ? error.message : String(error) }] };
    }
    const wasRunning = get().running;
    set((s) => ({ pending: s.pending - 1 }));
    if (result.ok) {
      // The fields this command set are what the engine has now: their earlier rejections no longer apply.
      const accepted = keysOf(patch);
      get().clearFieldErrors((field) => accepted.includes(field) || !settingKeys.has(field));
      // Before the first tick of a new run, silence is counted from the start, not from the last run's tick.
      if (result.running && !wasRunning) live.lastTickAt = deps.now();
      set({ config: result.config, running: result.running, synced: true, ...(result.workloads ? { workloadFiles: result.workloads } : {}) });
    } else if (!quiet) {
      if (result.errors.length === 0) get().report('command', commandErrorText(result.errors));
      for (const error of result.errors) get().report('command', commandErrorText([error]), [error.field]);
    }
    return result;
  }

  return {
    config: defaultConfig(),
    running: false,
    synced: false,
    pending: 0,
    configure: (patch) => send(() => deps.api.configure(patch), patch),
    start: (patch) => send(() => deps.api.start(patch), patch),
    clearFieldError: (field) => get().clearFieldErrors((f) => f === field),
    stop: () => send(() => deps.api.stop()),
    refresh: async () => {
      const result = await send(() => deps.api.getState());
      if (result.ok && result.run) {
        // Joined during (or after) an experiment's run: rebuild it from its start, then the engine's answer
        // is the truth for the settings, as for every command; publish at once, the run may have ended.
        get().ingestRun(result.run);
        set({ config: result.config, running: result.running });
        get().flush();
      }
      return result;
    },
    crash: (unitId) => send(() => deps.api.crash({ unitId })),
    runExperiment: (id) => send(() => deps.api.experiment({ id })),
    workloadFiles: [],
    // Optional in the LabApi: a host without them offers no module (the answer says so, once, if asked).
    // Asked when the control bar appears, not by the user: a refusal (a replay controls nothing) is no news.
    listWorkloads: () => send(() => deps.api.workloads?.() ?? deps.api.getState(), undefined, true),
    pickWorkload: (name) => send(() => deps.api.useWorkload?.(name === undefined ? {} : { name }) ?? unsupported()),
  };
}
