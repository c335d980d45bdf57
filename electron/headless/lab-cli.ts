/**
 * The headless lab: `npm run lab -- --strategy worker-pool --workload fib --size 27 --rate 100 --duration 10 --json`.
 * Prints NDJSON (every tick and event, then one summary) with --json, else one short line per second.
 * `--experiments` lists the catalog; `--experiment ID` runs one and prints its verdict before the summary.
 * `--advise` measures every strategy and recommends one (advise-cli.ts). `--record FILE` keeps a run; `--report FILE` (twice to compare) and `--export` read recordings; `--threshold`
 * gates a run or a report. `--attach -- <command…>` runs the user's app with the lab's agent and watches it.
 * Exit codes: 0 done (whatever a verdict says, however an attached app ended), 1 a threshold failed or a unit
 * was left alive (should never happen), 2 bad options, a bad recording, or an app's command that cannot start.
 */
import { ATTACHED } from '../../shared/attach';
import { CUSTOM_WORKLOAD } from '../../shared/constants';
import { workloadFileName, workloadLabel } from '../../shared/custom-workload';
import { EXPERIMENTS } from '../../shared/experiments/catalog';
import { experimentPlan } from '../../shared/experiments/timeline';
import type { Experiment } from '../../shared/experiments/types';
import type { LabMessage, Summary, Tick } from '../../shared/messages';
import type { PlanStep } from '../../shared/plan';
import { runAdviseRequest } from './advise-cli';
import { appExitedLine, attachedSummaryLines, attachedTickLine } from './attach-output';
import { runAttached } from './attach-run';
import { HELP, parseCli, startSettings, type CliRequest } from './cli-args';
import { catalogLine, catalogTable, experimentHeader, verdictBlock, verdictLine } from './experiment-output';
import { runExperiment } from './experiment-run';
import { machineFacts } from '../session/machine-facts';
import { reserveStdoutForNdjson } from './ndjson-stdout';
import { runSession, type SessionResult } from './run-session';
import { checkRunThresholds, runExportRequest, runReportRequest } from './recording/recording-cli';
import { RunOutputKeeper } from './recording/run-outputs';

/** A number as the human output prints it; `-` for a figure not measured (null), never a 0 standing in for it. */
const f = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? '-' : n.toFixed(digits));

function humanLine(tick: Tick): string {
  if (tick.strategy === ATTACHED) return attachedTickLine(tick);
  const { host, jobs, units } = tick;
  return (
    `${f(tick.t / 1000)}s ${tick.strategy.padEnd(15)} ${(tick.workloadName ?? tick.workload).padEnd(7)} ` +
    `host eld p99 ${f(host.eld?.p99).padStart(6)} ms  elu ${f(host.elu, 2)}  ` +
    `jobs ${f(jobs.throughput, 0).padStart(5)}/s  p99 ${f(jobs.latency?.p99).padStart(7)} ms  ` +
    `queued ${String(jobs.queued).padStart(4)}  in flight ${String(jobs.inFlight).padStart(3)}  ` +
    `done ${jobs.completed}  failed ${jobs.failed}  dropped ${jobs.dropped}  units ${units.filter((u) => u.state !== 'exited').length}`
  );
}

/** Which module ran, for a run of the user's own workload: its name and its file. */
function moduleLine(config: Summary['config']): string {
  if (config.workload !== CUSTOM_WORKLOAD || !config.workloadFile) return '';
  return `\nworkload: ${workloadLabel(config)} (${workloadFileName(config.workloadFile)}), size ${config.size}${config.workloadModule ? ` (${config.workloadModule.sizes.unit})` : ''}`;
}

function summaryLines(s: Summary): string {
  if (s.attached) return attachedSummaryLines({ ...s, attached: s.attached });
  const failures = Object.entries(s.failures).map(([why, n]) => `\n  ${n} x ${why}`).join('');
  return (
    moduleLine(s.config) +
    `\nsummary: ${s.jobs.completed} completed, ${s.jobs.failed} failed, ${s.jobs.dropped} dropped, ${s.jobs.cancelled} cancelled (queued at the stop) of ${s.jobs.submitted} in ${(s.t / 1000).toFixed(1)} s` +
    ` (${f(s.throughput)} jobs/s, ${s.latency ? `latency p50 ${f(s.latency.p50)} ms p99 ${f(s.latency.p99)} ms` : 'latency not measured: no job completed'})` +
    `\n${s.hostEld ? `host event-loop delay p99 ${f(s.hostEld.p99)} ms, max ${f(s.hostEld.max)} ms` : 'host event-loop delay not measured'}; ` +
    `${s.unitsStarted} units started, ${s.unitsExited} exited, ${s.unitsAlive} alive; ${s.switches} switches${failures}`
  );
}

/** Where the CLI prints; with --json, the only writer of stdout (ndjson-stdout.ts). */
let out = (text: string): void => void process.stdout.write(text);

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
              : message.event === 'app-exited'
                ? appExitedLine(message)
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

/** Opens what a run keeps (its recording file); null after printing why it cannot. */
function openOutputs(outputs: Extract<CliRequest, { kind: 'run' }>['outputs'], plan: readonly PlanStep[], experiment: Experiment | null): RunOutputKeeper | null {
  try {
    return new RunOutputKeeper(outputs, plan, experiment);
  } catch (error) {
    process.stderr.write(`--record: ${outputs.record}: ${(error as Error).message}\n`);
    return null;
  }
}

/** The exit code after a run: 1 when a threshold failed or a unit was left alive. */
function finish(keeper: RunOutputKeeper, thresholds: Extract<CliRequest, { kind: 'run' }>['outputs']['thresholds'], json: boolean, code: number): number {
  keeper.close();
  const recording = keeper.recording();
  const passed = recording ? checkRunThresholds(recording, thresholds, json, out) : thresholds.length === 0;
  return passed ? code : Math.max(code, 1);
}

/** The exit code of a run or an attached run: 2 when it was refused (its errors printed), else {@link finish}'s. */
function settle(result: SessionResult, keeper: RunOutputKeeper, thresholds: Extract<CliRequest, { kind: 'run' }>['outputs']['thresholds'], json: boolean): number {
  if (!result.ok) {
    keeper.close();
    process.stderr.write(result.errors.map((e) => `${e.field}: ${e.message}`).join('\n') + '\n');
    return 2;
  }
  return finish(keeper, thresholds, json, printSummary(result.summary, json));
}

async function runExperimentRequest(request: Extract<CliRequest, { kind: 'experiment' }>): Promise<number> {
  const { experiment, json } = request;
  const keeper = openOutputs(request.outputs, experimentPlan(experiment), experiment);
  if (!keeper) return 2;
  if (!json) out(experimentHeader(experiment));
  const print = messagePrinter(json);
  const outcome = await runExperiment(experiment, {
    durationS: request.durationS,
    machine: machineFacts(),
    onMessage: (message) => {
      keeper.take(message);
      print(message);
    },
    onRefused: refusalPrinter(json),
    signal: stopOnSignals(),
  });
  if (!outcome.ok) {
    keeper.close();
    process.stderr.write(outcome.errors.map((e) => `${e.field}: ${e.message}`).join('\n') + '\n');
    return 2;
  }
  keeper.verdict(outcome.verdict);
  out(json ? verdictLine(outcome.verdict) + '\n' : verdictBlock(outcome.verdict) + '\n');
  return finish(keeper, request.outputs.thresholds, json, printSummary(outcome.summary, json));
}

/**
 * An attached run: the app runs until it exits, --duration or Ctrl-C (which stop its whole process group), with
 * the same recording, thresholds and output as any run. The app's own output goes to stderr, so --json's stdout
 * stays NDJSON. A command that cannot start is exit code 2 with the engine's words.
 */
async function runAttachRequest(request: Extract<CliRequest, { kind: 'attach' }>): Promise<number> {
  const keeper = openOutputs(request.outputs, [], null);
  if (!keeper) return 2;
  const print = messagePrinter(request.json);
  const result = await runAttached({
    spec: request.spec,
    intervalMs: request.intervalMs,
    durationS: request.durationS,
    onMessage: (message) => {
      keeper.take(message);
      print(message);
    },
    appOutputFd: 2,
    signal: stopOnSignals(),
  });
  return settle(result, keeper, request.outputs.thresholds, request.json);
}

async function main(): Promise<number> {
  const request = parseCli(process.argv.slice(2));
  if ((request.kind === 'run' || request.kind === 'experiment' || request.kind === 'advise' || request.kind === 'attach') && request.json) out = reserveStdoutForNdjson();
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
    case 'advise':
      return runAdviseRequest(request, stopOnSignals(), out, (text) => process.stderr.write(text));
    case 'report':
      return runReportRequest(request, out, (text) => process.stderr.write(text));
    case 'export':
      return runExportRequest(request, out, (text) => process.stderr.write(text));
    case 'run': {
      const keeper = openOutputs(request.outputs, request.plan, null);
      if (!keeper) return 2;
      const print = messagePrinter(request.json);
      const result = await runSession({
        config: startSettings(request),
        plan: request.plan,
        durationS: request.durationS,
        onMessage: (message) => {
          keeper.take(message);
          print(message);
        },
        onRefused: refusalPrinter(request.json),
        signal: stopOnSignals(),
      });
      return settle(result, keeper, request.outputs.thresholds, request.json);
    }
    case 'attach':
      return runAttachRequest(request);
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
