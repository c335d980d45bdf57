/**
 * A talk: the scenes a speaker walks through in presenter mode, each an experiment of the catalog, a free setup
 * (settings to run), an app to attach to (a command the lab starts with its agent: shared/attach.ts), or words
 * only, with the speaker's notes. It is plain JSON so a user can write one; this
 * module validates it (zod) and resolves the defaults a scene takes from its experiment, so the stage, the
 * speaker view, the CLI and the server all see the same scenes. A bad talk gets errors that name the scene and
 * the field, e.g. `scenes[3] ("Pools").experiment: no experiment "pool"; known: ...`.
 */
import { z } from 'zod';
import { CLAIMS, EXPERIMENTS, findExperiment } from '../experiments/catalog';
import type { Experiment } from '../experiments/types';
import { ConfigPatchSchema, type ConfigPatch } from '../run-config';
import { schemaErrors, type ConfigError } from '../schema-errors';

/** The format tag every talk file carries, so a later format can be told apart. */
export const TALK_FORMAT = 'nclab-talk/1';

/**
 * The charts the stage can show; at most {@link MAX_STAGE_CHARTS} per scene, so they stay legible on a projector.
 * `timeline` is the lanes of every thread and process, busy or idle, over the same time as the charts beside it.
 */
export const STAGE_CHARTS = ['host-eld', 'throughput', 'health', 'queue', 'timeline'] as const;
export type StageChart = (typeof STAGE_CHARTS)[number];
export const MAX_STAGE_CHARTS = 2;

/** A recording is named by its file name only (no folders): the server or the build decides where it lives. */
export const RECORDING_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.nclab\.jsonl$/;

/** Longest title, claim and notes: a title and a claim must fit the stage in large type. */
export const MAX_TITLE_CHARS = 90;
export const MAX_CLAIM_CHARS = 160;
export const MAX_NOTES_CHARS = 4000;
export const MAX_SCENES = 100;
/** An attach scene's command: as many arguments, as long, as the `attach` command takes (command-requests.ts). */
export const MAX_ATTACH_ARGS = 200;
export const MAX_ATTACH_ARG_CHARS = 4096;
/** What an attach scene shows unless it names its charts: the app's HTTP, and every thread of it busy or idle. */
export const ATTACH_CHARTS: readonly StageChart[] = ['throughput', 'timeline'];

const text = (max: number) =>
  z
    .string({ error: () => 'must be a string' })
    .trim()
    .min(1, { error: () => 'must not be empty' })
    .max(max, { error: () => `must be at most ${max} characters` });

const commandMessage = `must be the program and its arguments, a list of 1 to ${MAX_ATTACH_ARGS} strings, e.g. ["node", "server.js"]`;

/** `attach`: what the lab starts (argv, no shell) and where; the folder is the lab's own when absent. */
const AttachSceneSchema = z
  .object(
    {
      command: z
        .array(
          z
            .string({ error: () => 'must be a string' })
            .min(1, { error: () => 'must not be empty (an argument of the command)' })
            .max(MAX_ATTACH_ARG_CHARS, { error: () => `must be at most ${MAX_ATTACH_ARG_CHARS} characters` }),
          { error: () => commandMessage },
        )
        .min(1, { error: () => commandMessage })
        .max(MAX_ATTACH_ARGS, { error: () => commandMessage })
        .refine((argv) => argv.length === 0 || argv[0]!.trim().length > 0, { error: () => 'must start with a program, e.g. node' }),
      cwd: z
        .string({ error: () => 'must be a string: the folder to run the command in' })
        .trim()
        .min(1, { error: () => 'must not be empty: leave it out for the folder the lab runs in' })
        .max(MAX_ATTACH_ARG_CHARS, { error: () => `must be at most ${MAX_ATTACH_ARG_CHARS} characters` })
        .optional(),
    },
    { error: () => 'must be an object: { "command": ["node", "server.js"], "cwd"?: "folder" }' },
  )
  .strict();

const SceneSchema = z
  .object({
    title: text(MAX_TITLE_CHARS).optional(),
    claim: text(MAX_CLAIM_CHARS).optional(),
    notes: z.string({ error: () => 'must be a string' }).max(MAX_NOTES_CHARS, { error: () => `must be at most ${MAX_NOTES_CHARS} characters` }).default(''),
    experiment: z
      .string({ error: () => 'must be a string' })
      .refine((id) => findExperiment(id) !== undefined, { error: (issue) => `no experiment "${String(issue.input)}"; known: ${EXPERIMENTS.map((e) => e.id).join(', ')}` })
      .optional(),
    setup: ConfigPatchSchema.optional(),
    attach: AttachSceneSchema.optional(),
    charts: z
      .array(z.enum(STAGE_CHARTS, { error: () => `must be one of ${STAGE_CHARTS.join(', ')}` }), { error: () => 'must be a list of chart names' })
      .min(1, { error: () => 'must name at least one chart' })
      .max(MAX_STAGE_CHARTS, { error: () => `must name at most ${MAX_STAGE_CHARTS} charts` })
      .refine((charts) => new Set(charts).size === charts.length, { error: () => 'must not name a chart twice' })
      .optional(),
    recording: z.string({ error: () => 'must be a string' }).regex(RECORDING_NAME, { error: () => 'must be a file name ending in .nclab.jsonl (letters, digits, . _ -; no folders)' }).optional(),
    minutes: z.number({ error: () => 'must be a number' }).positive({ error: () => 'must be more than 0' }).max(60, { error: () => 'must be at most 60' }).optional(),
  })
  .strict()
  .superRefine((scene, ctx) => {
    if (scene.experiment !== undefined && scene.setup !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['setup'], message: 'a scene is an experiment or a free setup, not both: remove setup or experiment' });
    }
    if (scene.attach !== undefined && (scene.experiment !== undefined || scene.setup !== undefined)) {
      const other = scene.experiment !== undefined ? 'experiment' : 'setup';
      ctx.addIssue({ code: 'custom', path: ['attach'], message: `a scene attaches to an app or runs the lab's own work, not both: remove attach or ${other}` });
    }
    if (scene.attach !== undefined && scene.charts?.includes('health')) {
      ctx.addIssue({ code: 'custom', path: ['charts'], message: "health is the lab's check of its own host and never calls into an attached app: use throughput, host-eld, queue or timeline" });
    }
    if (scene.experiment === undefined && scene.title === undefined) {
      ctx.addIssue({ code: 'custom', path: ['title'], message: 'is required when the scene has no experiment (an experiment lends its own)' });
    }
    if (scene.recording !== undefined && scene.experiment === undefined && scene.setup === undefined && scene.attach === undefined) {
      ctx.addIssue({ code: 'custom', path: ['recording'], message: 'needs an experiment, a setup or attach: it is the fallback of a run' });
    }
  });

/** The talk file's shape. */
export const TalkSchema = z
  .object({
    format: z.literal(TALK_FORMAT, { error: () => `must be "${TALK_FORMAT}"` }),
    title: text(MAX_TITLE_CHARS),
    scenes: z
      .array(SceneSchema, { error: () => 'must be a list of scenes' })
      .min(1, { error: () => 'must hold at least one scene' })
      .max(MAX_SCENES, { error: () => `must hold at most ${MAX_SCENES} scenes` }),
  })
  .strict();

export type TalkFile = z.input<typeof TalkSchema>;

/** A scene with its experiment's defaults filled in: what the stage shows. */
export interface Scene {
  /** 0-based position in the talk. */
  index: number;
  title: string;
  /** The one sentence the scene argues; empty for a scene without one. */
  claim: string;
  notes: string;
  experiment: Experiment | null;
  setup: ConfigPatch | null;
  /** The app the scene attaches to: its command (argv) and folder (null: the folder the lab runs in). */
  attach: SceneAttach | null;
  charts: readonly StageChart[];
  /** File name of the rehearsal recording to fall back on, or null. */
  recording: string | null;
  /** Minutes planned for the scene (speaker view pacing); null when the talk does not say. */
  minutes: number | null;
}

/** An attach scene's app, as the `attach` command takes it. */
export interface SceneAttach {
  command: readonly string[];
  cwd: string | null;
}

export interface Talk {
  title: string;
  scenes: readonly Scene[];
}

export type TalkResult = { ok: true; talk: Talk } | { ok: false; errors: ConfigError[] };

/** The charts an experiment points at, as stage charts, most telling first (its `watch` order). */
function experimentCharts(experiment: Experiment): StageChart[] {
  const named = experiment.watch.map((w): string => w.chart).filter((c): c is StageChart => (STAGE_CHARTS as readonly string[]).includes(c));
  const unique = [...new Set(named)].slice(0, MAX_STAGE_CHARTS);
  return unique.length > 0 ? unique : ['host-eld', 'throughput'];
}

/** `scenes.3.experiment` -> `scenes[3] ("Pools").experiment`: a speaker finds the scene by its place and title. */
function nameField(field: string, raw: unknown): string {
  const match = /^scenes\.(\d+)(?:\.(.*))?$/.exec(field);
  if (!match) return field;
  const index = Number(match[1]);
  const scenes = (raw as { scenes?: unknown } | null)?.scenes;
  const scene = Array.isArray(scenes) ? (scenes[index] as { title?: unknown; experiment?: unknown } | undefined) : undefined;
  const label = typeof scene?.title === 'string' ? scene.title : typeof scene?.experiment === 'string' ? scene.experiment : null;
  const head = `scenes[${index}]${label === null ? '' : ` (${JSON.stringify(label.slice(0, 40))})`}`;
  return match[2] === undefined ? head : `${head}.${match[2]}`;
}

const UNKNOWN_FIELD = 'is not a field of a talk or scene; allowed: format, title, scenes; in a scene: title, claim, notes, experiment, setup, attach, charts, recording, minutes';
const UNKNOWN_ATTACH_FIELD = 'is not a field of attach; allowed: command, cwd';

/** Validates a talk (parsed JSON) and resolves each scene's defaults. Errors name the scene and the field. */
export function parseTalk(raw: unknown): TalkResult {
  const parsed = TalkSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = schemaErrors(parsed.error, UNKNOWN_FIELD).map((e) => {
      // schemaErrors names an unknown key alone; a talk's speaker needs the scene it is in.
      const unknown = parsed.error.issues.find((i) => i.code === 'unrecognized_keys' && i.keys.join(', ') === e.field);
      const field = unknown && unknown.path.length > 0 ? `${unknown.path.join('.')}.${e.field}` : e.field;
      const message = unknown && unknown.path.at(-1) === 'attach' ? UNKNOWN_ATTACH_FIELD : e.message;
      return { field: nameField(field, raw), message };
    });
    return { ok: false, errors };
  }
  const scenes = parsed.data.scenes.map((scene, index): Scene => {
    const experiment = scene.experiment === undefined ? null : (findExperiment(scene.experiment) ?? null);
    return {
      index,
      title: scene.title ?? experiment?.title ?? '',
      claim: scene.claim ?? (experiment ? experiment.claims.map((c) => CLAIMS[c]).join(' ') : ''),
      notes: scene.notes,
      experiment,
      setup: scene.setup ?? null,
      attach: scene.attach ? { command: scene.attach.command, cwd: scene.attach.cwd ?? null } : null,
      charts: scene.charts ?? (experiment ? experimentCharts(experiment) : scene.setup ? ['host-eld', 'throughput'] : scene.attach ? ATTACH_CHARTS : []),
      recording: scene.recording ?? null,
      minutes: scene.minutes ?? null,
    };
  });
  return { ok: true, talk: { title: parsed.data.title, scenes } };
}

/** Parses a talk file's text: not JSON is an error of its own, with the parser's words. */
export function parseTalkText(text: string, name: string): TalkResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ field: '(root)', message: `${name} is not valid JSON (${error instanceof Error ? error.message : String(error)})` }] };
  }
  return parseTalk(raw);
}

/** The errors in one paragraph, one per line, as the CLI and the stage print them. */
export function talkErrorsText(errors: readonly ConfigError[]): string {
  return errors.map((e) => `${e.field}: ${e.message}`).join('\n');
}
