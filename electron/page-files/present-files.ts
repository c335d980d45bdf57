/**
 * `--present [TALK]`: the talk a speaker gives. Without a path it is the shipped talk, built into the page.
 * With one, the file is read and validated here, at start, with the same parser the page uses, and so is every
 * recording its scenes fall back on (looked up beside the talk file, by file name only); a bad talk or a bad
 * recording stops the start with errors naming the scene and field, before anyone is on stage. The page then
 * gets the talk and its recordings at fixed addresses (/present/talk.json, /present/recordings/NAME): only the
 * files the validated talk names, never a path the page asks for. An attach scene's relative `cwd` is the talk
 * file's folder's (the page cannot know where the file is): it is resolved here, checked to be a folder, and
 * the page gets the talk with absolute folders. Plain Node: browser mode and the desktop app's app:// handler
 * both serve from it.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { parseTalkText, talkErrorsText, type Talk } from '../../shared/present/talk';
import { RECORDINGS_PATH, SHIPPED_TALK_ID, TALK_PATH, USER_TALK_ID } from '../../shared/present/addresses';
import { parseRecording } from '../../shared/recording/parse';

/** A talk file is words; a recording for a scene is a short run. Larger files are refused at start. */
export const MAX_TALK_BYTES = 1024 * 1024;
export const MAX_SCENE_RECORDING_BYTES = 32 * 1024 * 1024;

export interface PresentFiles {
  /** The `?present=` value that opens this talk. */
  talkId: string;
  talk: Talk | null;
  /** Fixed address -> file contents; empty for the shipped talk (its recordings are in the build). */
  files: ReadonlyMap<string, string>;
}

/** What `--present` asked for: nothing, the shipped talk (path null), or a talk file. */
export interface PresentRequest {
  present: boolean;
  path: string | null;
}

/**
 * Takes `--present [PATH]` (or `--present=PATH`) out of the arguments: its value is optional, which
 * node:util's parseArgs cannot express, so it is read here and the rest goes to the usual parser.
 */
export function takePresentArg(argv: readonly string[]): { request: PresentRequest; rest: string[] } {
  const rest: string[] = [];
  let request: PresentRequest = { present: false, path: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--present') {
      const next = argv[i + 1];
      const path = next !== undefined && !next.startsWith('-') ? next : null;
      if (path !== null) i++;
      request = { present: true, path };
    } else if (arg.startsWith('--present=')) {
      const path = arg.slice('--present='.length);
      request = { present: true, path: path === '' ? null : path };
    } else {
      rest.push(arg);
    }
  }
  return { request, rest };
}

async function readSmall(path: string, limit: number, what: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch (error) {
    throw new Error(`${what} ${path} cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (size > limit) throw new Error(`${what} ${path} is ${(size / 2 ** 20).toFixed(1)} MiB, more than the ${limit / 2 ** 20} MiB allowed`);
  return readFile(path, 'utf8');
}

/**
 * The talk's text with every attach scene's `cwd` absolute (relative ones are the talk file's folder's), each
 * checked to be a folder now, before anyone is on stage; the text as it was when no scene names a relative one.
 */
async function withAbsoluteFolders(text: string, talk: Talk, talkFolder: string): Promise<string> {
  const relative = talk.scenes.filter((scene) => scene.attach?.cwd != null && !isAbsolute(scene.attach.cwd));
  for (const scene of talk.scenes) {
    if (scene.attach?.cwd == null) continue;
    const folder = resolve(talkFolder, scene.attach.cwd);
    const isFolder = await stat(folder).then((info) => info.isDirectory(), () => false);
    if (!isFolder) throw new Error(`--present: scenes[${scene.index}] (${JSON.stringify(scene.title.slice(0, 40))}).attach.cwd: ${folder} is not a folder`);
  }
  if (relative.length === 0) return text;
  // Validated above: scenes is a list and each of these scenes has an attach object.
  const raw = JSON.parse(text) as { scenes: Array<{ attach: { cwd: string } }> };
  for (const scene of relative) raw.scenes[scene.index]!.attach.cwd = resolve(talkFolder, scene.attach!.cwd!);
  return `${JSON.stringify(raw, null, 2)}\n`;
}

/** Reads and validates what `--present` names; throws an Error whose message says what is wrong, and where. */
export async function loadPresentFiles(request: PresentRequest): Promise<PresentFiles> {
  if (request.path === null) return { talkId: SHIPPED_TALK_ID, talk: null, files: new Map() };
  const path = resolve(request.path);
  const text = await readSmall(path, MAX_TALK_BYTES, '--present: the talk');
  const parsed = parseTalkText(text, basename(path));
  if (!parsed.ok) throw new Error(`--present: ${path} is not a valid talk:\n${talkErrorsText(parsed.errors)}`);
  const files = new Map<string, string>([[TALK_PATH, await withAbsoluteFolders(text, parsed.talk, dirname(path))]]);
  for (const scene of parsed.talk.scenes) {
    if (scene.recording === null || files.has(RECORDINGS_PATH + scene.recording)) continue;
    // The name matched RECORDING_NAME (no folders), so this stays beside the talk file.
    const file = join(dirname(path), scene.recording);
    const where = `--present: scenes[${scene.index}] (${JSON.stringify(scene.title.slice(0, 40))}).recording:`;
    const recording = await readSmall(file, MAX_SCENE_RECORDING_BYTES, `${where} the recording`);
    const check = parseRecording(recording, scene.recording);
    if (!check.ok) throw new Error(`${where} ${check.error}`);
    files.set(RECORDINGS_PATH + scene.recording, recording);
  }
  return { talkId: USER_TALK_ID, talk: parsed.talk, files };
}

/** The contents served at a request URL, or null; the type is JSON for the talk, NDJSON for a recording. */
export function presentFile(files: ReadonlyMap<string, string>, requestUrl: string): { body: string; type: string } | null {
  let pathname: string;
  try {
    pathname = new URL(requestUrl, 'http://localhost').pathname;
  } catch {
    return null;
  }
  // Exact keys only: an encoded or dotted spelling is simply not one of them.
  const body = files.get(pathname);
  if (body === undefined) return null;
  return { body, type: pathname === TALK_PATH ? 'application/json; charset=utf-8' : 'application/x-ndjson; charset=utf-8' };
}
