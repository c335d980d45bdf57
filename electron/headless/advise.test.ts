/**
 * The advisor for real, on this machine, on a tiny budget: a CPU-bound job of tens of ms gets a pool (or an
 * honest "inconclusive" that says why), an I/O-bound one never does. Noise may make a run inconclusive; it must
 * never make it wrong. No absolute times are asserted.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Advice } from '../../shared/advisor/types';
import { parseRecording } from '../../shared/recording/parse';
import { alive, descendants, waitFor } from '../engine/testing/harness';
import { parseCli } from './cli-args';

const CLI = join(__dirname, 'lab-cli.js');
const dir = mkdtempSync(join(tmpdir(), 'advisor-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `--advise` with `args`; the advice line, and every process the CLI started (all ended by then). */
async function advise(args: string[]): Promise<{ advice: Advice; code: number | null; seen: number[] }> {
  const child = spawn(process.execPath, [CLI, '--advise', '--budget', '20', '--json', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const seen = new Set<number>();
  const watch = setInterval(() => descendants(child.pid as number).forEach((pid) => seen.add(pid)), 200);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(watch);
  const lines = out.trim().split('\n');
  assert.equal(lines.length, 1, 'one JSON line');
  const { type, ...advice } = JSON.parse(lines[0]) as Advice & { type: string };
  assert.equal(type, 'advice');
  return { advice, code, seen: [...seen] };
}

/** An inconclusive answer is accepted only with its reasons. */
function assertReasoned(advice: Advice): void {
  assert.ok(advice.reasons.length > 0 && advice.reasons.every((r) => r.length > 20), `reasons: ${JSON.stringify(advice.reasons)}`);
}

describe('the advisor on this machine (tiny budget)', { timeout: 180_000 }, () => {
  it('recommends a pool of threads or processes for fib of tens of ms, with every cell measured and nothing left running', async (t) => {
    const file = join(dir, 'fib.nclab.jsonl');
    const { advice, code, seen } = await advise(['--workload', 'fib', '--size', '32', '--record', file]);
    assert.equal(code, 0);
    t.diagnostic(`fib 32: ${advice.kind}: ${advice.headline} ${advice.reasons.join(' ')}`);
    assert.equal(advice.cells.length, 1 + 4 * (advice.machine.cores > 2 ? 3 : 2), 'main-thread and four strategies at each pool size');
    assert.ok(advice.cells.every((cell) => cell.problem !== null || cell.throughput > 0));
    assertReasoned(advice);
    if (advice.kind !== 'inconclusive') {
      assert.equal(advice.kind, 'offload', `${advice.headline} ${advice.reasons.join(' ')}`);
      assert.ok(['worker-pool', 'child-process', 'cluster'].includes(advice.recommended?.strategy ?? ''), JSON.stringify(advice.recommended));
    }
    const recording = parseRecording(readFileSync(file, 'utf8'), 'fib');
    assert.ok(recording.ok);
    const kept = recording.recording.events.find((event) => event.event === 'advice');
    assert.equal(kept?.event === 'advice' && kept.advice.kind, advice.kind, 'the recording keeps the advice as an event every reader opens');
    // An ended process is reaped a moment later, longer on a busy machine: wait for it, with a deadline.
    await waitFor(() => seen.filter(alive).length === 0, 5_000, 'every process the advisor started to end').catch(() => undefined);
    assert.ok(seen.length >= 2, `saw ${seen.length} child processes`);
    assert.deepEqual(seen.filter(alive), [], 'every process the advisor started has ended');
  });

  it('never recommends offloading io-wait: I/O-bound (or inconclusive, with why)', async (t) => {
    const { advice, code } = await advise(['--workload', 'io-wait', '--size', '20']);
    assert.equal(code, 0);
    t.diagnostic(`io-wait: ${advice.kind}: ${advice.headline} ${advice.reasons.join(' ')}`);
    assertReasoned(advice);
    assert.ok(['io-bound', 'main-thread', 'inconclusive'].includes(advice.kind), `${advice.kind}: ${advice.headline} ${advice.reasons.join(' ')}`);
    assert.equal(advice.cells.find((cell) => cell.strategy === 'main-thread')?.failed, 0);
  });
});

describe('--advise options', () => {
  it('takes the workload and any run setting, and a budget', () => {
    const request = parseCli(['--advise', '--workload', 'fib', '--size', '30', '--budget', '45']);
    assert.equal(request.kind, 'advise');
    assert.equal(request.kind === 'advise' && request.config.size, 30);
    assert.equal(request.kind === 'advise' && request.budgetS, 45);
  });

  it('refuses what the advisor sets itself, a budget out of range, and a budget without --advise', () => {
    const message = (argv: string[]) => {
      const request = parseCli(argv);
      assert.equal(request.kind, 'error', JSON.stringify(request));
      return (request as { message: string }).message;
    };
    assert.match(message(['--advise', '--strategy', 'cluster', '--rate', '5']), /^--advise: .* drop --strategy, --rate$/);
    assert.match(message(['--advise', '--budget', '5']), /^--budget: must be a number of seconds between 20 and 600$/);
    assert.match(message(['--budget', '30']), /^--budget: only with --advise$/);
  });
});
