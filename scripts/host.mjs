#!/usr/bin/env node
// Starts a lab host (the CLI, browser mode, the soak, the bench) with the host's environment, and exits as it does:
//
//   node scripts/host.mjs [node options] out/electron/headless/lab-cli.js [args...]
//
// Everything after `host.mjs` goes to Node unchanged. Why a launcher: see scripts/host-env.mjs.
import { hostEnv } from './host-env.mjs';
import { exitLike, run } from './child-run.mjs';

const outcome = await run(process.execPath, process.argv.slice(2), { env: hostEnv() });
if (outcome.error) console.error(`could not start ${process.execPath}: ${outcome.error.message}`);
exitLike(outcome);
