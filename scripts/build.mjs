#!/usr/bin/env node
// Builds everything into out/: the Node side with tsc (shared, workloads, engine, headless hosts, Electron main),
// the sandboxed preload with esbuild (a sandboxed preload can only require 'electron', so it must be one file),
// and the renderer with Vite. `node scripts/build.mjs node` builds only the Node side (what the CLI and tests need).
// Each build first cleans what it rebuilds, so the output of a deleted source (a stale test above all) never
// lives on in out/.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanOut } from './clean-out.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const only = process.argv[2];

function run(bin, args) {
  execFileSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });
}

if (only === 'node') {
  // The Node build keeps the preload and the renderer: only the full build makes them (esbuild, Vite), and what
  // runs after a Node build may still use them (the Electron shell's tests under `npm run test:node`, web-server.js
  // serving the page). Deleting them would turn those into failures until the next full build; tsc never
  // writes there, so nothing stale of its making can hide in them.
  cleanOut(root, { keep: ['renderer', 'electron/preload'] });
} else {
  rmSync(join(root, 'out'), { recursive: true, force: true });
}
run(require.resolve('typescript/bin/tsc'), ['-p', 'tsconfig.json']);
if (only === 'node') process.exit(0);

const preload = join(root, 'electron/preload/preload.ts');
if (existsSync(preload)) {
  const esbuild = require('esbuild');
  esbuild.buildSync({
    entryPoints: [preload],
    outfile: join(root, 'out/electron/preload/preload.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  });
}

const viteConfig = join(root, 'renderer/vite.config.ts');
if (existsSync(viteConfig)) {
  // vite's package exports do not include its bin, so find it beside package.json.
  run(join(dirname(require.resolve('vite/package.json')), 'bin/vite.js'), ['build', '--config', viteConfig, '--logLevel', 'warn']);
}
