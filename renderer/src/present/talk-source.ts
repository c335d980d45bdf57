/**
 * Which talk the stage presents, from the address: `?present=shipped` (or empty) is the talk built into the
 * app; `?present=file` is the one the user passed with `--present PATH`, which the server (or the desktop
 * app) validated at start and serves at a fixed address, with its recordings beside it. The page never asks
 * for a path of its choosing: only these fixed addresses exist.
 */
import { RECORDINGS_PATH, SHIPPED_RECORDINGS_PATH, SHIPPED_TALK_ID, TALK_PATH, USER_TALK_ID } from '../../../shared/present/addresses';
import { SHIPPED_TALK } from '../../../shared/present/shipped-talk';
import { parseTalk, parseTalkText, talkErrorsText, type Talk } from '../../../shared/present/talk';

/** Relative to the page, so they work on http:// and app:// alike. */
const USER_TALK_URL = TALK_PATH.slice(1);
const USER_RECORDINGS_URL = RECORDINGS_PATH.slice(1);
const SHIPPED_RECORDINGS_URL = SHIPPED_RECORDINGS_PATH.slice(1);

export interface TalkSource {
  id: string;
  talk: Talk;
  /** The address of a scene's recording, by its file name. */
  recordingUrl(name: string): string;
}

export type TalkLoad = { ok: true; source: TalkSource } | { ok: false; error: string };

/** The talk named by `?present=`; fetch is given so the choice is testable. */
export async function loadTalk(id: string, fetchText: (url: string) => Promise<{ ok: boolean; status: number; text: string }>): Promise<TalkLoad> {
  if (id === '' || id === SHIPPED_TALK_ID) {
    const parsed = parseTalk(SHIPPED_TALK);
    if (!parsed.ok) return { ok: false, error: `the shipped talk is invalid:\n${talkErrorsText(parsed.errors)}` };
    return { ok: true, source: { id: SHIPPED_TALK_ID, talk: parsed.talk, recordingUrl: (name) => `${SHIPPED_RECORDINGS_URL}${encodeURIComponent(name)}` } };
  }
  if (id !== USER_TALK_ID) return { ok: false, error: `present: no talk "${id}"; use ?present=${SHIPPED_TALK_ID} (the shipped talk) or ?present=${USER_TALK_ID} (the one given with --present PATH)` };
  let response: { ok: boolean; status: number; text: string };
  try {
    response = await fetchText(USER_TALK_URL);
  } catch (error) {
    return { ok: false, error: `could not load the talk (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!response.ok) return { ok: false, error: `no talk file was given: start with \`npm start -- --present PATH\` (the server answered ${response.status})` };
  const parsed = parseTalkText(response.text, 'the talk file');
  if (!parsed.ok) return { ok: false, error: talkErrorsText(parsed.errors) };
  return { ok: true, source: { id: USER_TALK_ID, talk: parsed.talk, recordingUrl: (name) => `${USER_RECORDINGS_URL}${encodeURIComponent(name)}` } };
}

/** fetch, as loadTalk wants it. */
export async function fetchText(url: string): Promise<{ ok: boolean; status: number; text: string }> {
  const response = await fetch(url, { cache: 'no-store' });
  return { ok: response.ok, status: response.status, text: response.ok ? await response.text() : '' };
}
