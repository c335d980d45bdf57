/**
 * The live units of one supervisor, by id and by the OS id their messages and answers name (a thread id, a pid),
 * and the questions asked of them: who runs a job, who can take one.
 */
import type { UnitHandle } from './unit-handle';
import type { UnitRecord } from './unit-record';

export class UnitRegistry {
  private readonly units = new Map<string, UnitRecord>();
  /** Index by pid (processes) or thread id (threads), for answers that name their sender. */
  private readonly byOsId = new Map<string, UnitRecord>();

  add(unit: UnitRecord): void {
    this.units.set(unit.id, unit);
    this.byOsId.set(osKey(unit.kind, osIdOf(unit)), unit);
  }

  remove(unit: UnitRecord): void {
    this.units.delete(unit.id);
    this.byOsId.delete(osKey(unit.kind, osIdOf(unit)));
  }

  /** The unit a thread id or pid names, while it lives. */
  find(kind: UnitHandle['kind'], pidOrThreadId: number): UnitRecord | undefined {
    return this.byOsId.get(osKey(kind, pidOrThreadId));
  }

  /** The live unit running job `jobId`, if its start was reported. */
  runnerOf(jobId: number): UnitRecord | undefined {
    for (const unit of this.units.values()) if (unit.running.has(jobId)) return unit;
    return undefined;
  }

  /** Units not exited yet, in the order they were adopted. */
  live(): UnitRecord[] {
    return [...this.units.values()];
  }

  values(): IterableIterator<UnitRecord> {
    return this.units.values();
  }

  /** Units that can take a job now: ready, and not being ended by the lab. */
  available(): UnitRecord[] {
    return this.live().filter((u) => u.state !== 'starting' && u.expectedExit === null);
  }

  get size(): number {
    return this.units.size;
  }
}

const osIdOf = (unit: UnitRecord) => (unit.kind === 'thread' ? unit.threadId : unit.pid);

function osKey(kind: UnitHandle['kind'], id: number | null): string {
  return `${kind}:${id}`;
}
