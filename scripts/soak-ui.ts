/**
 * `npm run soak:ui -- [--minutes 30] [--json]`: a page left running, as a speaker leaves the lab open all day.
 * It starts browser mode as its own process (`web-server.js --port 0`, in a process group of its own), opens the
 * page in Debian's Chromium (headless, through playwright-core) with the page's speedometer (`?perf=1`,
 * renderer/src/perf/ui-perf.ts, the one `npm run bench:ui` reads), and runs 64 units (pool size 64 wherever the
 * strategy has one) under bench:ui's medium load, switching strategy every minute through all of them, with the
 * timeline and the charts in view. At the end of every minute it reads, through the DevTools protocol, the page's
 * JS heap after a forced GC, its DOM nodes and event listeners, and the frame times of the minute; it prints a
 * line a minute, the table at the end, and the verdict of scripts/soak-ui-report.ts (heap and nodes flat after
 * the first 5 minutes, frame time unchanged). Not run in CI: it takes its minutes.
 *
 * Everything it starts ends when it ends, on an error or Ctrl-C too: the run is stopped, Chromium closed, the
 * server sent SIGTERM (it disposes its engine: every thread and process) and, should it hang, its whole process
 * group SIGKILLed; then it checks that no process it saw (the server, the units' pids from the ticks, Chromium)
 * is alive, and says so. Exit code: 0 when the page held (or the run was too short to judge), 1 when it did not,
 * when the page threw, or when anything was left alive; 130 on Ctrl-C, after the table of the minutes measured so far.
 */
import type { ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { STRATEGIES } from '../shared/constants';
import type { ConfigPatch } from '../shared/run-config';
import { descendants } from '../electron/engine/testing/harness';
import { chromiumCpuMs } from './bench-ui-cpu';
import { summarise, type PageSample } from './bench-ui-report';
import { formatMinuteTable, judgeSoakUi, type MinuteSample } from './soak-ui-report';
import { endServer, LabClient, OurProcesses, startServer } from './soak-ui-lab';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
/** Wide and tall enough that the timeline, the loop-delay chart and the row of charts below are all on screen. */
const VIEWPORT = { width: 1920, height: 1080 };
const UNITS = 64;
/** bench:ui's `medium` load (scripts/bench-ui.ts): an open loop of 300 fib(25) jobs a second, ~0.6 ms each. */
const MEDIUM_LOAD: ConfigPatch = { loadMode: 'open', rate: 300, workload: 'fib', size: 25 };
const MINUTE_MS = 60_000;
/** How long what this started may take to be gone once told to end, before it counts as left alive. */
const LEFTOVER_GRACE_MS = 10_000;

const progress = (text: string) => process.stderr.write(`${text}\n`);

/** Polls an expression in the page until it is true (page.waitForFunction would eval, which the page's CSP refuses). */
async function waitInPage(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`the page did not reach \`${expression}\` within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}
const LIVE_ROWS = `document.querySelectorAll('[data-testid="unit-row"]:not([data-state="exited"])').length`;

/** The page's memory after a forced GC, through the DevTools protocol. */
async function pageMemory(cdp: CDPSession): Promise<Pick<MinuteSample, 'heapBytes' | 'domNodes' | 'listeners'>> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? null;
  return { heapBytes: heap.usedSize, domNodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}

interface Options {
  minutes: number;
  json: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '30' }, json: { type: 'boolean', default: false } } });
  const minutes = Number(values.minutes);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) {
    process.stderr.write(`--minutes must be a whole number of minutes from 1 to 1440, got ${values.minutes}\n`);
    process.exit(2);
  }
  return { minutes, json: values.json === true };
}

async function main(options: Options): Promise<number> {
  let server: ChildProcess | null = null;
  let client: LabClient | null = null;
  let browser: Browser | null = null;
  const ours = new OurProcesses();
  let closing: Promise<string[]> | null = null;
  /** Ends everything this started; resolves with what is still alive after (which it then kills). */
  const close = () =>
    (closing ??= (async () => {
      await client?.send('stop').catch(() => undefined);
      client?.close();
      await browser?.close().catch(() => undefined);
      if (server) await endServer(server);
      for (const pid of descendants(process.pid)) ours.note(pid);
      // Chromium's helpers (zygotes, the renderer) end a moment after its browser process; units after the server.
      const deadline = Date.now() + LEFTOVER_GRACE_MS;
      while (ours.alive().length > 0 && Date.now() < deadline) await sleep(250);
      const left = ours.alive();
      for (const pid of left) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
      return left.map(String);
    })());
  const samples: MinuteSample[] = [];
  const pageErrors: string[] = [];
  const loadAtStart = loadavg()[0] as number;
  let reported = false;
  /** Prints the minutes measured and the verdict, once: at the end, or on Ctrl-C with what was measured so far. */
  const report = (left: string[]): boolean => {
    const loadAtEnd = loadavg()[0] as number;
    const judged = judgeSoakUi(samples, STRATEGIES.length);
    const ok = judged.verdict !== 'fail' && pageErrors.length === 0 && left.length === 0;
    if (reported) return ok;
    reported = true;
    if (options.json) {
      console.log(JSON.stringify({ type: 'soak-ui', minutes: options.minutes, units: UNITS, loadAtStart, loadAtEnd, samples, ...judged, pageErrors, leftAlive: left.length, ok }));
      return ok;
    }
    if (samples.length > 0) console.log(`\n${formatMinuteTable(samples)}`);
    console.log(
      `(heap: the page's JS heap after a forced GC; DOM nodes and listeners after it; frames: requestAnimationFrame deltas over the minute; ` +
        `CPU: all Chromium processes; load: the machine's 1-minute load average, ${availableParallelism()} cores)`,
    );
    console.log(judged.lines.join('\n'));
    console.log(`load average ${loadAtStart.toFixed(2)} at the start, ${loadAtEnd.toFixed(2)} at the end`);
    console.log(pageErrors.length === 0 ? 'page errors: none' : `page errors (${pageErrors.length}):\n  ${pageErrors.slice(0, 10).join('\n  ')}`);
    console.log(left.length === 0 ? 'left alive: nothing (server, units, Chromium all ended)' : `left alive, then SIGKILLed: ${left.join(', ')}  FAIL`);
    return ok;
  };
  let interrupts = 0;
  const interrupted = (signal: NodeJS.Signals) => {
    if (++interrupts > 1) {
      if (server?.pid !== undefined) process.kill(-server.pid, 'SIGKILL');
      process.exit(130);
    }
    progress(`${signal}: stopping the run, closing Chromium and the server…`);
    void close().then(
      (left) => {
        report(left);
        process.exit(130);
      },
      (error: unknown) => {
        progress(`could not end everything: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(130);
      },
    );
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  // Last resort, should this process end without close(): the server's group must not outlive it.
  process.once('exit', () => {
    if (server?.pid !== undefined && server.exitCode === null && server.signalCode === null) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // Gone.
      }
    }
  });

  try {
    const started = await startServer();
    server = started.child;
    if (server.pid !== undefined) ours.note(server.pid);
    client = await LabClient.connect(started.url, ours);
    // Ctrl-C is this script's to handle: Playwright's own handler would kill Chromium and exit before the run
    // is stopped and the minutes measured so far are printed.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, handleSIGINT: false, handleSIGTERM: false });
    const page = await browser.newPage({ viewport: VIEWPORT, colorScheme: 'dark' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${started.url}?perf=1`);
    await waitInPage(page, `window.__uiPerf !== undefined && document.querySelector('[data-testid="heartbeat"]')?.dataset.status !== 'offline'`, 30_000);
    // Chromium's processes (its renderer is up now): once it detaches them from this process on close, only this list knows them.
    for (const pid of descendants(process.pid)) ours.note(pid);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    progress(
      `soak:ui: ${options.minutes} min, ${UNITS} units, strategy switched every minute (${STRATEGIES.join(' -> ')}); ` +
        `Chromium ${browser.version()}, ${availableParallelism()} cores, load average ${loadAtStart.toFixed(2)} at the start`,
    );
    await client.send('start', { strategy: STRATEGIES[0], poolSize: UNITS, intervalMs: 200, ...MEDIUM_LOAD });
    // The picture (timeline, loop delay) at the top of the view, the row of charts under it: what a speaker shows.
    await page.evaluate(`document.querySelector('[data-testid="picture"]').scrollIntoView({ block: 'start' })`);
    if (!options.json) console.log(formatMinuteTable([]).split('\n').slice(0, 2).join('\n'));
    const t0 = Date.now();
    await page.evaluate('window.__uiPerf.reset()');
    let cpuBefore = chromiumCpuMs();
    let ticksBefore = client.ticks;
    for (let minute = 1; minute <= options.minutes; minute++) {
      const strategy = STRATEGIES[(minute - 1) % STRATEGIES.length];
      await sleep(Math.max(0, t0 + minute * MINUTE_MS - Date.now()));
      // Frames first, then the GC: the GC's pause lands in the next minute's frames, one in each minute alike.
      const frames = (await page.evaluate('window.__uiPerf.snapshot()')) as PageSample;
      await page.evaluate('window.__uiPerf.reset()');
      const cpuNow = chromiumCpuMs();
      const rows = (await page.evaluate(LIVE_ROWS)) as number;
      const cell = summarise('', 'medium', UNITS, rows, frames, cpuNow > cpuBefore ? (cpuNow - cpuBefore) / (MINUTE_MS / 1000) : null);
      const memory = await pageMemory(cdp);
      const sample: MinuteSample = {
        minute,
        strategy,
        rows,
        ticks: frames.ticks,
        ...memory,
        frameP50: cell.frameP50,
        frameP95: cell.frameP95,
        longFrames: cell.longFrames,
        cpuMsPerS: cell.cpuMsPerS,
        loadAvg: loadavg()[0] as number,
      };
      samples.push(sample);
      for (const pid of descendants(process.pid)) ours.note(pid);
      cpuBefore = cpuNow;
      if (!options.json) console.log(formatMinuteTable([sample]).split('\n')[2]);
      else progress(`  minute ${minute}: ${strategy}, heap ${((sample.heapBytes ?? 0) / 1_048_576).toFixed(1)} MiB, ${sample.domNodes} nodes`);
      if (client.ticks === ticksBefore) throw new Error(`no tick reached this process during minute ${minute}: the lab stopped sending`);
      ticksBefore = client.ticks;
      if (minute < options.minutes) await client.send('configure', { strategy: STRATEGIES[minute % STRATEGIES.length] });
    }
  } finally {
    const ok = report(await close());
    process.exitCode = ok ? 0 : 1;
  }
  return process.exitCode ?? 0;
}

main(parseOptions()).catch((error: unknown) => {
  process.stderr.write(`soak:ui failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
