/**
 * Entry of a one-shot program in the `child-process` strategy (spawn and exec modes): one process, one job,
 * arguments in argv, output on stdout. A `json` job prints its whole document, so its output grows with the
 * size: `spawn` streams it, `execFile` buffers it and fails past `maxBuffer`. The last line is the result.
 *
 * The program leaves when its stdin closes: the host keeps that pipe open while it lives, so a host that dies
 * (even by SIGKILL) takes its programs with it.
 *
 * Usage: exec.child.js <workload> <size> <jobId> [fault] [workloadFile]
 * (the user's module, an absolute path, for workload `custom`)
 */
import { performance } from 'node:perf_hooks';
import { CUSTOM_WORKLOAD, FAULTS, WORKLOADS, type FaultKind, type WorkloadName } from '../shared/constants';
import { RESULT_PREFIX } from '../shared/unit-protocol';
import { exitWithParent } from './orphan-guard';
import { runJob } from './run-job';
import { jobResult } from './job-result';

async function main(): Promise<void> {
  const [workload, sizeText, idText, faultText = 'none', workloadFile] = process.argv.slice(2);
  const size = Number(sizeText);
  const known = [...WORKLOADS, CUSTOM_WORKLOAD] as string[];
  if (!known.includes(workload) || !Number.isFinite(size) || !FAULTS.includes(faultText as FaultKind) || (workload === CUSTOM_WORKLOAD && !workloadFile)) {
    process.stderr.write(`usage: exec.child.js <${known.join('|')}> <size> <jobId> [${FAULTS.join('|')}] [workloadFile, for ${CUSTOM_WORKLOAD}]\n`);
    process.exit(2);
  }
  process.stdin.on('end', () => process.exit(1));
  process.stdin.resume();
  exitWithParent();
  const fault = faultText === 'none' ? undefined : (faultText as Exclude<FaultKind, 'none'>);
  const started = performance.now();
  const output = await runJob({ workload: workload as WorkloadName, size, fault, workloadFile }, true);
  const result = jobResult(Number(idText), output.checksum, started, 0);
  if (output.text) process.stdout.write(output.text + '\n');
  // Exit once the output is flushed: the open stdin would otherwise keep the program alive.
  process.stdout.write(RESULT_PREFIX + JSON.stringify(result) + '\n', () => process.exit(0));
}

void main();
