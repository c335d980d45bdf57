/**
 * The headless lab: `npm run lab -- --strategy worker-pool --workload fib --size 27 --rate 100 --duration 10 --json`.
 * Prints NDJSON (every tick and event, then one summary) with --json, else one short line per second.
 * `--experiments` lists the catalog; `--experiment ID` runs one and prints its verdict before the summary.
 * Exit codes: 0 done (whatever a verdict says), 1 a unit was left alive (should never happen), 2 bad options.
 */
import { EXPERIMENTS } from '../../shared/experiments/catalog';
import type { LabMessage, Summary, Tick } from '../../shared/messages';
import type { PlanStep } from '../../shared/plan';
import { HELP, parseCli, type CliRequest } from './cli-args';
import { catalogLine, catalogTable, experimentHeader, verdictBlock, verdictLine } from './experiment-output';
import { runExperiment } from './experiment-run';
import { machineFacts } from './machine-facts';
import { runSession } from './run-session';

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

const out = (text: string) => process.stdout.write(text);

/** Prints ticks and events as they come; the summary is left to the caller, which may print a verdict first. */
function messagePrinter(json: boolean): (message: LabMessage) => void {
  let lastHumanAt = -Infinity;
  return (message) => {
    if (message.type === 'summary') return;
    if (json) {
      out(JSON.stringify(message) + '\n');
    } else if (message.type === 'tick' && message.t - lastHumanAt >= 1000) {
      lastHumanAt = message.t;
      out(humanLine(message) + '\n');
    } else if (message.type === 'event') {
      const text =
        message.event === 'error'
          ? `error (${message.source}): ${message.message}`
          : message.event === 'strategy-switched'
            ? `switched to ${message.to}: first job after ${message.firstReadyMs.toFixed(0)} ms, all ready in ${message.readyMs.toFixed(0)} ms`
            : message.event === 'unit-exited' && !message.voluntary
              ? `${message.kind} ${message.threadId ?? message.pid} ended (${message.cause}${message.detail ? `: ${message.detail}` : ''})`
              : null;
      if (text) out(`  -- ${text}\n`);
    }
  };
}

/** Reports a plan step the engine refused, in the output's own format. */
function refusalPrinter(json: boolean): (step: PlanStep, why: string) => void {
  return (step, why) => {
    const what = `${'crash' in step ? 'crash not injected' : 'plan step refused'} at ${step.atS} s: ${why}`;
    if (json) out(JSON.stringify({ type: 'event', t: Math.round(step.atS * 1000), event: 'error', message: what, source: 'plan' }) + '\n');
    else out(`  -- ${what}\n`);
  };
}

function printSummary(summary: Summary | null, json: boolean): number {
  if (summary) out(json ? JSON.stringify(summary) + '\n' : summaryLines(summary) + '\n');
  return summary && summary.unitsAlive > 0 ? 1 : 0;
}

/** Ctrl-C and SIGTERM stop the run cleanly (the first one; the run is ending after it anyway). */
function stopOnSignals(): AbortSignal {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

async function runExperimentRequest(request: Extract<CliRequest, { kind: 'experiment' }>): Promise<number> {
  const { experiment, json } = request;
  if (!json) out(experimentHeader(experiment));
  const outcome = await runExperiment(experiment, {
    durationS: request.durationS,
    machine: machineFacts(),
    onMessage: messagePrinter(json),
    onRefused: refusalPrinter(json),
    signal: stopOnSignals(),
  });
  if (!outcome.ok) {
    process.stderr.write(outcome.errors.map((e) => `${e.field}: ${e.message}`).join('\n') + '\n');
    return 2;
  }
  out(json ? verdictLine(outcome.verdict) + '\n' : verdictBlock(outcome.verdict) + '\n');
  return printSummary(outcome.summary, json);
}

async function main(): Promise<number> {
  const request = parseCli(process.argv.slice(2));
  switch (request.kind) {
    case 'help':
      out(HELP);
      return 0;
    case 'error':
      process.stderr.write(`${request.message}\n`);
      return 2;
    case 'list':
      out(request.json ? EXPERIMENTS.map(catalogLine).join('\n') + '\n' : catalogTable(EXPERIMENTS) + '\n');
      return 0;
    case 'experiment':
      return runExperimentRequest(request);
    case 'run': {
      const result = await runSession({
        config: request.config,
        plan: request.plan,
        durationS: request.durationS,
        onMessage: messagePrinter(request.json),
        onRefused: refusalPrinter(request.json),
        signal: stopOnSignals(),
      });
      if (!result.ok) {
        process.stderr.write(result.errors.map((e) => `${e.field}: ${e.message}`).join('\n') + '\n');
        return 2;
      }
      return printSummary(result.summary, request.json);
    }
  }
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
