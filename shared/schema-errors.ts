/**
 * The one path from a schema's complaint (zod) to the errors every entry shows: one {@link ConfigError} per
 * field (zod may report a field twice, e.g. "not an integer" and "too big" for 1e20, in the same words), the
 * field named by its dotted path, unknown fields named with what is allowed instead.
 */
import type { z } from 'zod';

/** A validation failure: which field, and what it allows. */
export interface ConfigError {
  /** Dotted path of the offending field, or `(root)` for the payload as a whole. */
  field: string;
  /** What the field allows. */
  message: string;
}

/** The errors of a failed parse; `unknownField` says what to write instead of an unknown field. */
export function schemaErrors(error: z.ZodError, unknownField: string): ConfigError[] {
  const errors = new Map<string, ConfigError>();
  for (const issue of error.issues) {
    const entry =
      issue.code === 'unrecognized_keys'
        ? { field: issue.keys.map((key) => (key === '' ? '(empty name)' : key)).join(', '), message: unknownField }
        : { field: issue.path.length > 0 ? issue.path.join('.') : '(root)', message: issue.message };
    if (!errors.has(entry.field)) errors.set(entry.field, entry);
  }
  return [...errors.values()];
}
