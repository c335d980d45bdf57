/**
 * The schemas every transport's commands are validated against (IPC, WebSocket): the envelope
 * `{ id, command, payload }` and the payloads of the commands that take one besides settings (settings are
 * validated by run-config.ts). A rejected command resolves with errors that name the field and change nothing.
 *
 * Apart from lab-api.ts because zod lives here: the sandboxed preload bundles lab-api.ts and must not carry zod.
 */
import { z } from 'zod';
import { ADVISOR_BUDGET } from './advisor/plan';
import { EXPERIMENTS } from './experiments/catalog';
import { COMMAND_NAMES, MAX_COMMAND_BYTES, type CommandRequest } from './lab-api';
import type { ConfigError } from './run-config';
import { schemaErrors } from './schema-errors';

const CommandRequestSchema = z
  .object({
    id: z.number({ error: () => 'must be an integer' }).int({ error: () => 'must be an integer' }),
    command: z.enum(COMMAND_NAMES, { error: () => `must be one of ${COMMAND_NAMES.join(', ')}` }),
    payload: z.unknown().optional(),
  })
  .strict();

/**
 * Parses a command that arrived as text (a WebSocket frame): rejects oversized and non-JSON frames and
 * unknown commands with an error that names the field. The payload itself is validated by the engine.
 */
export function parseCommandText(text: string): { ok: true; request: CommandRequest } | { ok: false; id: number | null; errors: ConfigError[] } {
  if (text.length > MAX_COMMAND_BYTES) {
    return { ok: false, id: null, errors: [{ field: '(root)', message: `message is larger than ${MAX_COMMAND_BYTES} bytes` }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, id: null, errors: [{ field: '(root)', message: 'message is not valid JSON' }] };
  }
  return parseCommandRequest(raw);
}

/** Validates a command envelope (id, command name, payload present or not). */
export function parseCommandRequest(raw: unknown): { ok: true; request: CommandRequest } | { ok: false; id: number | null; errors: ConfigError[] } {
  const parsed = CommandRequestSchema.safeParse(raw);
  if (parsed.success) return { ok: true, request: parsed.data as CommandRequest };
  const id = typeof (raw as { id?: unknown } | null)?.id === 'number' ? (raw as { id: number }).id : null;
  return { ok: false, id, errors: schemaErrors(parsed.error, 'unknown field; a command has id, command and payload') };
}

const CrashRequestSchema = z
  .object({ unitId: z.string({ error: () => 'must be a unit id from a tick, e.g. worker-pool#1/thread-3' }).max(200).optional() })
  .strict();

/** What `crash` takes: the id of the unit to crash, or nothing for the first live one. */
export type CrashRequest = z.infer<typeof CrashRequestSchema>;

/** Validates the payload of a `crash` command. */
export function parseCrashRequest(payload: unknown): { ok: true; value: CrashRequest } | { ok: false; errors: ConfigError[] } {
  const parsed = CrashRequestSchema.safeParse(payload ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: schemaErrors(parsed.error, 'unknown field; crash takes { unitId }') };
}

const EXPERIMENT_IDS = EXPERIMENTS.map((experiment) => experiment.id);

const ExperimentRequestSchema = z
  .object({
    id: z.string({ error: () => `must be one of ${EXPERIMENT_IDS.join(', ')}` }).refine((id) => EXPERIMENT_IDS.includes(id), {
      error: () => `must be one of ${EXPERIMENT_IDS.join(', ')}`,
    }),
  })
  .strict();

/** What `experiment` takes: the id of an experiment of the catalog. */
export type ExperimentRequest = z.infer<typeof ExperimentRequestSchema>;

/** Validates the payload of an `experiment` command; an unknown id is answered with the ids there are. */
export function parseExperimentRequest(payload: unknown): { ok: true; value: ExperimentRequest } | { ok: false; errors: ConfigError[] } {
  const parsed = ExperimentRequestSchema.safeParse(payload ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: schemaErrors(parsed.error, 'unknown field; experiment takes { id }') };
}

const UseWorkloadSchema = z
  .object({ name: z.string({ error: () => 'must be the name of an offered workload file' }).min(1).max(255, { error: () => 'must be at most 255 characters' }).optional() })
  .strict();

/** What `useWorkload` takes: the name of an offered module, or nothing to choose one (desktop). */
export type UseWorkloadRequest = z.infer<typeof UseWorkloadSchema>;

/** Validates a `useWorkload` payload (absent means `{}`). */
export function parseUseWorkloadRequest(payload: unknown): { ok: true; value: UseWorkloadRequest } | { ok: false; errors: ConfigError[] } {
  const parsed = UseWorkloadSchema.safeParse(payload ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: schemaErrors(parsed.error, 'unknown field; useWorkload takes { name }') };
}

const budgetMessage = `must be a number of seconds between ${ADVISOR_BUDGET.min} and ${ADVISOR_BUDGET.max}`;
const AdviseRequestSchema = z
  .object({
    budgetS: z
      .number({ error: () => budgetMessage })
      .min(ADVISOR_BUDGET.min, { error: () => budgetMessage })
      .max(ADVISOR_BUDGET.max, { error: () => budgetMessage })
      .optional(),
  })
  .strict();

/** What `advise` takes: the budget in seconds (default {@link ADVISOR_BUDGET}.default). */
export type AdviseRequest = z.infer<typeof AdviseRequestSchema>;

/** Validates the payload of an `advise` command. */
export function parseAdviseRequest(payload: unknown): { ok: true; value: AdviseRequest } | { ok: false; errors: ConfigError[] } {
  const parsed = AdviseRequestSchema.safeParse(payload ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: schemaErrors(parsed.error, 'unknown field; advise takes { budgetS }') };
}

const commandMessage = 'must be the command and its arguments, a list of 1 to 200 strings, e.g. ["node", "server.js"]';
const AttachRequestSchema = z
  .object({
    command: z
      .array(z.string({ error: () => commandMessage }).max(4096, { error: () => 'each argument must be at most 4096 characters' }), { error: () => commandMessage })
      .min(1, { error: () => commandMessage })
      .max(200, { error: () => commandMessage })
      // zod runs a refinement even when `min(1)` failed: an empty list must not reach argv[0].
      .refine((argv) => argv.length === 0 || argv[0].trim().length > 0, { error: () => 'must start with a program, e.g. node' }),
    cwd: z.string({ error: () => 'must be an absolute path of a folder' }).min(1).max(4096).optional(),
  })
  .strict();

/** What `attach` takes: the app's command (argv) and, optionally, its working folder. */
export type AttachRequest = z.infer<typeof AttachRequestSchema>;

/** Validates the payload of an `attach` command (whether the folder exists is the host's to check). */
export function parseAttachRequest(payload: unknown): { ok: true; value: AttachRequest } | { ok: false; errors: ConfigError[] } {
  const parsed = AttachRequestSchema.safeParse(payload ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: schemaErrors(parsed.error, 'unknown field; attach takes { command, cwd }') };
}
