/**
 * The attach options of the CLI: `--attach [--json] [--record F] [--threshold E] [--duration S] [--cwd DIR]
 * [--interval MS] -- <command…>` runs the user's own command with the lab's agent preloaded and watches it
 * (shared/attach.ts). Everything after the first `--` is the command, as argv (no shell). The app decides how it
 * runs its work, so the options that set how the lab runs jobs are refused beside `--attach` rather than ignored.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AttachSpec } from '../../shared/attach';
import { parseAttachRequest } from '../../shared/command-requests';
import { defaultConfig, mergeConfig } from '../../shared/run-config';
import type { CliSection } from './cli-options';
import { optionalDecimal } from './decimal-option';
import { parseDurationOption } from './duration-option';
import type { RunOutputs } from './recording/recording-args';

/** An attached run as the CLI was asked for it. */
export interface AttachCliRequest {
  kind: 'attach';
  /** The command (argv) and its working folder, absolute and checked to exist. */
  spec: AttachSpec;
  /** `--interval`: how often the lab samples (and the agent reports); null for the lab's default. */
  intervalMs: number | null;
  /** `--duration`: stops the app after this many seconds; null runs until the app exits or Ctrl-C. */
  durationS: number | null;
  json: boolean;
  outputs: RunOutputs;
}

/** How the command is given, for messages and the help. */
export const ATTACH_EXAMPLE = 'npm run lab -- --attach -- node server.js';

/** The attach options, for the CLI's table (cli-args.ts): its parser and its help. */
export const ATTACH_SECTION: CliSection = {
  title: 'Attach (your own app: the command after "--" runs with the lab\'s agent in every Node process and thread of it):',
  options: [
    {
      name: 'attach',
      type: 'boolean',
      description: `run the command after "--" and show its processes, threads and HTTP until it exits (or --duration, Ctrl-C: its whole process group is stopped), e.g. ${ATTACH_EXAMPLE}; takes --json, --record, --threshold, --duration, --cwd, --interval`,
    },
    { name: 'cwd', type: 'string', placeholder: '<dir>', description: "with --attach: the app's working folder", default: 'the current folder' },
  ],
};

/** Options that go with `--attach`; every other one sets how the lab runs its own jobs. */
const WITH_ATTACH = ['attach', 'cwd', 'json', 'record', 'threshold', 'duration', 'interval'];

const given = (values: Values) => Object.keys(values).filter((key) => values[key] !== undefined && values[key] !== false);

type Values = Record<string, string | boolean | string[] | undefined>;

/**
 * Splits argv at its first `--`: the options before it, the command after it (null when there is no `--`).
 * Done before parsing the options, so a command's own `--flags` are never read as the lab's.
 */
export function splitCommand(argv: readonly string[]): { options: string[]; command: string[] | null } {
  const at = argv.indexOf('--');
  return at < 0 ? { options: [...argv], command: null } : { options: argv.slice(0, at), command: argv.slice(at + 1) };
}

/** The app's working folder: `--cwd` resolved against where the lab was started, and checked to be a folder. */
function workingFolder(text: string | undefined): string | { error: string } {
  if (text === undefined) return process.cwd();
  if (text.trim() === '') return { error: '--cwd: needs a folder (the working folder of the app)' };
  const folder = resolve(process.cwd(), text);
  try {
    if (!statSync(folder).isDirectory()) return { error: `--cwd: ${folder} is not a folder` };
  } catch {
    return { error: `--cwd: no such folder: ${folder}` };
  }
  return folder;
}

/**
 * The attach request in the parsed options and the command after `--`, null when neither asks to attach, or an
 * error naming the option. `outputs` are the run's `--record` and `--threshold`, parsed by the caller.
 */
export function parseAttachOptions(values: Values, command: string[] | null, outputs: RunOutputs): AttachCliRequest | { kind: 'error'; message: string } | null {
  if (!values.attach) {
    if (command !== null) return { kind: 'error', message: `a command after "--" is run only with --attach, e.g. ${ATTACH_EXAMPLE}` };
    return values.cwd === undefined ? null : { kind: 'error', message: '--cwd: only with --attach (the working folder of the attached app)' };
  }
  const extra = given(values).filter((key) => !WITH_ATTACH.includes(key));
  if (extra.length > 0) {
    const names = `--${extra.join(', --')}`;
    return {
      kind: 'error',
      message: `${names}: ${extra.length === 1 ? 'does' : 'do'} not apply to an attached run: the app decides how it runs its work (--attach takes --${WITH_ATTACH.slice(1).join(', --')})`,
    };
  }
  if (command === null || command.length === 0) return { kind: 'error', message: `--attach: needs the command to run after "--", e.g. ${ATTACH_EXAMPLE}` };
  const checked = parseAttachRequest({ command });
  if (!checked.ok) return { kind: 'error', message: checked.errors.map((e) => `--attach: the command ${e.message}`).join('\n') };
  const cwd = workingFolder(values.cwd as string | undefined);
  if (typeof cwd === 'object') return { kind: 'error', message: cwd.error };

  const interval = optionalDecimal('--interval', values.interval as string | undefined);
  if (typeof interval === 'string') return { kind: 'error', message: interval };
  if (interval !== undefined) {
    // The same check as every other run's interval, in the same words.
    const merged = mergeConfig(defaultConfig(), { intervalMs: interval });
    if (!merged.ok) return { kind: 'error', message: merged.errors.map((e) => `--interval: ${e.message}`).join('\n') };
  }
  const duration = parseDurationOption(values.duration as string | undefined);
  if (typeof duration === 'object') return { kind: 'error', message: duration.error };
  return { kind: 'attach', spec: { command: checked.value.command, cwd }, intervalMs: interval ?? null, durationS: duration ?? null, json: values.json === true, outputs };
}
