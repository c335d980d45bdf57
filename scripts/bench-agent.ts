/**
 * What the attach agent costs the app it watches (README, "Attach to your app": at most 2 % of HTTP throughput).
 * Two copies of the same app run side by side, one started with the agent preloaded as the lab starts it
 * (NODE_OPTIONS=--import=<agent>, the run's port, token and interval in its environment; its reports read,
 * checked and parsed by the lab's own AgentServer in this process) and one without; a closed loop of HTTP requests (undici) loads
 * them in turn, in windows alternating between the two, and each pair of neighbouring windows gives a ratio
 * (bench-ratio.ts). Two figures, each against the 2 %:
 *  - requests/s, the budget's own figure. On a 2-core machine the load generator shares the cores with the app
 *    and at these rates may well be the bottleneck, and then requests/s shows only part of the agent's cost;
 *  - the app's CPU time per answered request (every thread of every process of it, from /proc's schedstat),
 *    which shows all of it whoever the bottleneck is.
 *
 * Why two apps loaded in turn, not one app restarted per window with and without: a restarted app starts cold
 * (JIT, connections, heap growing) and a window would measure its warm-up more than the agent, unless each were
 * many seconds longer; two apps started once are warmed alike and then stay as they are, so neighbouring
 * windows differ in the agent and the copy only, and the alternation (a b, b a) cancels the copy's part. What
 * is left: while the other copy is loaded, the idle one with the agent still samples and reports every interval
 * (tens of µs of CPU per thread per interval), taken from the window without it. That flatters the agent's
 * requests/s by as much; its CPU per request counts the loaded copy only and is free of it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpuNs, groupPids, killGroup, trackGroup, untrackGroup } from './process-groups';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'undici';
import { alternate, pairedRatio } from './bench-ratio';
import { AGENT_PATH, withAgent as withAgentFlag } from '../electron/engine/attach/agent-path';
import type { AgentHello } from '../electron/engine/attach/agent-protocol';
import { AgentServer, type AgentSink } from '../electron/engine/attach/agent-server';
import { ATTACH_ENV } from '../shared/attach';
/** The repository's root: the bench runs from out/scripts, the example stays in the sources. */
const root = join(__dirname, '..', '..');

/** What the agent may cost: at most 2 % of requests/s. */
export const AGENT_AIM = 0.98;
/** Requests in flight at once, one per connection: enough to keep either app's loops busy. */
const CONNECTIONS = 16;
/** Longest an app may take to listen, and its agent to say hello from every process. */
const START_TIMEOUT_MS = 60_000;
/** Between SIGTERM to an app's group and SIGKILL. */
const STOP_GRACE_MS = 10_000;

export interface AgentOverheadOptions {
  pairs: number;
  windowMs: number;
  /** Load on the next copy before its window is counted: the other copy's last requests drain meanwhile. */
  settleMs: number;
  /** Unmeasured load on each copy before the pairs, for the JIT. */
  warmupMs: number;
  /** The agent's report interval (the run's). */
  intervalMs: number;
}

/** An app the bench loads: one process group, its origin, its connections, and what its requests came to. */
interface App {
  label: string;
  child: ChildProcess;
  pgid: number;
  origin: string;
  path: string;
  /** One per request in flight (CONNECTIONS), opened by {@link connect}. */
  clients: Client[];
  /** How many of the connections each process serves (by the pid its first answer names). */
  split: Map<string, number>;
  completed: number;
  failed: number;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + START_TIMEOUT_MS;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`agent overhead: no ${what} within ${START_TIMEOUT_MS / 1000} s`);
    await sleep(50);
  }
}

/** What the lab side heard: which threads said hello (`pid:threadId`), and how many reports it took. */
class Tally implements AgentSink {
  readonly hellos = new Set<string>();
  reports = 0;
  hello(_connection: number, hello: AgentHello): void {
    this.hellos.add(`${hello.pid}:${hello.threadId}`);
  }
  report(): void {
    this.reports++;
  }
  closed(): void {}
}

/** The lab's side of the agent, as an attached run has it. */
interface Lab {
  server: AgentServer;
  port: number;
  tally: Tally;
}

/**
 * Starts `file` with node in its own process group, on a free port, with the agent preloaded or not, and waits
 * for its "listening on" line. Both copies get the run's environment; only the preload differs.
 */
async function startApp(label: string, file: string, withAgent: boolean, lab: Lab, intervalMs: number): Promise<App> {
  const { NODE_TEST_CONTEXT: _runner, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, PORT: '0', [ATTACH_ENV.port]: String(lab.port), [ATTACH_ENV.token]: lab.server.token, [ATTACH_ENV.intervalMs]: String(intervalMs) };
  if (withAgent) env.NODE_OPTIONS = withAgentFlag(inherited.NODE_OPTIONS, AGENT_PATH);
  const child = spawn(process.execPath, [file], { env, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.pid === undefined) throw new Error(`agent overhead: could not start ${file}`);
  trackGroup(child.pid);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await waitFor(() => /listening on http:\S+/.test(output) || child.exitCode !== null, `"listening on" line from ${file}`);
  const origin = /listening on (http:\/\/[^\s/]+)/.exec(output)?.[1];
  if (!origin) throw new Error(`agent overhead: ${file} ended before it listened (${output.trim() || 'no output'})`);
  return { label, child, pgid: child.pid, origin, path: '/', clients: [], split: new Map(), completed: 0, failed: 0 };
}

/**
 * Opens the app's CONNECTIONS connections one after the other, each answered before the next opens. A cluster's
 * primary deals a new connection to a worker that is not busy taking the last one, so connections opened in a
 * burst under load (what a pool of undici's does) split unevenly and differently for each copy (2 730 and 12 027
 * requests for two workers, measured); opened one by one, to idle workers, they alternate, the same for both.
 * Just before the load: an app closes a connection idle for 5 s (node:http's keepAliveTimeout), and its
 * replacement would be dealt under load.
 */
async function connect(app: App): Promise<void> {
  for (let i = 0; i < CONNECTIONS; i++) {
    const client = new Client(app.origin, { pipelining: 1, keepAliveTimeout: 60_000 });
    app.clients.push(client);
    const response = await client.request({ method: 'GET', path: app.path });
    const pid = /"pid":(\d+)/.exec(await response.body.text())?.[1] ?? 'unknown';
    app.split.set(pid, (app.split.get(pid) ?? 0) + 1);
  }
}

async function stopApp(app: App): Promise<void> {
  await Promise.all(app.clients.map((client) => client.close().catch(() => undefined)));
  const exited = app.child.exitCode !== null || app.child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => app.child.once('exit', () => resolve()));
  killGroup(app.pgid, 'SIGTERM');
  const killer = setTimeout(() => killGroup(app.pgid, 'SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(killer);
  // The primary gone, a worker of a cluster may still be ending.
  killGroup(app.pgid, 'SIGKILL');
  untrackGroup(app.pgid);
}

/** CONNECTIONS requests in flight at all times, each sent again as soon as it is answered, to whichever app is the target. */
class ClosedLoop {
  target: App | null = null;
  private running = true;
  private readonly loops: Promise<void>[] = [];

  constructor() {
    for (let i = 0; i < CONNECTIONS; i++) this.loops.push(this.loop(i));
  }

  /** Sends request after request on connection `index` of the target. */
  private async loop(index: number): Promise<void> {
    while (this.running) {
      const app = this.target;
      if (app === null) {
        await sleep(10);
        continue;
      }
      try {
        const response = await app.clients[index].request({ method: 'GET', path: app.path });
        await response.body.dump();
        if (response.statusCode === 200) app.completed++;
        else app.failed++;
      } catch {
        app.failed++;
        await sleep(10);
      }
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

interface Window {
  perSecond: number;
  /** The app's CPU time (every thread of every process) per answered request, in µs. */
  cpuUsPerRequest: number;
}

/** Loads `app` alone for settle + window and returns what the window counted. */
async function measure(load: ClosedLoop, app: App, pids: number[], options: AgentOverheadOptions): Promise<Window> {
  load.target = app;
  await sleep(options.settleMs);
  const before = app.completed;
  const cpuBefore = cpuNs(pids);
  const t0 = performance.now();
  await sleep(options.windowMs);
  const answered = app.completed - before;
  const cpu = cpuNs(pids) - cpuBefore;
  const elapsed = performance.now() - t0;
  return { perSecond: (answered * 1000) / elapsed, cpuUsPerRequest: answered > 0 ? cpu / 1000 / answered : Number.NaN };
}

/** The agent's reports so far from the processes of `pgid`: which of its pids said hello, and from how many threads. */
function heardFrom(lab: Lab, pids: number[]): { processes: number; threads: number } {
  const ofApp = [...lab.tally.hellos].filter((key) => pids.includes(Number(key.split(':')[0])));
  return { processes: new Set(ofApp.map((key) => key.split(':')[0])).size, threads: ofApp.length };
}

/** "8/8": how the connections fell on the app's processes. */
const splitText = (app: App) => [...app.split.values()].join('/');
const line = (label: string, text: string) => console.log(`${label.padEnd(36)} ${text}`);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** One app, with and without the agent: its pairs, checked and reported. */
async function overheadOf(label: string, file: string, lab: Lab, options: AgentOverheadOptions): Promise<void> {
  const withAgent = await startApp(`${label} with the agent`, file, true, lab, options.intervalMs);
  const without = await startApp(`${label} without`, file, false, lab, options.intervalMs);
  const load = new ClosedLoop();
  try {
    const pidsWith = groupPids(withAgent.pgid);
    const pidsWithout = groupPids(without.pgid);
    // Every process of the copy with the agent reports; none of the other one does (else the pairs compare nothing).
    await waitFor(() => heardFrom(lab, pidsWith).processes === pidsWith.length, `hello from each of the ${pidsWith.length} process(es) of ${label} with the agent`);
    await connect(withAgent);
    await connect(without);
    await alternate(
      1,
      () => measure(load, withAgent, pidsWith, { ...options, settleMs: 0, windowMs: options.warmupMs }),
      () => measure(load, without, pidsWithout, { ...options, settleMs: 0, windowMs: options.warmupMs }),
    );
    const reportsBefore = lab.tally.reports;
    const { a: on, b: off } = await alternate(
      options.pairs,
      () => measure(load, withAgent, pidsWith, options),
      () => measure(load, without, pidsWithout, options),
    );
    load.target = null;
    const heard = heardFrom(lab, pidsWith);
    if (heardFrom(lab, pidsWithout).threads > 0) throw new Error(`agent overhead: the copy of ${label} without the agent reported to the lab`);
    const failed = withAgent.failed + without.failed;
    const r = pairedRatio(
      on.map((w) => w.perSecond),
      off.map((w) => w.perSecond),
      AGENT_AIM,
    );
    // Less CPU per request is better: without/with against the same aim is "at most 2 % more CPU per request".
    const cpu = pairedRatio(
      off.map((w) => w.cpuUsPerRequest),
      on.map((w) => w.cpuUsPerRequest),
      AGENT_AIM,
    );
    const percent = (withoutOverWith: number) => {
      const more = 1 / withoutOverWith - 1;
      return `${more >= 0 ? '+' : ''}${(more * 100).toFixed(1)} %`;
    };
    line(
      `   ${label}`,
      `with/without ${r.ratio.toFixed(3)} (95 % ${r.low.toFixed(3)}..${r.high.toFixed(3)}) ${r.verdict}   mean ${r.mean.toFixed(3)}   ` +
        `with ${mean(on.map((w) => w.perSecond)).toFixed(0)} req/s, without ${mean(off.map((w) => w.perSecond)).toFixed(0)} req/s`,
    );
    line(
      '',
      `CPU per request ${percent(cpu.ratio)} (95 % ${percent(cpu.high)}..${percent(cpu.low)}) ${cpu.verdict}: with ${mean(on.map((w) => w.cpuUsPerRequest)).toFixed(1)} µs, without ${mean(off.map((w) => w.cpuUsPerRequest)).toFixed(1)} µs` +
        `; agent: ${heard.processes} process(es), ${heard.threads} thread(s), ${lab.tally.reports - reportsBefore} reports read` +
        `; connections per process ${splitText(withAgent)} and ${splitText(without)}${failed > 0 ? `; ${failed} requests failed` : ''}`,
    );
  } finally {
    await load.stop();
    await Promise.all([stopApp(withAgent), stopApp(without)]);
  }
}

/** The agent's overhead on a one-process node:http server and on the cluster example (examples/attach/). */
export async function agentOverhead(options: AgentOverheadOptions): Promise<void> {
  console.log(
    `\n5. agent overhead: GET / under a closed loop of ${CONNECTIONS} connections (undici), ${options.pairs} pairs of ${options.windowMs / 1000} s windows alternating between two copies ` +
      `of the app, one with the agent (reporting every ${options.intervalMs} ms to the lab's agent server) and one without; ` +
      `requests/s with/without (Hodges-Lehmann, 95 % interval, Wilcoxon), aim >= ${AGENT_AIM}; the app's CPU per request (all its threads), aim <= +${((1 / AGENT_AIM - 1) * 100).toFixed(1)} %`,
  );
  if (!existsSync(AGENT_PATH)) {
    line('   skipped', `the agent is not built (${AGENT_PATH})`);
    return;
  }
  const tally = new Tally();
  const server = new AgentServer(tally);
  const lab: Lab = { server, port: await server.listen(), tally };
  try {
    await overheadOf('one process (node:http)', join(__dirname, 'bench-agent-server.js'), lab, options);
    await overheadOf('cluster example (2 workers)', join(root, 'examples', 'attach', 'server.mjs'), lab, options);
    // The agent's own lines refused (a report the lab cannot read) would mean it did less than its whole work.
    if (server.refused > 0) line('', `${server.refused} connection(s) refused by the lab's agent server: the agent's reports do not read`);
  } finally {
    await server.close();
  }
}
