/**
 * Checks every job's answer, so that nothing is optimised away and a wrong result (a race on a shared buffer,
 * a bad transfer) is caught and counted. fib and io-wait have known answers; for the others the first answer
 * for a (workload, size) becomes the reference every later one must equal. The tests check those references
 * against values computed independently. A `custom` workload's answers are its own module's to check.
 */
import type { WorkloadName } from '../../../shared/constants';
import { fibKnown } from '../../../workloads/jobs/fib';

/** Compares answers with the known or first one. */
export class ResultVerifier {
  private readonly references = new Map<string, string>();

  /** Null when the answer is right, else the reason it is wrong. */
  check(workload: WorkloadName, size: number, checksum: unknown): string | null {
    // An answer without a checksum never becomes a reference: a transfer that lost the result reads as wrong.
    if (typeof checksum !== 'string' || checksum === '') return `no result came back for ${workload}(${size})`;
    // The user's module judges its own answers (its `check`, run in the unit); they need not repeat.
    if (workload === 'custom') return null;
    const expected = this.expected(workload, size) ?? this.firstSeen(workload, size, checksum);
    return checksum === expected ? null : `wrong result for ${workload}(${size}): got ${checksum}, expected ${expected}`;
  }

  private expected(workload: WorkloadName, size: number): string | null {
    if (workload === 'fib') return String(fibKnown(size));
    if (workload === 'io-wait') return `waited:${size}`;
    // What other threads lost is counted on the shared counter, not in a job's answer.
    if (workload === 'sab-counter') return `counted:${size}`;
    return null;
  }

  private firstSeen(workload: WorkloadName, size: number, checksum: string): string {
    const key = `${workload}:${size}`;
    const known = this.references.get(key);
    if (known !== undefined) return known;
    this.references.set(key, checksum);
    return checksum;
  }
}
