/**
 * Crash injection inside a unit. Each fault is the real thing, not a simulation: an exception, an exit with
 * code 1 (in a worker thread `process.exit` ends just that thread), a loop that never yields, and a heap that
 * grows until V8 aborts (fast when the unit runs under a memory limit).
 */
import type { FaultKind } from '../../shared/constants';
import { INJECTED_FAULT_PREFIX } from '../../shared/unit-protocol';

/** Sinks the allocations of an `oom` fault, so the optimiser cannot drop them. */
const hoard: number[][] = [];

/** Does what the fault says; only `throw` returns control (by throwing). */
export function applyFault(fault: Exclude<FaultKind, 'none'>): never {
  switch (fault) {
    case 'throw':
      throw new Error(`${INJECTED_FAULT_PREFIX} the job threw`);
    case 'exit':
      process.exit(1);
    case 'hang':
      for (;;);
    case 'oom':
      for (;;) hoard.push(new Array<number>(1_000_000).fill(hoard.length));
  }
}
