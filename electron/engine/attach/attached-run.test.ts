import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, it } from 'node:test';
import type { LabEvent, RunStateEvent, Summary, Tick } from '../../../shared/messages';
import { LabEngine } from '../lab-engine';
import { alive, descendants, invariantHolds, record, waitFor } from '../testing/harness';
import { assertNothingLeft } from '../testing/leak-check';
import type { AttachOptions } from './attached-run';
import { PROC_AVAILABLE, readStat } from './proc-scan';
import { fixture, LAB_AGENT } from './testing/fixtures';

after(() => assertNothingLeft());

/** The agent the tests preload: the lab's own. */
const AGENT = LAB_AGENT;

/** An engine attached to `command`, with the app's output lines kept. */
async function attached(command: string[], options: AttachOptions = {}) {
  const engine = new LabEngine();
  const rec = record(engine);
  const lines: string[] = [];
  await engine.configure({ intervalMs: 100 });
  const result = await engine.attach({ command }, { agentPath: AGENT, output: { to: 'lines', line: (_stream, text) => lines.push(text) }, ...options });
  assert.ok(result.ok, JSON.stringify(result));
  return { engine, rec, lines };
}

const events = <E extends LabEvent['event']>(list: LabEvent[], event: E) => list.filter((e): e is Extract<LabEvent, { event: E }> => e.event === event);
const lastTick = (ticks: Tick[]) => ticks.at(-1) as Tick;

/** Whether `pid` runs: a zombie (ended, its new parent not yet reaping it) does not. */
function running(pid: number): boolean {
  if (!PROC_AVAILABLE) return alive(pid);
  const stat = readStat(pid);
  return stat !== null && stat.state !== 'Z';
}

/** Sends `count` requests to the app, one after another. */
async function requests(port: number, count: number): Promise<void> {
  for (let i = 0; i < count; i++) assert.equal(await (await fetch(`http://127.0.0.1:${port}/`)).text(), 'ok');
}

describe('an attached run of a cluster app', () => {
  it('shows its processes and threads, counts its HTTP, follows a worker that exits, and ends with the exit code of its first process', async () => {
    const { engine, rec, lines } = await attached([process.execPath, fixture('cluster-app')]);
    try {
      assert.ok(engine.getState().ok);
      const state = engine.getState();
      assert.ok(state.ok && state.running && state.attached?.command[1] === fixture('cluster-app'));
      const started = rec.events.filter((e): e is RunStateEvent => e.event === 'run-started');
      assert.equal(started.length, 1);
      assert.deepEqual(started[0].attached?.command, [process.execPath, fixture('cluster-app')]);

      // Two cluster workers (processes), a file worker thread in each, the primary's eval worker.
      await waitFor(() => events(rec.events, 'unit-started').length >= 5, 30_000, 'five units started');
      await waitFor(() => lines.some((line) => line.startsWith('listening ')), 30_000, 'the app listening');
      const port = Number(lines.find((line) => line.startsWith('listening '))?.split(' ')[1]);
      const units = events(rec.events, 'unit-started');
      assert.equal(units.filter((u) => u.kind === 'process').length, 2);
      assert.equal(units.filter((u) => u.kind === 'thread').length, 3);
      assert.ok(units.every((u) => u.strategy === 'attached' && u.generation === 1));
      await waitFor(() => rec.ticks.length > 0, 30_000, 'a tick');
      const rootPid = lastTick(rec.ticks).host.pid;
      assert.equal(units.filter((u) => u.kind === 'thread' && u.pid === rootPid).length, 1, "the primary's eval worker, seen by its parent");

      await requests(port, 20);
      await waitFor(() => (rec.ticks.at(-1)?.jobs.completed ?? 0) >= 20, 30_000, 'the 20 requests counted');
      const tick = lastTick(rec.ticks);
      assert.equal(tick.strategy, 'attached');
      assert.ok(tick.app, 'an attached tick has app');
      assert.equal(tick.app.processes.length, 3);
      assert.equal(tick.app.processes.filter((p) => p.root).length, 1);
      assert.ok(tick.app.processes.every((p) => p.agent));
      assert.ok(tick.host.heapUsed !== null && tick.host.elu !== null, "the host's figures from the primary's agent");
      assert.ok(rec.ticks.some((t) => t.app?.http !== null && (t.app?.http?.finished['2xx'] ?? 0) > 0), 'responses in the HTTP figures');
      const threadRows = tick.units.filter((u) => u.kind === 'thread');
      assert.ok(threadRows.every((u) => u.rss === null), 'a thread shares its process memory');
      const evalRow = threadRows.find((u) => u.pid === rootPid);
      assert.ok(evalRow && evalRow.eld === null && evalRow.busy === null, 'an eval worker has its utilisation only');

      // SIGUSR2: the first cluster worker exits with code 0.
      const before = events(rec.events, 'unit-exited').length;
      process.kill(rootPid, 'SIGUSR2');
      await waitFor(() => events(rec.events, 'unit-exited').filter((e) => e.kind === 'process').length === 1, 30_000, "the worker's exit");
      const exited = events(rec.events, 'unit-exited').slice(before);
      const processExit = exited.find((e) => e.kind === 'process');
      assert.ok(processExit && processExit.cause === 'done' && processExit.voluntary, JSON.stringify(processExit));
      assert.ok(processExit.code === 0 || processExit.code === null, 'its code when the scan saw it, else none');
      assert.ok(exited.some((e) => e.kind === 'thread' && e.pid === processExit.pid), 'its thread ended with it');
      await waitFor(() => rec.ticks.at(-1)?.units.every((u) => u.pid !== processExit.pid) === true, 30_000, 'its rows gone after its last one');

      // SIGHUP: the primary exits with code 3, and the run ends with it.
      process.kill(rootPid, 'SIGHUP');
      await waitFor(() => rec.summaries.length === 1, 30_000, 'the summary');
      const appExited = events(rec.events, 'app-exited');
      assert.equal(appExited.length, 1);
      assert.equal(appExited[0].code, 3);
      assert.equal(appExited[0].byLab, false);
      assert.equal(appExited[0].pid, rootPid);
      assert.match(appExited[0].detail, /code 3/);
      const order = rec.events.map((e) => e.event).filter((e) => e === 'app-exited' || e === 'run-stopped');
      assert.deepEqual(order, ['app-exited', 'run-stopped']);
      const summary = rec.summaries[0] as Summary;
      assert.ok(summary.attached);
      assert.equal(summary.attached.exit?.code, 3);
      assert.equal(summary.attached.processesSeen, 3);
      assert.equal(summary.attached.threadsSeen, 3);
      assert.equal(summary.attached.refused, 0);
      assert.ok((summary.attached.http?.finished['2xx'] ?? 0) >= 20);
      assert.ok(summary.jobs.completed >= 20 && invariantHolds(summary.jobs));
      assert.equal(summary.unitsAlive, 0);
      assert.equal(summary.unitsStarted, summary.unitsExited);
      assert.ok(rec.ticks.every((t) => invariantHolds(t.jobs)), 'the invariant in every tick');
      assert.ok(rec.ticks.every((t) => t.app !== undefined && t.strategy === 'attached'));
      const after = engine.getState();
      assert.ok(after.ok && !after.running && after.attached === undefined);
      assert.deepEqual(descendants(process.pid), []);
    } finally {
      await engine.dispose();
    }
  });
});

describe('Stop', () => {
  it('ends the whole group, SIGKILL for what ignores SIGTERM, and shows a non-Node child from /proc meanwhile', async () => {
    const { engine, rec, lines } = await attached([process.execPath, fixture('stubborn-app')], { stopGraceMs: 1_000 });
    try {
      await waitFor(() => lines.some((line) => line.startsWith('children ')), 30_000, 'the children');
      const pids = (lines.find((line) => line.startsWith('children ')) as string).split(' ').slice(1).map(Number);
      const sleepPid = pids[2];
      if (PROC_AVAILABLE) {
        await waitFor(() => rec.ticks.at(-1)?.units.some((u) => u.pid === sleepPid) === true, 30_000, 'the sleep shown');
        const row = lastTick(rec.ticks).units.find((u) => u.pid === sleepPid);
        assert.ok(row && row.kind === 'process' && row.threadId === null);
        assert.equal(row.eld, null);
        assert.equal(row.elu, null);
        assert.equal(row.heapUsed, null);
        assert.ok(row.rss !== null && row.rss > 0, 'its memory from /proc');
        const processRow = lastTick(rec.ticks).app?.processes.find((p) => p.pid === sleepPid);
        assert.ok(processRow && !processRow.agent && processRow.command === 'sleep 120');
      }
      await waitFor(() => events(rec.events, 'unit-started').filter((u) => u.kind === 'process').length >= 2, 30_000, 'the Node children');
      await waitFor(() => rec.ticks.length > 0, 30_000, 'a tick');
      const root = lastTick(rec.ticks).host.pid;

      const stopped = await engine.stop();
      assert.ok(stopped.ok && !stopped.running);
      const exit = events(rec.events, 'app-exited')[0];
      assert.ok(exit && exit.byLab && exit.signal === 'SIGKILL', JSON.stringify(exit));
      assert.match(exit.detail, /SIGKILL/);
      const summary = rec.summaries[0] as Summary;
      assert.equal(summary.unitsAlive, 0);
      assert.equal(summary.attached?.exit?.byLab, true);
      assert.ok(events(rec.events, 'unit-exited').every((e) => e.cause === 'stop'), 'every unit ended by the Stop');
      for (const pid of [root, ...pids]) assert.equal(running(pid), false, `pid ${pid} of the app is gone`);
      assert.deepEqual(descendants(process.pid), []);
    } finally {
      await engine.dispose();
    }
  });

  it('an app whose first process is no Node process: the host has no loop figures, its Node child is a unit', async () => {
    const { engine, rec } = await attached(['sh', '-c', `"${process.execPath}" -e "setInterval(() => {}, 1000)"; exit 0`]);
    try {
      await waitFor(() => events(rec.events, 'unit-started').length === 1 && rec.ticks.length > 2, 30_000, 'the Node child');
      const tick = lastTick(rec.ticks);
      assert.equal(tick.host.eld, null);
      assert.equal(tick.host.heapUsed, null);
      assert.equal(tick.host.busy, null);
      assert.equal(tick.app?.processes.find((p) => p.root)?.agent, false);
      assert.ok(tick.app?.processes.some((p) => !p.root && p.agent));
      await engine.stop();
      assert.equal(rec.summaries[0]?.unitsAlive, 0);
    } finally {
      await engine.dispose();
    }
  });
});

describe('threads whose loop stops turning', () => {
  it('tells a thread parked in Atomics.wait (idle, by its CPU) from one held by a task (blocked, busy)', { skip: !PROC_AVAILABLE && 'needs /proc for the threads\' CPU' }, async () => {
    const { engine, rec, lines } = await attached([process.execPath, fixture('parked-app')]);
    try {
      await waitFor(() => lines.includes('ready'), 30_000, 'both threads stopped turning');
      const from = rec.ticks.length;
      const rowsOf = (threadId: number) => rec.ticks.slice(from).flatMap((tick) => tick.units.filter((u) => u.kind === 'thread' && u.threadId === threadId));
      // Silent for two intervals, each is told by its CPU in /proc.
      const spinningBusy = () => rowsOf(2).find((u) => u.blocked === true && (u.cpu ?? 0) > 0 && (u.busy ?? []).some((share) => share > 0));
      await waitFor(() => rowsOf(1).filter((u) => u.cpu !== null).length >= 5 && spinningBusy() !== undefined, 30_000, 'the silent threads told by /proc');
      const parked = rowsOf(1).slice(-3);
      for (const row of parked) {
        assert.equal(row.blocked, undefined, 'parked is not blocked: it runs nothing');
        assert.equal(row.state, 'idle');
        assert.ok(row.cpu !== null && row.cpu < 0.2, `parked costs no CPU (${row.cpu})`);
        assert.ok(row.busy !== null, 'its timeline lane is told (idle), not left blank');
      }
      assert.equal(spinningBusy()?.state, 'busy', 'the spinning one is blocked and busy');
    } finally {
      await engine.dispose();
    }
  });
});

describe('a lab that dies', () => {
  it('leaves the app running: the agent drops its reports and the app goes on', async () => {
    const lab = spawn(process.execPath, [fixture('lab-process'), process.execPath, fixture('cluster-app')], { env: { ...process.env, FIXTURE_AGENT: AGENT }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    lab.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const labEnded = new Promise((resolve) => lab.once('exit', resolve));
    let rootPid: number | null = null;
    try {
      await waitFor(() => /attached \d+/.test(out), 30_000, 'the lab attached');
      rootPid = Number(/attached (\d+)/.exec(out)?.[1]);
      assert.ok(running(rootPid));
      lab.kill('SIGKILL');
      await labEnded;
      // Long enough for the agent to have lost its connection and tried to report a few times over it.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      assert.ok(running(rootPid), 'the app is still running after the lab died');
    } finally {
      if (lab.exitCode === null && lab.signalCode === null) lab.kill('SIGKILL');
      if (rootPid !== null && running(rootPid)) process.kill(-rootPid, 'SIGKILL');
    }
    if (rootPid !== null) await waitFor(() => !running(rootPid as number), 10_000, 'the app cleaned up');
  });
});
