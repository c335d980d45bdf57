/**
 * Browser mode: `npm run web` runs ONE LabEngine in plain Node and serves the built renderer plus a
 * WebSocket (/ws) speaking the LabApi, so the lab works in any browser, and Playwright can drive it.
 * Binds 127.0.0.1 by default: the server starts processes on this machine, so exposing it is a choice
 * (--host) that earns a warning. Ctrl-C (or SIGTERM) disposes the engine, which ends every thread and
 * process it started, before exiting.
 *
 *   node out/electron/headless/web-server.js [--port 5174] [--host 127.0.0.1] [--allow-attach] [--present [TALK.json]]
 *
 * `--allow-attach` lets the page attach to an app (the `attach` command runs any command the page names, as the
 * user who started the server); without it the session refuses `attach`, naming this flag, and getState says
 * `canAttach: false` so the page can say why.
 *
 * `--present` also prints the presenter mode's address; with a talk file it validates the talk (and the
 * recordings its scenes name) first, refuses to start on a bad one, and serves them at fixed addresses.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LabEngine } from '../engine/lab-engine';
import { folderCatalog } from '../session/workload-catalog';
import { hostAllowed, isLoopbackHost, originAllowed } from './host-policy';
import { createLabSocket } from './lab-socket';
import { LabSession } from '../session/lab-session';
import { presentQuery } from '../../shared/present/addresses';
import { loadPresentFiles, presentFile, takePresentArg, type PresentFiles } from '../page-files/present-files';
import { SECURITY_HEADERS, serveStatic } from '../page-files/static-files';

/** A second signal sooner than this after the first is the same Ctrl-C, delivered twice (ms). */
const SAME_SIGNAL_MS = 500;

export const DEFAULT_PORT = 5174;
export const DEFAULT_HOST = '127.0.0.1';
/** Where scripts/build.mjs puts the renderer, seen from out/electron/headless/. */
export const DEFAULT_RENDERER_DIR = resolve(__dirname, '../../renderer');

export interface WebServerOptions {
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  rendererDir?: string;
  /** The engine to serve; one is created when absent. Either way close() disposes it. */
  engine?: LabEngine;
  /** Where warnings go (stderr by default). */
  warn?: (line: string) => void;
  /** A folder whose `.mjs`/`.js` files pages may run as their workload, by name (`--workloads DIR`). */
  workloadsDir?: string;
  /** The validated talk of `--present PATH`, served at its fixed addresses. */
  present?: PresentFiles;
  /** `--allow-attach`: the page may attach to an app, i.e. run a command it names (default false). */
  allowAttach?: boolean;
}

export interface WebServer {
  url: string;
  port: number;
  engine: LabEngine;
  /** Stops serving, closes every client and disposes the engine (every thread and process ends). */
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions = {}): Promise<WebServer> {
  const host = options.host ?? DEFAULT_HOST;
  const rendererDir = resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const engine = options.engine ?? new LabEngine();
  if (!isLoopbackHost(host)) {
    warn(`warning: listening on ${host}: anyone who can reach this address can start processes on this machine`);
    if (options.allowAttach) warn(`warning: --allow-attach on ${host}: anyone who can reach this address can run any command as you`);
  }
  const rendererBuilt = existsSync(join(rendererDir, 'index.html'));
  if (!rendererBuilt) warn(`warning: ${rendererDir}/index.html is missing; run \`node scripts/build.mjs\` first`);

  let port = options.port ?? DEFAULT_PORT;
  const bound = () => ({ host, port });
  const trusted = (req: IncomingMessage) => hostAllowed(req.headers.host, bound());

  const server = createServer((req, res) => {
    if (!trusted(req)) {
      res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('forbidden host\n');
      return;
    }
    if (!rendererBuilt) {
      res.writeHead(503, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('the renderer is not built; run `node scripts/build.mjs`\n');
      return;
    }
    const talkFile = options.present && (req.method === 'GET' || req.method === 'HEAD') ? presentFile(options.present.files, req.url ?? '/') : null;
    if (talkFile) {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': talkFile.type, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : talkFile.body);
      return;
    }
    void serveStatic(rendererDir, req, res);
  });
  // The app of an attached run writes to this server's stderr (the engine's default), where its own warnings go.
  const session = new LabSession(engine, options.workloadsDir === undefined ? undefined : folderCatalog(options.workloadsDir), { allowAttach: options.allowAttach === true });
  const socket = createLabSocket({
    session,
    allowUpgrade: (req) => trusted(req) && originAllowed(req.headers.origin, req.headers.host),
  });
  server.on('upgrade', (req, duplex, head) => socket.handleUpgrade(req, duplex, head));
  server.on('clientError', (_error, duplex) => duplex.destroy());

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}/`,
    port,
    engine,
    close: () =>
      (closing ??= (async () => {
        await socket.close();
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        await engine.dispose();
      })()),
  };
}

/** Command-line options; throws with a readable message on a bad one. */
export function parseWebArgs(argv: string[]): { port: number; host: string; help: boolean; allowAttach: boolean; workloadsDir?: string } {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string' }, workloads: { type: 'string' }, 'allow-attach': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be an integer between 0 and 65535, got ${values.port}`);
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new Error('--host must not be empty');
  const workloads = values.workloads === undefined ? {} : { workloadsDir: resolve(values.workloads) };
  if (workloads.workloadsDir !== undefined && !existsSync(workloads.workloadsDir)) throw new Error(`--workloads: no such folder: ${workloads.workloadsDir}`);
  return { port, host, help: values.help ?? false, allowAttach: values['allow-attach'] ?? false, ...workloads };
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseWebArgs>;
  let present: PresentFiles | null = null;
  try {
    const { request, rest } = takePresentArg(process.argv.slice(2));
    args = parseWebArgs(rest);
    if (request.present && !args.help) present = await loadPresentFiles(request);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(
      'usage: web-server [--port 5174] [--host 127.0.0.1] [--workloads DIR] [--allow-attach] [--present [TALK.json]]   (port 0 picks a free port;\n' +
        '  --workloads offers the .mjs/.js files of DIR to the page as workloads, by name;\n' +
        '  --allow-attach lets the page attach to your app: run a command it names, with the lab\'s agent, as you)\n',
    );
    return;
  }
  const web = await startWebServer({ port: args.port, host: args.host, workloadsDir: args.workloadsDir, allowAttach: args.allowAttach, ...(present ? { present } : {}) });
  // e2e tests read this line to find the port when started with --port 0: keep its shape.
  process.stdout.write(`Node Concurrency Lab: serving ${web.url}\n`);
  if (present) {
    const title = present.talk?.title ?? 'the shipped talk';
    process.stdout.write(`Presenter mode (${title}): ${web.url}${presentQuery(present.talkId)}\n`);
    process.stdout.write(`Speaker view (open it in a second tab or window): ${web.url}${presentQuery(present.talkId, true)}\n`);
  }
  let firstSignalAt: number | null = null;
  const shutdown = (signal: NodeJS.Signals) => {
    const now = performance.now();
    // A launcher (npm start) forwards the Ctrl-C the terminal also sent us: one that close behind is the same one.
    if (firstSignalAt !== null && now - firstSignalAt < SAME_SIGNAL_MS) return;
    if (firstSignalAt !== null) {
      // A second Ctrl-C means "now": exit without waiting for jobs to drain.
      process.stderr.write(`${signal} again: exiting without waiting\n`);
      process.exit(1);
    }
    firstSignalAt = now;
    process.stdout.write(`${signal}: stopping the lab…\n`);
    web.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // A bug must not leave workers and child processes behind: end them all, then exit with an error.
  process.on('uncaughtException', (error) => {
    process.stderr.write(`uncaught exception, stopping the lab: ${error.stack ?? error.message}\n`);
    const exit = () => process.exit(1);
    web.close().then(exit, exit);
    setTimeout(exit, 10_000).unref();
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
