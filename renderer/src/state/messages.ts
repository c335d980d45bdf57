/**
 * Messages shown to the user: rejected commands and engine errors, in words (`size: for fib must be an
 * integer between 1 and 40 (n)`). The list is short and deduplicated, because a failing setting under load
 * can produce the same error many times a second.
 */
import { formatErrors, type ConfigError } from '../../../shared/run-config';
import type { ErrorEvent } from '../../../shared/messages';

/** `link`: the page's address asked for something that does not exist (`?experiment=` an unknown id). */
export type MessageOrigin = 'command' | 'engine' | 'connection' | 'link';

export interface Message {
  id: number;
  origin: MessageOrigin;
  text: string;
  /** How many times the same text arrived in a row. */
  count: number;
}

export const MAX_MESSAGES = 5;

export function commandErrorText(errors: readonly ConfigError[]): string {
  return errors.length > 0 ? formatErrors(errors) : 'the command was rejected';
}

export function engineErrorText(event: ErrorEvent): string {
  return `${event.source}: ${event.message}`;
}

/** Adds a message, newest last; the same text as the newest one only bumps its count. */
export function addMessage(list: readonly Message[], origin: MessageOrigin, text: string, id: number): Message[] {
  const last = list[list.length - 1];
  if (last && last.text === text && last.origin === origin) {
    return [...list.slice(0, -1), { ...last, count: last.count + 1 }];
  }
  return [...list, { id, origin, text, count: 1 }].slice(-MAX_MESSAGES);
}
