/**
 * The attached app as the lab knows it: its processes and threads, their latest samples and unreported busy
 * slices, and their lives. Three sources feed it: the agent's connections (one per thread: a hello, then a
 * report every interval), a parent thread's view of the workers it made (how eval workers, which the preload
 * does not reach, are seen at all), and /proc scans (how non-Node children are seen, and how a process is
 * known to be gone). From them it decides, once each, when a unit started and how it ended, and emits those events.
 *
 * Units: the app's first process (the root) is the run's host, not a unit; every other process is a unit of kind
 * `process` (its main thread's figures), every worker thread of any process one of kind `thread`.
 * Lives:
 * - A process with the agent starts at its first hello (its main thread's, or a worker's before it); a process
 *   without one (a shell, Python) once a scan has seen it for {@link NON_NODE_AFTER_MS} with no hello, so a Node
 *   process is not first shown agent-less, nor a child that lived a moment (`git`, `sh -c`) shown at all.
 * - A process ends when /proc no longer has it (or it is a zombie); the root when the lab reaps it. Without
 *   /proc (not Linux) a process ends when its main thread's connection closes.
 * - A worker thread with its own connection ends when that closes; one seen only by its parent when the
 *   parent's report no longer lists it; every thread of a process ends with it.
 * How each ended: exit-facts.ts.
 */
import { performance } from 'node:perf_hooks';
import { ATTACHED } from '../../../shared/attach';
import type { ExitFacts, UnitKind } from '../../../shared/messages';
import type { EventBody } from '../unit-events';
import type { AgentHello, AgentReport } from './agent-protocol';
import type { ProcessEnd } from './app-launch';
import { exitFacts, THREAD_ENDED } from './exit-facts';
import { HttpCounter } from './http-figures';
import { TaskCpu } from './task-cpu';
import { newProcess, newThread, type AppProcess, type AppThread } from './app-parts';
import { PROC_AVAILABLE, type ScanResult } from './proc-scan';

/** How long a process found in /proc must go without a hello before it is shown as a non-Node process, in ms. */
export const NON_NODE_AFTER_MS = 1_000;
/** The generation every unit of an attached run has: it has one, the app's own. */
export const ATTACHED_GENERATION = 1;

/** What the model needs from its run. */
export interface ModelSinks {
  emit(body: EventBody): void;
}

/** Ended worker ids kept per process (the newest): a parent's listing lags an end by one report at most. */
const ENDED_KEPT = 1_024;

export class AppModel {
  private readonly processes = new Map<number, AppProcess>();
  private readonly connections = new Map<number, AppThread>();
  /** Every request of the app: the tick's jobs and the app's HTTP. */
  readonly appHttp = new HttpCounter();
  /** How many times a pid was a process of the app: a reused pid gets a new unit id. */
  private readonly lives = new Map<number, number>();
  private readonly startups: number[] = [];
  readonly counts = { unitsStarted: 0, unitsExited: 0, processesSeen: 0, threadsSeen: 0 };
  /** Set once the lab is ending the app: whatever ends after that, ends by the lab (`stop`). */
  ending = false;

  constructor(
    /** The app's first process: the run's host. */
    readonly rootPid: number,
    private readonly sinks: ModelSinks,
  ) {
    this.process(rootPid);
  }

  /** The root process. */
  get root(): AppProcess {
    return this.processes.get(this.rootPid) as AppProcess;
  }

  /** Every process still listed (the live ones, and the ended ones until their last rows are out). */
  list(): AppProcess[] {
    return [...this.processes.values()];
  }

  /** A connection said a valid hello. */
  hello(connection: number, hello: AgentHello): void {
    const { pid, threadId } = hello;
    const process = this.process(pid);
    if (process.gone) return;
    if (threadId === 0 || !process.agent) {
      process.ppid = hello.ppid;
      if (hello.argv.length > 0) process.command = hello.argv.join(' ');
    }
    process.agent = true;
    const thread = threadId === 0 ? process.main : this.worker(process, threadId);
    if (!thread || thread.exit) return;
    thread.connection = connection;
    thread.helloAt = performance.now();
    if (hello.tid !== undefined) thread.taskCpu = new TaskCpu(pid, hello.tid);
    this.connections.set(connection, thread);
    // From its creation as best the lab knows it: a process's start in /proc, else the agent's start in the thread.
    const now = performance.timeOrigin + performance.now();
    const since = (at: number) => Math.max(0, Math.round(now - at));
    const processBorn = process.proc?.startedAt ?? (threadId === 0 ? hello.startedAt : now);
    if (!process.root && this.startUnit(process.main, 'process', process, since(processBorn))) this.startups.push(since(processBorn));
    if (threadId > 0 && this.startUnit(thread, 'thread', process, since(hello.startedAt))) this.startups.push(since(hello.startedAt));
  }

  /** A report from a connection that said hello. */
  report(connection: number, report: AgentReport): void {
    const thread = this.connections.get(connection);
    if (!thread || thread.exit) return;
    const process = this.processes.get(thread.pid);
    if (!process || process.gone) return;
    const arrivedAt = performance.now();
    // The window the report covers, on the agent's clock; its first: since its hello, as near as the lab knows.
    const windowMs = thread.reportedTo !== null ? report.activity.to - thread.reportedTo : arrivedAt - (thread.sampleAt || thread.helloAt);
    thread.reportedTo = report.activity.to;
    thread.sample = report.sample;
    thread.sampleAt = arrivedAt;
    thread.slices.addActivity(report.activity);
    if (report.http) {
      process.http.add(report.http, thread.unitId, windowMs);
      this.appHttp.add(report.http, thread.unitId, windowMs);
      thread.done += report.http.finished['1xx'] + report.http.finished['2xx'] + report.http.finished['3xx'] + report.http.finished['4xx'];
    }
    this.parentSaw(process, thread, report.workers);
  }

  /** A connection that said hello closed. */
  closed(connection: number): void {
    const thread = this.connections.get(connection);
    this.connections.delete(connection);
    if (!thread || thread.connection !== connection) return;
    thread.connection = null;
    const process = this.processes.get(thread.pid);
    if (!process || process.gone) return;
    if (thread.threadId > 0) this.threadEnded(process, thread, this.ending ? { cause: 'stop', code: null, signal: null } : THREAD_ENDED);
    // Without /proc the closed connection is all the lab learns of the end (the root's end comes from its reaping).
    else if (!PROC_AVAILABLE && !process.root) this.processEnded(process, null);
  }

  /** A /proc scan: new processes, fresh CPU and memory, ends. */
  scanned(result: ScanResult): void {
    const now = performance.now();
    for (const reading of result.alive.values()) {
      const process = this.process(reading.pid);
      if (process.gone) continue;
      process.proc = reading;
      if (!process.agent) {
        process.ppid = reading.ppid;
        process.command = reading.command;
        if (!process.root && now - process.knownAt >= NON_NODE_AFTER_MS) this.startUnit(process.main, 'process', process, Math.max(0, Math.round(performance.timeOrigin + now - reading.startedAt)));
      }
    }
    for (const { pid, exit } of result.ended) {
      const process = this.processes.get(pid);
      if (process && !process.root && !process.gone) this.processEnded(process, exit);
    }
    // Processes the scan did not find alive though the lab heard of them: ended before the lab could see them in /proc.
    if (!PROC_AVAILABLE) return;
    for (const process of this.processes.values()) {
      if (!process.root && !process.gone && process.main.connection === null && !result.alive.has(process.pid)) this.processEnded(process, null);
    }
  }

  /** The root ended (the lab reaped it): its threads end with it. */
  rootEnded(end: ProcessEnd, byLab: boolean): void {
    const root = this.root;
    if (root.gone) return;
    root.end = end;
    root.gone = true;
    const facts = exitFacts(end, byLab);
    for (const thread of root.workers.values()) if (!thread.exit) this.threadEnded(root, thread, facts);
  }

  /**
   * The run is over: every process the final scan did not find alive (`alive`) has ended (by the lab), with its
   * threads. Returns how many units, and processes that were none (the root), are still alive: 0 after a clean end.
   */
  endAll(alive: ReadonlySet<number>): number {
    this.ending = true;
    let left = 0;
    for (const process of this.processes.values()) {
      if (!process.gone && !alive.has(process.pid)) {
        if (process.root) this.rootEnded(process.end ?? { code: null, signal: null }, true);
        else this.processEnded(process, null);
      }
      if (process.gone) continue;
      left += process.main.started || process.root ? 1 : 0;
      for (const thread of process.workers.values()) if (thread.started && !thread.exit) left++;
    }
    return left;
  }

  /** The startup times of the units that said hello since the last call. */
  takeStartups(): number[] {
    return this.startups.splice(0);
  }

  /**
   * Forgets what the last tick showed for the last time: a process ended (with its threads) once its rows and
   * slices are out, and a never-shown one at once.
   */
  prune(isDone: (thread: AppThread) => boolean): void {
    for (const process of this.processes.values()) {
      for (const [id, thread] of process.workers) if (thread.exit && isDone(thread)) process.workers.delete(id);
      if (process.gone && !process.root && process.workers.size === 0 && (!process.main.started || isDone(process.main))) this.processes.delete(process.pid);
    }
  }

  /** Starts the unit of `thread`, once: true when it did now. */
  private startUnit(thread: AppThread, kind: UnitKind, process: AppProcess, startupMs: number): boolean {
    if (thread.started || thread.exit) return false;
    thread.started = true;
    this.counts.unitsStarted++;
    this.sinks.emit({ event: 'unit-started', unitId: thread.unitId, kind, strategy: ATTACHED, pid: process.pid, threadId: kind === 'thread' ? thread.threadId : null, generation: ATTACHED_GENERATION, startupMs });
    return true;
  }

  private endUnit(thread: AppThread, kind: UnitKind, process: AppProcess, facts: ExitFacts): void {
    if (thread.exit) return;
    thread.exit = facts;
    process.http.threadEnded(thread.unitId);
    this.appHttp.threadEnded(thread.unitId);
    if (!thread.started) return;
    this.counts.unitsExited++;
    this.sinks.emit({ event: 'unit-exited', unitId: thread.unitId, kind, strategy: ATTACHED, pid: process.pid, threadId: kind === 'thread' ? thread.threadId : null, generation: ATTACHED_GENERATION, voluntary: facts.cause === 'stop' || facts.cause === 'done', ...facts });
    if (facts.cause === 'crash' || facts.cause === 'external') this.sinks.emit({ event: 'error', message: `${thread.unitId} of the app ${facts.cause === 'crash' ? 'crashed' : 'was killed'}: ${facts.detail}`, source: thread.unitId });
  }

  private processEnded(process: AppProcess, end: ProcessEnd | null): void {
    process.gone = true;
    process.end = end;
    const facts = exitFacts(end, this.ending);
    for (const thread of process.workers.values()) this.threadEnded(process, thread, facts);
    this.endUnit(process.main, 'process', process, facts);
  }

  private threadEnded(process: AppProcess, thread: AppThread, facts: ExitFacts): void {
    process.endedWorkers.add(thread.threadId);
    if (process.endedWorkers.size > ENDED_KEPT) process.endedWorkers.delete(process.endedWorkers.values().next().value as number);
    this.endUnit(thread, 'thread', process, facts);
  }

  /** What a thread's report lists of the workers it made: the ones with no connection of their own live by it. */
  private parentSaw(process: AppProcess, parent: AppThread, workers: AgentReport['workers']): void {
    const listed = new Set<number>();
    for (const { threadId, elu } of workers) {
      listed.add(threadId);
      const thread = this.worker(process, threadId);
      if (!thread) continue;
      thread.parentElu = elu;
      this.startUnit(thread, 'thread', process, 0);
    }
    for (const threadId of parent.listed) {
      const thread = process.workers.get(threadId);
      if (listed.has(threadId) || !thread) continue;
      thread.parentElu = undefined;
      if (thread.connection === null) this.threadEnded(process, thread, this.ending ? { cause: 'stop', code: null, signal: null } : THREAD_ENDED);
    }
    parent.listed = listed;
  }

  /** The process with this pid (a new one when the pid is new, or was a process of the app that ended). */
  private process(pid: number): AppProcess {
    const known = this.processes.get(pid);
    if (known && !(known.gone && !known.root)) return known;
    const life = (this.lives.get(pid) ?? 0) + 1;
    this.lives.set(pid, life);
    const root = pid === this.rootPid && life === 1;
    const unitId = `${ATTACHED}#${ATTACHED_GENERATION}/pid-${pid}${life > 1 ? `~${life}` : ''}`;
    const process = newProcess(pid, root, unitId, performance.now());
    this.processes.set(pid, process);
    this.counts.processesSeen++;
    return process;
  }

  /** The worker thread `threadId` of `process`, made when new; null for one that ended. */
  private worker(process: AppProcess, threadId: number): AppThread | null {
    if (process.endedWorkers.has(threadId)) return null;
    let thread = process.workers.get(threadId);
    if (!thread) {
      thread = newThread(process.pid, threadId, `${process.main.unitId}/thread-${threadId}`);
      process.workers.set(threadId, thread);
      // Made once per process and id: an ended one is never made again.
      this.counts.threadsSeen++;
    }
    return thread;
  }
}
