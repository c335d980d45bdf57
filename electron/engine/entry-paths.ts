/**
 * Where the workload entry files are at run time. They are separate files on disk (threads and processes load
 * them by path); in a packaged app they are unpacked from the asar archive, because a forked process or a
 * cluster worker cannot read inside it.
 */
import { join } from 'node:path';

const workloadsDir = join(__dirname, '..', '..', 'workloads').replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');

/** Absolute paths of the compiled entry files, one per host kind. */
export const ENTRY_PATHS = {
  poolWorker: join(workloadsDir, 'pool.worker.js'),
  taskWorker: join(workloadsDir, 'task.worker.js'),
  forkChild: join(workloadsDir, 'fork.child.js'),
  execChild: join(workloadsDir, 'exec.child.js'),
  clusterWorker: join(workloadsDir, 'http.cluster.js'),
  /** Not a unit: the throwaway thread that loads a user's workload module once before a run. */
  workloadProbe: join(workloadsDir, 'workload-probe.worker.js'),
  /** Not a unit: the lab's own health checker thread. */
  healthChecker: join(workloadsDir, 'health-check.worker.js'),
} as const;
