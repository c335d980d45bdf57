/**
 * Messages shown to the user: rejected commands and engine errors, in words (`size: for fib must be an
 * integer between 1 and 40 (n)`), each field named as its label reads. The list is short and deduplicated,
 * because a failing setting under load can produce the same error many times a second; a rejected field keeps
 * one message, its newest, until the field is accepted (see slices/config.ts).
 */
import type { ConfigError } from '../../../shared/run-config';
import type { ErrorEvent } from '../../../shared/messages';
import { fieldLabel } from '../settings/settings-table';

/** `link`: the page's address asked for something that does not exist (`?experiment=` an unknown id). */
export type MessageOrigin = 'command' | 'engine' | 'connection' | 'link';

export interface Message {
  id: number;
  origin: MessageOrigin;
  text: string;
  /** How many times the same text arrived in a row. */
  count: number;
  /** The fields a rejected command named (engine keys: `poolSize`); empty for other messages. */
  fields: string[];
}

export const MAX_MESSAGES = 5;

/** `pool size: must be …; rate: must be a number`: every error, its field by its label. */
export function commandErrorText(errors: readonly ConfigError[]): string {
  return errors.length > 0 ? errors.map((e) => `${fieldLabel(e.field)}: ${e.message}`).join('; ') : 'the command was rejected';
}

export function engineErrorText(event: ErrorEvent): string {
  return `${event.source}: ${event.message}`;
}

/**
 * Adds a message, newest last; the same text as the newest one only bumps its count. A rejection of fields
 * replaces the older rejections of the same fields: only the newest word about a field still applies.
 */
export function addMessage(list: readonly Message[], origin: MessageOrigin, text: string, id: number, fields: readonly string[] = []): Message[] {
  const last = list[list.length - 1];
  if (last && last.text === text && last.origin === origin) {
    return [...list.slice(0, -1), { ...last, count: last.count + 1 }];
  }
  const kept = fields.length === 0 ? list : list.filter((m) => !m.fields.some((field) => fields.includes(field)));
  return [...kept, { id, origin, text, count: 1, fields: [...fields] }].slice(-MAX_MESSAGES);
}
