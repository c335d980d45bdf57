/**
 * A browser-mode server of a test's own, for the tests the shared one (playwright.config.ts) cannot serve: one
 * that attaches (`--allow-attach`, it runs what the page names), one that is killed on purpose. Also the small
 * process and page checks those tests share.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

const ROOT = join(__dirname, '..');

/** Starts `web-server.js --port 0 ...args` and resolves with it and the URL it prints. */
export function startWebServer(args: readonly string[] = []): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, ['out/electron/headless/web-server.js', '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const url = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen)?.[1];
      if (url) resolve({ server, url });
    });
    server.once('exit', (code) => reject(new Error(`the web server exited with ${code} before serving: ${seen}`)));
  });
}

/** Ends the server with `signal` (SIGTERM: it disposes its engine first) and waits for it; nothing when it has ended. */
export async function stopWebServer(server: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill(signal);
  await exited;
}

/** Whether a process is alive (signal 0 only asks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The page's console errors and uncaught exceptions from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
