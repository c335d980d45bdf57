/**
 * Entry of a one-shot program in the `child-process` strategy (spawn and exec modes): one process, one job,
 * arguments in argv, output on stdout. A `json` job prints its whole document, so its output grows with the
 * size: `spawn` streams it, `execFile` buffers it and fails past `maxBuffer`. The last line is the result.
 *
 * Usage: exec.child.js <workload> <size> <jobId>
 */
import { performance } from 'node:perf_hooks';
import { WORKLOADS, type WorkloadName } from '../shared/constants';
import { RESULT_PREFIX, type JobResult } from '../shared/unit-protocol';
import { runJob } from './run-job';

async function main(): Promise<void> {
  const [workload, sizeText, idText] = process.argv.slice(2);
  const size = Number(sizeText);
  if (!WORKLOADS.includes(workload as WorkloadName) || !Number.isFinite(size)) {
    process.stderr.write(`usage: exec.child.js <${WORKLOADS.join('|')}> <size> <jobId>\n`);
    process.exit(2);
  }
  const started = performance.now();
  const output = await runJob({ workload: workload as WorkloadName, size }, true);
  const result: JobResult = { id: Number(idText), checksum: output.checksum, runMs: performance.now() - started, pid: process.pid, threadId: 0 };
  if (output.text) process.stdout.write(output.text + '\n');
  process.stdout.write(RESULT_PREFIX + JSON.stringify(result) + '\n');
}

void main();
