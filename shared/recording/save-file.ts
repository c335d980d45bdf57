/**
 * Saving a file the window made (a recording, a chart as SVG or PNG) through the desktop app's native "Save as"
 * dialog: the window sends the suggested name and the content over IPC (channel `IPC_CHANNELS.saveFile`), the
 * main process asks the user where, and writes it. The request is validated here, in one place, like every
 * command: the main process trusts nothing the page sends, so the name is a plain file name (no folder, nothing
 * a file system refuses) with one of the kinds the window makes, and the content is of that kind and bounded.
 * Browser mode has no such channel: it downloads instead.
 */
import { z } from 'zod';
import { RECORDING_EXTENSION } from './format';
import { schemaErrors, type ConfigError } from '../schema-errors';

/** The kinds of file the window saves: what the dialog's filter shows, and whether the content is text. */
export const SAVE_FILE_KINDS = [
  { extension: RECORDING_EXTENSION, label: 'Lab recording', text: true },
  { extension: '.svg', label: 'SVG image', text: true },
  { extension: '.png', label: 'PNG image', text: false },
] as const;

/** One of {@link SAVE_FILE_KINDS}. */
export type SaveFileKind = (typeof SAVE_FILE_KINDS)[number];

/** Largest file the window saves, in bytes (characters for text): the largest recording a window opens. */
export const MAX_SAVE_FILE_BYTES = 256 * 1024 * 1024;

/** What the window asks to save: a suggested file name and its content (text, or bytes for a PNG). */
export interface SaveFileRequest {
  name: string;
  content: string | Uint8Array;
}

/** Where the file went (`path`), or `path: null` when the user cancelled the dialog; else why it was not saved. */
export type SaveFileResult = { ok: true; path: string | null } | { ok: false; errors: ConfigError[] };

const EXTENSIONS = SAVE_FILE_KINDS.map((kind) => kind.extension).join(', ');
const NAME_RULE = `must be a file name (no folder, no control characters or < > : " / \\ | ? *, at most 200 characters) ending in ${EXTENSIONS}`;

/** The kind a file name ends with, or undefined. */
export function saveFileKind(name: string): SaveFileKind | undefined {
  return SAVE_FILE_KINDS.find((kind) => name.toLowerCase().endsWith(kind.extension));
}

const SaveFileRequestSchema = z
  .object({
    name: z
      .string({ error: () => NAME_RULE })
      .regex(/^[^<>:"/\\|?*\u0000-\u001f]{1,200}$/, { error: () => NAME_RULE })
      .refine((name) => !/^\.+$/.test(name) && saveFileKind(name) !== undefined, { error: () => NAME_RULE }),
    content: z.union([z.string(), z.instanceof(Uint8Array)], { error: () => 'must be text, or bytes (a Uint8Array) for a .png' }),
  })
  .strict()
  .superRefine((request, context) => {
    const kind = saveFileKind(request.name);
    if (kind && kind.text !== (typeof request.content === 'string')) {
      context.addIssue({ code: 'custom', path: ['content'], message: kind.text ? `must be text for a ${kind.extension} file` : `must be bytes (a Uint8Array) for a ${kind.extension} file` });
    }
    if (request.content.length > MAX_SAVE_FILE_BYTES) {
      context.addIssue({ code: 'custom', path: ['content'], message: `must be at most ${MAX_SAVE_FILE_BYTES / 2 ** 20} MiB` });
    }
  });

/** Validates a save request from the window; the errors name the field and what it allows. */
export function parseSaveFileRequest(raw: unknown): { ok: true; value: SaveFileRequest } | { ok: false; errors: ConfigError[] } {
  const parsed = SaveFileRequestSchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: schemaErrors(parsed.error, 'unknown field; a save request has name and content') };
}
