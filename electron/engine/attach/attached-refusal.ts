/** What the engine answers a command that would change how work runs while an attached run goes. */
import type { CommandResult } from '../../../shared/lab-api';

/** The refusal, on `field` (`strategy` for start and configure, `command` for crash). */
export function refuseWhileAttached(field: 'strategy' | 'command'): CommandResult {
  return { ok: false, errors: [{ field, message: 'an attached run: the app decides how its work runs; Stop it first' }] };
}
