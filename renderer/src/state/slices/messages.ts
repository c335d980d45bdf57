/** Messages slice: what went wrong, in words, until dismissed or superseded. */
import { addMessage } from '../messages';
import type { MessagesSlice, SliceContext } from '../store-types';

export function createMessagesSlice({ set }: SliceContext): MessagesSlice {
  let nextId = 1;
  return {
    messages: [],
    report: (origin, text, fields) => set((s) => ({ messages: addMessage(s.messages, origin, text, nextId++, fields) })),
    clearFieldErrors: (which) =>
      set((s) => {
        const kept = s.messages.filter((m) => m.origin !== 'command' || !m.fields.some(which));
        return kept.length === s.messages.length ? s : { messages: kept };
      }),
    dismiss: (id) => set((s) => ({ messages: s.messages.filter((m) => m.id !== id) })),
    clearMessages: (origin) =>
      set((s) => {
        const kept = origin === undefined ? [] : s.messages.filter((m) => m.origin !== origin);
        // Same array when nothing changed, so subscribers of `messages` do not re-render.
        return kept.length === s.messages.length ? s : { messages: kept };
      }),
  };
}
