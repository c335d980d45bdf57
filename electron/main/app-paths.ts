/**
 * Where the built pieces of the app are, relative to this compiled file (out/electron/main/app-paths.js).
 * Kept apart from main.ts so the sender check and its tests use the very same page URL the window loads.
 */
import { join } from 'node:path';
import { APP_PAGE_URL } from './url-policy';

/** Paths and URLs of the built app. */
export interface AppPaths {
  /** The sandboxed preload, one CommonJS file bundled by esbuild. */
  preload: string;
  /** The renderer page (written by `vite build`), served as {@link pageUrl}. */
  indexHtml: string;
  /** The folder of the renderer build: the only files the app's scheme serves. */
  rendererDir: string;
  /** `app://lab/index.html`: the page the window loads, and the only one whose commands main accepts. */
  pageUrl: string;
}

/** The paths of the app built into `outElectronMainDir`'s tree (pass `__dirname` of a file in out/electron/main). */
export function appPaths(outElectronMainDir: string): AppPaths {
  const outDir = join(outElectronMainDir, '..', '..');
  const rendererDir = join(outDir, 'renderer');
  const indexHtml = join(rendererDir, 'index.html');
  return {
    preload: join(outDir, 'electron', 'preload', 'preload.js'),
    indexHtml,
    rendererDir,
    pageUrl: APP_PAGE_URL,
  };
}
