/**
 * `npm run bench:ui [-- --json] [-- --seconds N] [-- --renderer DIR] [-- --units 64] [-- --loads light,medium] [-- --view charts]`:
 * how fast the live view keeps up, measured in the page itself.
 * It serves browser mode on a free port (the engine runs in this process), opens it in Debian's Chromium
 * (headless, through playwright-core) with `?perf=1`, which installs the page's probe (renderer/src/perf/ui-perf.ts),
 * and runs worker-pool at 3 loads x 2, 16 and 64 units. For each cell, after the rows are up and a warm-up, it
 * reads over `--seconds` (12 by default):
 *  - tick-to-paint p50 / p95: a tick's arrival in the page to the first paint after React committed it;
 *  - frame time p50 / p95: requestAnimationFrame deltas (16.7 ms is 60 fps), and the long animation frames
 *    (over 50 ms) Chromium reports.
 * The engine shares the machine's cores with the page, as in the app: a saturating load starves the page too,
 * which is part of what a user sees. On a shared machine, compare runs made together, not with old numbers.
 * `--units` and `--loads` measure a subset of the cells (comma lists); `--view charts` scrolls the page to the charts
 * before measuring (by default the page stays at its top, as it opens), for the view a user watching the charts has.
 * Everything it starts (Chromium, the server, the engine's threads) ends before it exits, on error or Ctrl-C too.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumCpuMs } from './bench-ui-cpu';
import { startWebServer, type WebServer } from '../electron/headless/web-server';
import type { ConfigPatch } from '../shared/run-config';
import { formatTable, summarise, type CellResult, type PageSample } from './bench-ui-report';

const { values: options } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '12' },
    renderer: { type: 'string' },
    ab: { type: 'string' },
    units: { type: 'string', default: '2,16,64' },
    loads: { type: 'string', default: 'light,medium,saturating' },
    view: { type: 'string', default: 'top' },
  },
});
const JSON_OUT = options.json === true;
const MEASURE_S = Number(options.seconds);
if (!Number.isFinite(MEASURE_S) || MEASURE_S <= 0 || MEASURE_S > 600) {
  process.stderr.write(`--seconds must be a number between 0 and 600, got ${options.seconds}\n`);
  process.exit(2);
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
/** The e2e tests' window: a laptop-sized page, where a 64-unit table runs past the fold as it would for a user. */
const VIEWPORT = { width: 1440, height: 1000 };
const UNITS = options.units.split(',').map(Number);
if (UNITS.some((n) => !Number.isInteger(n) || n < 1 || n > 256)) {
  process.stderr.write(`--units must be a comma list of pool sizes from 1 to 256, got ${options.units}\n`);
  process.exit(2);
}
const VIEWS = ['top', 'charts'];
if (!VIEWS.includes(options.view)) {
  process.stderr.write(`--view must be one of ${VIEWS.join(', ')}, got ${options.view}\n`);
  process.exit(2);
}
const WARMUP_MS = 2_500;
/** Longest wait for a pool's rows to show: a pool that never gets ready fails the bench, not hangs it. */
const ROWS_TIMEOUT_MS = 90_000;

/** Loads, from a trickle to every core busy (fib 20 is ~0.05 ms, fib 25 ~0.6 ms, fib 27 ~1.5 ms of CPU). */
const ALL_LOADS: ReadonlyArray<{ name: string; config(units: number): ConfigPatch }> = [
  { name: 'light', config: () => ({ loadMode: 'open', rate: 20, workload: 'fib', size: 20 }) },
  { name: 'medium', config: () => ({ loadMode: 'open', rate: 300, workload: 'fib', size: 25 }) },
  { name: 'saturating', config: (units) => ({ loadMode: 'closed', concurrency: units * 2, workload: 'fib', size: 27 }) },
];
const LOADS = ALL_LOADS.filter((load) => options.loads.split(',').includes(load.name));
if (LOADS.length !== options.loads.split(',').length) {
  process.stderr.write(`--loads must be a comma list of ${ALL_LOADS.map((l) => l.name).join(', ')}, got ${options.loads}\n`);
  process.exit(2);
}

const progress = (text: string) => process.stderr.write(`${text}\n`);

/**
 * Polls an expression in the page until it is true. page.waitForFunction would evaluate the string with eval
 * inside the page, which the page's CSP (script-src 'self') refuses; page.evaluate goes through the debugger.
 */
async function waitInPage(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`the page did not reach \`${expression}\` within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}
const LIVE_ROWS = `document.querySelectorAll('[data-testid="unit-row"]:not([data-state="exited"])').length`;

/** Opens the page with its probe and waits until it is connected. */
async function openPage(browser: Browser, web: WebServer, errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT, colorScheme: 'dark' });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${web.url}?perf=1`);
  await waitInPage(page, `window.__uiPerf !== undefined && document.querySelector('[data-testid="heartbeat"]')?.dataset.status !== 'offline'`, 30_000);
  return page;
}

/** One cell on a fresh page: start the run, wait for its rows, warm up, measure, stop. */
async function measureCell(browser: Browser, web: WebServer, label: string, load: (typeof LOADS)[number], units: number, errors: string[]): Promise<CellResult> {
  const page = await openPage(browser, web, errors);
  await web.engine.start({ strategy: 'worker-pool', poolSize: units, intervalMs: 200, ...load.config(units) });
  try {
    await waitInPage(page, `${LIVE_ROWS} >= ${units}`, ROWS_TIMEOUT_MS);
    if (options.view === 'charts') await page.evaluate(`document.querySelector('.charts').scrollIntoView()`);
    await sleep(WARMUP_MS);
    await page.evaluate('window.__uiPerf.reset()');
    const cpuBefore = chromiumCpuMs();
    await sleep(MEASURE_S * 1000);
    const sample = (await page.evaluate('window.__uiPerf.snapshot()')) as PageSample;
    const cpuMs = chromiumCpuMs() - cpuBefore;
    const rows = (await page.evaluate(LIVE_ROWS)) as number;
    return summarise(label, load.name, units, rows, sample, cpuMs > 0 ? cpuMs / MEASURE_S : null);
  } finally {
    await web.engine.stop();
    await page.close();
  }
}

async function main(): Promise<void> {
  const servers: WebServer[] = [];
  let browser: Browser | null = null;
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await browser?.close().catch(() => undefined);
      await Promise.all(servers.map((server) => server.close()));
    })());
  const interrupted = (signal: NodeJS.Signals) => {
    progress(`${signal}: ending Chromium and the engine…`);
    void close().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    // --renderer DIR serves another build of the page; --ab DIR measures that build (A) and this one (B) in every
    // cell, alternating which goes first, so drift on a shared machine hits both alike.
    const builds: Array<{ label: string; dir: string | undefined }> = options.ab
      ? [
          { label: 'A', dir: options.ab },
          { label: 'B', dir: options.renderer },
        ]
      : [{ label: '', dir: options.renderer }];
    for (const build of builds) servers.push(await startWebServer({ port: 0, rendererDir: build.dir }));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const pageErrors: string[] = [];
    progress(`bench:ui: Chromium ${browser.version()}, ${availableParallelism()} cores, ${MEASURE_S} s per cell after a ${WARMUP_MS / 1000} s warm-up`);
    const cells: CellResult[] = [];
    let round = 0;
    for (const load of LOADS) {
      for (const units of UNITS) {
        const order = round++ % 2 === 0 ? builds.map((_, i) => i) : builds.map((_, i) => builds.length - 1 - i);
        const measured: CellResult[] = [];
        for (const i of order) measured[i] = await measureCell(browser, servers[i], builds[i].label, load, units, pageErrors);
        for (const cell of measured) {
          progress(`  ${load.name} x ${units} units ${cell.page}: frame p95 ${cell.frameP95?.toFixed(1) ?? '–'} ms, tick-to-paint p95 ${cell.tickToPaintP95?.toFixed(1) ?? '–'} ms, CPU ${cell.cpuMsPerS?.toFixed(0) ?? '–'} ms/s`);
          cells.push(cell);
        }
      }
    }
    if (pageErrors.length > 0) progress(`page errors:\n  ${pageErrors.join('\n  ')}`);
    if (JSON_OUT) {
      console.log(JSON.stringify({ chromium: browser.version(), cores: availableParallelism(), measureS: MEASURE_S, cells }));
    } else {
      console.log(formatTable(cells));
      console.log(`(${MEASURE_S} s per cell; '!' marks a frame p95 over one 60 Hz frame, 16.7 ms; worker-pool, ticks every 200 ms; CPU: all Chromium processes)`);
      if (options.ab) console.log(`(A: ${options.ab}; B: ${options.renderer ?? 'out/renderer'})`);
    }
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:ui failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
