/**
 * How every command goes to the engine: the engine's answer is the truth (the UI never assumes a change took),
 * and a rejection becomes a readable message, one per field, the newest replacing the field's older one. A
 * transport failure is reported the same way. Accepted, a field's rejection no longer applies and goes, as do
 * rejections of no field. Every answer also says whether this window may attach, and what an attached run
 * going on runs (attached-run.ts).
 */
import type { CommandResult } from '../../../../shared/lab-api';
import { defaultConfig } from '../../../../shared/run-config';
import { attachedAfterResult } from '../attached-run';
import { commandErrorText } from '../messages';
import type { SliceContext } from '../store-types';

export type Send = (call: () => Promise<CommandResult>, patch?: unknown, quiet?: boolean) => Promise<CommandResult>;

/**
 * `patch`: the fields the command sets, whose earlier rejections it settles. `quiet`: a question the window asks
 * on its own (not the user): a refusal is not the user's business, so it shows nothing.
 */
export function commandSender({ set, get, deps, live }: SliceContext): Send {
  /** Settings (engine keys); an error naming anything else (`replay`, `(connection)`) is about the command, not a field. */
  const settingKeys = new Set(Object.keys(defaultConfig()));
  const keysOf = (patch: unknown): string[] => (typeof patch === 'object' && patch !== null ? Object.keys(patch) : []);

  return async (call, patch, quiet = false) => {
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
      const attachedRun = attachedAfterResult(get().attachedRun, result);
      set({
        config: result.config,
        running: result.running,
        synced: true,
        ...(result.workloads ? { workloadFiles: result.workloads } : {}),
        ...(result.canAttach !== undefined ? { canAttach: result.canAttach } : {}),
        ...(attachedRun !== get().attachedRun ? { attachedRun } : {}),
      });
    } else if (!quiet) {
      if (result.errors.length === 0) get().report('command', commandErrorText(result.errors));
      for (const error of result.errors) get().report('command', commandErrorText([error]), [error.field]);
    }
    return result;
  };
}
