/** Run config slice: the settings the engine confirmed, and the commands that change them. */
import type { CommandResult } from '../../../../shared/lab-api';
import { defaultConfig } from '../../../../shared/run-config';
import type { ConfigSlice, SliceContext } from '../store-types';
import { commandSender } from './send';

const unsupported = async (): Promise<CommandResult> => ({ ok: false, errors: [{ field: 'workload', message: 'this window cannot run your own workload module' }] });

export function createConfigSlice(ctx: SliceContext): ConfigSlice {
  const { set, get, deps } = ctx;
  const send = commandSender(ctx);

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
