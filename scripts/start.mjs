#!/usr/bin/env node
// `npm start`: builds, then opens the lab as a desktop app, or in the browser when Electron cannot run here.
//
//   node scripts/start.mjs [--browser] [args...]
//
// --browser skips Electron. Other arguments go to the app (browser mode: `--port 5174`, `--host 127.0.0.1`;
// both modes: `--present [TALK.json]` for presenter mode, validated by the app before it opens).
//
// The Electron binary is located the way node_modules/electron/index.js does (path.txt + dist/), but without
// requiring that file: it downloads on first use with no time limit. Here the download (install.js, which is
// what electron 45 runs on first use; npm install scripts are not relied on) is tried once, with a time limit.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitLike, run } from './child-run.mjs';
import { hostEnv } from './host-env.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** How long the one download attempt may take. */
const DOWNLOAD_TIMEOUT_MS = 60_000;
/** Electron exiting with an error sooner than this means it could not start here (no sandbox, no GPU, ...). */
const EARLY_EXIT_MS = 10_000;

const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
// A talk path is the user's, relative to where they typed `npm start` (INIT_CWD), not to this package's root,
// where npm runs the script and the app starts.
const userDir = process.env.INIT_CWD ?? process.cwd();
const appArgs = args
  .filter((arg) => arg !== '--browser')
  .map((arg, i, all) => {
    if (arg.startsWith('--present=') && arg.length > '--present='.length) return `--present=${resolve(userDir, arg.slice('--present='.length))}`;
    return all[i - 1] === '--present' && !arg.startsWith('-') ? resolve(userDir, arg) : arg;
  });

/** The path of the Electron binary if it is on disk, else null. Mirrors node_modules/electron/index.js. */
function electronBinary() {
  let electronDir;
  try {
    electronDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative || 'electron') : relative ? join(electronDir, 'dist', relative) : null;
  return binary && existsSync(binary) ? binary : null;
}

/** Tries once to download the binary with electron's own install.js; output is kept quiet (it is a stack trace offline). */
function tryDownload() {
  let installJs;
  try {
    installJs = join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return;
  }
  if (!existsSync(installJs)) return;
  console.log(`Fetching the Electron binary (first run only, up to ${DOWNLOAD_TIMEOUT_MS / 1000} s)...`);
  spawnSync(process.execPath, [installJs], { cwd: root, stdio: 'ignore', timeout: DOWNLOAD_TIMEOUT_MS });
}

/** Starts the browser mode server (it prints its URL) and exits when it does. */
async function browserMode(sentence) {
  console.log(sentence);
  const server = join(root, 'out/electron/headless/web-server.js');
  if (!existsSync(server)) {
    console.error(`Browser mode is not built (${server} is missing).`);
    process.exit(1);
  }
  exitLike(await run(process.execPath, [server, ...appArgs], { cwd: root, env: hostEnv() }));
}

// 1. Build everything (Node side, preload, renderer).
const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// 2. Pick the mode.
if (forceBrowser) {
  await browserMode('Browser mode, as asked:');
}
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
let binary = electronBinary();
// Without a display a downloaded binary could not open a window anyway: no download then.
if (binary === null && !noDisplay) {
  tryDownload();
  binary = electronBinary();
}
if (binary === null) {
  await browserMode('The Electron binary is not available on this machine, so the lab opens in browser mode instead:');
}
if (noDisplay) {
  await browserMode('There is no display on this machine for a desktop window, so the lab opens in browser mode instead:');
}

// 3. The desktop app. ELECTRON_RUN_AS_NODE would turn the binary into plain Node: it is for the lab's own
// child processes, never for the app itself.
const env = hostEnv();
delete env.ELECTRON_RUN_AS_NODE;
const outcome = await run(binary, ['.', ...appArgs], { cwd: root, env });
const failedToStart = !outcome.forwarded && (outcome.error !== null || ((outcome.code ?? 1) !== 0 && outcome.ms < EARLY_EXIT_MS));
if (failedToStart) {
  await browserMode('Electron could not start on this machine (see above), so the lab opens in browser mode instead:');
}
exitLike(outcome);
