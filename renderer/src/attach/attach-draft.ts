/**
 * From what the Attach panel's two fields hold to the `attach` command's payload: the command line split into
 * argv (argv.ts), the working folder trimmed and left out when empty (the host's own folder then). A line that
 * does not split is refused here, with why, before anything is sent; the rest (a program not found, a folder
 * that does not exist) is the host's to say.
 */
import type { AttachRequest } from '../../../shared/command-requests';
import { splitCommandLine } from './argv';

export type AttachDraft = { ok: true; request: AttachRequest; shellOperators: string[] } | { ok: false; error: string };

export function attachDraft(commandLine: string, folder: string): AttachDraft {
  const split = splitCommandLine(commandLine);
  if (!split.ok) return split;
  const cwd = folder.trim();
  return { ok: true, request: cwd === '' ? { command: split.argv } : { command: split.argv, cwd }, shellOperators: split.shellOperators };
}

/** The fields of the panel a host error may name; the others are shown under its buttons. */
export const ATTACH_FIELDS = ['command', 'cwd'] as const;
