/**
 * Where presenter mode finds its talk, the same for the page, browser mode's server and the desktop app's
 * app:// handler: `?present=` picks the talk, and a talk given by path is served at these fixed addresses only.
 */
import { SHIPPED_TALK_ID } from './shipped-talk';

/** `?present=shipped`: the talk built into the app. */
export { SHIPPED_TALK_ID };
/** `?present=file`: the talk passed with `--present PATH`, validated at start. */
export const USER_TALK_ID = 'file';
/** Where the server serves the validated talk file (absolute path; the page asks for it relative to itself). */
export const TALK_PATH = '/present/talk.json';
/** Where it serves each recording the talk names, by file name. */
export const RECORDINGS_PATH = '/present/recordings/';
/** Where the build keeps the shipped talk's recordings (renderer/public/recordings). */
export const SHIPPED_RECORDINGS_PATH = '/recordings/';

/** The page's address for a talk: the stage, or with `speaker` the speaker view. */
export function presentQuery(talkId: string, speaker = false): string {
  return `?present=${encodeURIComponent(talkId)}${speaker ? '&view=speaker' : ''}`;
}
