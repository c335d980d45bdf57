/**
 * The headless lab: `npm run lab -- --strategy worker-pool --workload fib --size 27 --rate 100 --duration 10 --json`.
 * Prints NDJSON (every tick and event, then one summary) with --json, else one short line per second.
 * Exit codes: 0 done, 1 a unit was left alive (should never happen), 2 bad options.
 */
import type { LabMessage, Summary, Tick } from '../../shared/messages';
import { LabEngine } from '../engine/lab-engine';
import { runPlan, type RunningPlan } from '../engine/plan-runner';
import { HELP, parseCli } from './cli-args';

function humanLine(tick: Tick): string {
  const { host, jobs, units } = tick;
  const f = (n: number, digits = 1) => n.toFixed(digits);
  return (
    `${f(tick.t / 1000)}s ${tick.strategy.padEnd(15)} ${tick.workload.padEnd(7)} ` +
    `host eld p99 ${f(host.eld.p99).padStart(6)} ms  elu ${f(host.elu, 2)}  ` +
    `jobs ${f(jobs.throughput, 0).padStart(5)}/s  p99 ${f(jobs.latency.p99).padStart(7)} ms  ` +
    `queued ${String(jobs.queued).padStart(4)}  in flight ${String(jobs.inFlight).padStart(3)}  ` +
    `done ${jobs.completed}  failed ${jobs.failed}  dropped ${jobs.dropped}  units ${units.filter((u) => u.state !== 'exited').length}`
  );
}

function summaryLines(s: Summary): string {
  const failures = Object.entries(s.failures).map(([why, n]) => `\n  ${n} x ${why}`).join('');
  return (
    `\nsummary: ${s.jobs.completed} completed, ${s.jobs.failed} failed, ${s.jobs.dropped} dropped of ${s.jobs.submitted} in ${(s.t / 1000).toFixed(1)} s` +
    ` (${s.throughput.toFixed(1)} jobs/s, latency p50 ${s.latency.p50.toFixed(1)} ms p99 ${s.latency.p99.toFixed(1)} ms)` +
    `\nhost event-loop delay p99 ${s.hostEld.p99.toFixed(1)} ms, max ${s.hostEld.max.toFixed(1)} ms; ` +
    `${s.unitsStarted} units started, ${s.unitsExited} exited, ${s.unitsAlive} alive; ${s.switches} switches${failures}`
  );
}

async function main(): Promise<number> {
  const request = parseCli(process.argv.slice(2));
  if (request.kind === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (request.kind === 'error') {
    process.stderr.write(`${request.message}\n`);
    return 2;
  }

  const engine = new LabEngine();
  let lastHumanAt = -Infinity;
  let summary: Summary | null = null;
  engine.onMessage((message: LabMessage) => {
    if (message.type === 'summary') summary = message;
    if (request.json) {
      process.stdout.write(JSON.stringify(message) + '\n');
    } else if (message.type === 'tick' && message.t - lastHumanAt >= 1000) {
      lastHumanAt = message.t;
      process.stdout.write(humanLine(message) + '\n');
    } else if (message.type === 'event') {
      const text =
        message.event === 'error'
          ? `error (${message.source}): ${message.message}`
          : message.event === 'strategy-switched'
            ? `switched to ${message.to}: first job after ${message.firstReadyMs.toFixed(0)} ms, all ready in ${message.readyMs.toFixed(0)} ms`
            : message.event === 'unit-exited' && !message.voluntary
              ? `${message.kind} ${message.threadId ?? message.pid} ended (${message.cause}${message.detail ? `: ${message.detail}` : ''})`
              : null;
      if (text) process.stdout.write(`  -- ${text}\n`);
    }
  });

  let plan: RunningPlan | null = null;
  let deadline: NodeJS.Timeout | null = null;
  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => (finished = resolve));
  const stop = async () => {
    plan?.cancel();
    if (deadline) clearTimeout(deadline);
    await engine.dispose();
    finished();
  };
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    void stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const started = await engine.start(request.config);
  if (!started.ok) {
    process.stderr.write(started.errors.map((e) => `${e.field}: ${e.message}`).join('\n') + '\n');
    return 2;
  }
  plan = runPlan(engine, request.plan, (step, why) => {
    const what = `${'crash' in step ? 'crash not injected' : 'plan step refused'} at ${step.atS} s: ${why}`;
    if (request.json) process.stdout.write(JSON.stringify({ type: 'event', t: Math.round(step.atS * 1000), event: 'error', message: what, source: 'plan' }) + '\n');
    else process.stdout.write(`  -- ${what}\n`);
  });
  if (request.durationS !== null) deadline = setTimeout(onSignal, request.durationS * 1000);

  await done;
  const final = summary as Summary | null;
  if (final && !request.json) process.stdout.write(summaryLines(final) + '\n');
  return final && final.unitsAlive > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`lab failed: ${error.stack ?? error.message}\n`);
    process.exitCode = 1;
  },
);
