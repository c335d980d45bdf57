/**
 * Attach slice: whether this window may attach, the attached run on screen (fed by ingest, see attached-run.ts),
 * and the `attach` command, whose rejections the Attach panel shows by the field they name.
 */
import type { AttachSlice, SliceContext } from '../store-types';
import { commandSender } from './send';

export function createAttachSlice(ctx: SliceContext): AttachSlice {
  const { set, get, deps } = ctx;
  const send = commandSender(ctx);
  return {
    canAttach: null,
    attachedRun: null,
    attachErrors: [],
    attach: async (request) => {
      set({ attachErrors: [] });
      const result = await send(() => deps.api.attach(request), request);
      set({ attachErrors: result.ok ? [] : result.errors });
      return result;
    },
    clearAttachError: (field) => {
      if (!get().attachErrors.some((error) => error.field === field)) return;
      set((s) => ({ attachErrors: s.attachErrors.filter((error) => error.field !== field) }));
      get().clearFieldErrors((f) => f === field);
    },
  };
}
