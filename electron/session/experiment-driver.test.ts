import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { EXPERIMENTS } from '../../shared/experiments/catalog';
import type { CommandResult } from '../../shared/lab-api';
import type { ExperimentStartedEvent, LabEvent, LabMessage } from '../../shared/messages';
import { defaultConfig } from '../../shared/run-config';
import { LabSession } from './lab-session';
import { ExperimentDriver, type DriverEngine } from './experiment-driver';
import type { AnnouncedEvent } from '../engine/lab-engine';
import { LabEngine } from '../engine/lab-engine';
import { waitFor } from '../engine/testing/harness';

const MACHINE = { cores: 2, cpuModel: 'test cpu', node: 'v20.0.0' };
const IDS = EXPERIMENTS.map((e) => e.id).join(', ');

/** An engine that records the commands a driver gives it and answers like the real one. */
class FakeEngine implements DriverEngine {
  readonly calls: string[] = [];
  readonly announced: AnnouncedEvent[] = [];
  running = false;
  private readonly listeners = new Set<(message: LabMessage) => void>();
  private answer(): CommandResult {
    return { ok: true, config: defaultConfig(), running: this.running };
  }
  start = async (patch?: unknown) => {
    this.calls.push(`start ${JSON.stringify(patch)}`);
    this.running = true;
    return this.answer();
  };
  stop = async () => {
    if (this.running) this.calls.push('stop');
    this.running = false;
    this.emit({ type: 'event', t: 0, event: 'run-stopped', config: defaultConfig() });
    return this.answer();
  };
  configure = async (patch: unknown) => {
    this.calls.push(`configure ${JSON.stringify(patch)}`);
    return this.answer();
  };
  getState = () => this.answer();
  crash = async () => {
    this.calls.push('crash');
    return this.answer();
  };
  onMessage = (listener: (message: LabMessage) => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  announce = (body: AnnouncedEvent) => void this.announced.push(body);
  /** Each call to checkHealthOften: on or off, after which command. */
  healthOften: string[] = [];
  checkHealthOften = (on = true) => void this.healthOften.push(`${on ? 'often' : 'usual'} after ${this.calls.at(-1) ?? 'nothing'}`);
  giveBack = async (_config: unknown, after: string) => {
    this.calls.push(`give back after ${after}`);
    return this.answer();
  };
  emit(message: LabEvent): void {
    for (const listener of [...this.listeners]) listener(message);
  }
}

/** Lets the driver's awaits run (the fake engine answers at once). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('experiment driver (plan on a fake clock)', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('starts with the experiment settings on top of the defaults, follows its plan and stops at its end', async () => {
    const engine = new FakeEngine();
    const driver = new ExperimentDriver(engine, () => MACHINE);
    const result = await driver.run({ id: 'main-thread-blocks' });
    assert.equal(result.ok, true);
    const start = JSON.parse(engine.calls[0]!.slice('start '.length)) as Record<string, unknown>;
    assert.equal(start.strategy, 'main-thread');
    assert.equal(start.size, 34);
    assert.equal(start.fault, 'none', 'a setting left from an earlier run is reset to its default');
    assert.deepEqual(engine.announced, [
      {
        event: 'experiment-started',
        id: 'main-thread-blocks',
        segments: [
          { id: 'main', label: 'main thread', startMs: 0, endMs: 6000 },
          { id: 'pool', label: 'worker pool', startMs: 6000, endMs: 12000 },
        ],
        endMs: 12000,
        machine: MACHINE,
      },
    ]);
    mock.timers.tick(6000);
    await settle();
    assert.deepEqual(engine.calls.slice(1), ['configure {"strategy":"worker-pool"}']);
    mock.timers.tick(6000);
    await settle();
    assert.deepEqual(engine.calls.slice(1), ['configure {"strategy":"worker-pool"}', 'stop', 'give back after experiment main-thread-blocks']);
    assert.equal(driver.active, false);
  });

  it('asks for frequent health checks, once its run started, only for an experiment that shows or judges the checks', async () => {
    const engine = new FakeEngine();
    const driver = new ExperimentDriver(engine, () => MACHINE);
    await driver.run({ id: 'exec-vs-spawn-output' });
    assert.ok(!engine.healthOften.some((call) => call.startsWith('often')), engine.healthOften.join('; '));
    engine.healthOften.length = 0;
    await driver.run({ id: 'main-thread-blocks' });
    assert.equal(engine.healthOften.length, 2, engine.healthOften.join('; '));
    assert.match(engine.healthOften[1]!, /^often after start .*"strategy":"main-thread"/, 'asked after the run started, not before');
  });

  it('a run the user takes over (the driver cancelled, the run going on) goes back to the usual health check pace', async () => {
    const engine = new FakeEngine();
    const driver = new ExperimentDriver(engine, () => MACHINE);
    await driver.run({ id: 'main-thread-blocks' });
    engine.healthOften.length = 0;
    driver.cancel();
    assert.deepEqual(engine.healthOften, ['usual after start ' + engine.calls[0]!.slice('start '.length)]);
  });

  it('a stop from anywhere cancels the rest of the plan and the stop at the end', async () => {
    const engine = new FakeEngine();
    const driver = new ExperimentDriver(engine, () => MACHINE);
    await driver.run({ id: 'main-thread-blocks' });
    assert.equal(driver.active, true);
    await engine.stop();
    assert.equal(driver.active, false);
    mock.timers.tick(20_000);
    await settle();
    assert.deepEqual(engine.calls.slice(1), ['stop', 'give back after experiment main-thread-blocks'], "no step of the plan ran after the stop; the user's settings came back");
  });

  it('another experiment replaces the first one, whose plan never acts on the new run', async () => {
    const engine = new FakeEngine();
    const driver = new ExperimentDriver(engine, () => MACHINE);
    await driver.run({ id: 'main-thread-blocks' });
    await driver.run({ id: 'exec-vs-spawn-output' });
    mock.timers.tick(5000);
    await settle();
    const lastStart = engine.calls.map((c) => c.startsWith('start')).lastIndexOf(true);
    const afterStart = engine.calls.slice(lastStart + 1);
    assert.deepEqual(afterStart, ['configure {"childMode":"spawn"}']);
    assert.deepEqual(
      engine.announced.map((e) => e.event === 'experiment-started' && e.id),
      ['main-thread-blocks', 'exec-vs-spawn-output'],
    );
  });

  it('a stop that arrives while the experiment is being set up wins: no run, no plan', async () => {
    const engine = new FakeEngine();
    const driver = new ExperimentDriver(engine, () => MACHINE);
    const running = driver.run({ id: 'main-thread-blocks' });
    driver.cancel();
    assert.equal((await running).ok, true);
    mock.timers.tick(20_000);
    await settle();
    assert.deepEqual(engine.calls, []);
    assert.deepEqual(engine.announced, []);
    assert.equal(driver.active, false);
  });

  it('an unknown id is refused with the ids there are, and nothing changes', async () => {
    const engine = new FakeEngine();
    const driver = new ExperimentDriver(engine, () => MACHINE);
    for (const payload of [{ id: 'nope' }, {}, { id: 3 }, undefined]) {
      assert.deepEqual(await driver.run(payload), { ok: false, errors: [{ field: 'id', message: `must be one of ${IDS}` }] });
    }
    assert.deepEqual(await driver.run({ id: 'main-thread-blocks', speed: 2 }), {
      ok: false,
      errors: [{ field: 'speed', message: 'unknown field; experiment takes { id }' }],
    });
    assert.deepEqual(engine.calls, []);
    assert.deepEqual(engine.announced, []);
  });
});

describe('experiment command (real engine)', () => {
  it('runs over the command entry, announces the experiment with the machine, and a stop command cancels it', async () => {
    const engine = new LabEngine();
    const session = new LabSession(engine);
    const events: LabEvent[] = [];
    engine.onMessage((m) => void (m.type === 'event' && events.push(m)));
    try {
      const before = engine.getState();
      const refused = await session.dispatch({ id: 1, command: 'experiment', payload: { id: 'no-such-thing' } });
      assert.deepEqual(refused, { id: 1, result: { ok: false, errors: [{ field: 'id', message: `must be one of ${IDS}` }] } });
      assert.deepEqual(engine.getState(), before, 'a refused experiment changes nothing');

      const { result } = await session.dispatch({ id: 2, command: 'experiment', payload: { id: 'main-thread-blocks' } });
      assert.equal(result.ok && result.running, true);
      assert.equal(result.ok && result.config.strategy, 'main-thread');
      const announced = events.find((e): e is ExperimentStartedEvent => e.event === 'experiment-started');
      assert.ok(announced, 'an experiment-started event was sent');
      assert.equal(announced.id, 'main-thread-blocks');
      assert.ok(announced.machine.cores >= 1 && announced.machine.node === process.version);
      assert.ok(events.findIndex((e) => e.event === 'run-started') < events.indexOf(announced), 'announced within its run');
      assert.equal(session.experiments.active, true);

      const stopped = await session.dispatch({ id: 3, command: 'stop' });
      assert.equal(stopped.result.ok && stopped.result.running, false);
      assert.equal(session.experiments.active, false);
      await waitFor(() => events.some((e) => e.event === 'run-stopped'), 10_000, 'the run to stop');
    } finally {
      await engine.dispose();
    }
  });

  it("gives the user's settings back when the experiment ends, and says so in a config-changed event", async () => {
    const engine = new LabEngine();
    const session = new LabSession(engine);
    const events: LabEvent[] = [];
    engine.onMessage((m) => void (m.type === 'event' && events.push(m)));
    try {
      await session.dispatch({ id: 1, command: 'configure', payload: { strategy: 'worker-pool', workload: 'io-wait', size: 5, rate: 7, poolSize: 3 } });
      const mine = engine.getState();
      await session.dispatch({ id: 2, command: 'experiment', payload: { id: 'main-thread-blocks' } });
      const stopped = await session.dispatch({ id: 3, command: 'stop' });
      assert.deepEqual(engine.getState(), mine, 'the settings from before the experiment');
      assert.deepEqual(stopped.result, mine, 'the stop answers with them');
      const given = events.at(-1);
      assert.equal(given?.event, 'config-changed');
      assert.equal(given.event === 'config-changed' && given.givenBack, 'experiment main-thread-blocks');
      assert.ok(given.event === 'config-changed' && given.changed?.includes('strategy'));
    } finally {
      await engine.dispose();
    }
  });
});
