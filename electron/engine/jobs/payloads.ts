/**
 * Builds the input of a job as it must cross its boundary. Only `pixels` carries a large payload; the image is
 * generated once per size and kept as a template, so every job starts from the same bytes.
 */
import type { CounterMode, PayloadMode } from '../../../shared/constants';
import type { JobSpec } from '../../../shared/unit-protocol';
import { makePixels } from '../../../workloads/jobs/pixels';
import { SharedCounter } from './shared-counter';
import type { QueuedJob } from './queued-job';

/** A job ready to post to a thread, with the buffers to transfer. */
export interface ThreadJob {
  spec: JobSpec;
  transferList: ArrayBuffer[];
  /** Call once the job is over (answered, failed, or its thread gone): a shared buffer goes back to the pool. */
  release(): void;
}

const NOTHING_TO_RELEASE = () => {};

/** Free shared buffers kept per size; more jobs than this in flight allocate new ones. */
const MAX_FREE_SHARED = 16;

/** Pixel templates by size, the most recent few, and a pool of shared buffers. */
export class PayloadFactory {
  private readonly templates = new Map<number, Uint8ClampedArray>();
  /**
   * SharedArrayBuffers are meant to be allocated once and reused. One per job would cost the host a full GC
   * every few jobs: a shared backing store is freed only when every isolate that saw it has collected it, so
   * they pile up as external memory (measured: 30 jobs/s and 90 ms host delays at 4 Mpx, against 148 jobs/s
   * for transfer; pooled, shared matches transfer).
   */
  private freeShared: SharedArrayBuffer[] = [];
  private sharedBytes = 0;
  /** The one counter every `sab-counter` job of a run increments, whichever thread runs it. */
  readonly counter = new SharedCounter();

  private template(size: number): Uint8ClampedArray {
    let template = this.templates.get(size);
    if (!template) {
      template = makePixels(size);
      this.templates.set(size, template);
      // Two sizes cover a size change under load; older ones would only hold memory.
      if (this.templates.size > 2) this.templates.delete(this.templates.keys().next().value as number);
    }
    return template;
  }

  private base(job: QueuedJob, mode: PayloadMode): JobSpec {
    const spec: JobSpec = { id: job.id, workload: job.workload, size: job.size, payloadMode: mode };
    if (job.workloadFile !== undefined) spec.workloadFile = job.workloadFile;
    return spec;
  }

  /**
   * For a worker thread: `clone` posts the template itself (postMessage copies it), `transfer` moves a fresh
   * copy (the sender loses it), `shared` copies it once into a SharedArrayBuffer that both threads see.
   */
  forThread(job: QueuedJob, mode: PayloadMode, counterMode: CounterMode = 'atomics'): ThreadJob {
    const spec = this.base(job, mode);
    // The counter's SharedArrayBuffer is posted like any other: every thread gets the same memory.
    if (job.workload === 'sab-counter') return { spec: { ...spec, counter: this.counter.forJob(), counterMode }, transferList: [], release: NOTHING_TO_RELEASE };
    if (job.workload !== 'pixels') return { spec, transferList: [], release: NOTHING_TO_RELEASE };
    const template = this.template(job.size);
    if (mode === 'clone') return { spec: { ...spec, pixels: template }, transferList: [], release: NOTHING_TO_RELEASE };
    if (mode === 'transfer') {
      const pixels = template.slice();
      return { spec: { ...spec, pixels }, transferList: [pixels.buffer as ArrayBuffer], release: NOTHING_TO_RELEASE };
    }
    const buffer = this.takeShared(template.byteLength);
    const shared = new Uint8ClampedArray(buffer);
    shared.set(template);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (buffer.byteLength === this.sharedBytes && this.freeShared.length < MAX_FREE_SHARED) this.freeShared.push(buffer);
    };
    return { spec: { ...spec, pixels: shared }, transferList: [], release };
  }

  private takeShared(bytes: number): SharedArrayBuffer {
    if (bytes !== this.sharedBytes) {
      // A new size: buffers of the old one are no use any more.
      this.freeShared = [];
      this.sharedBytes = bytes;
    }
    return this.freeShared.pop() ?? new SharedArrayBuffer(bytes);
  }

  /** For a forked process: the template is serialized over IPC (structured clone; nothing else crosses processes). */
  forProcess(job: QueuedJob): JobSpec {
    const spec = this.base(job, 'clone');
    return job.workload === 'pixels' ? { ...spec, pixels: this.template(job.size) } : spec;
  }

  /** For the host's own thread: a private copy, since the transform works in place. */
  forMainThread(job: QueuedJob): JobSpec {
    const spec = this.base(job, 'clone');
    return job.workload === 'pixels' ? { ...spec, pixels: this.template(job.size).slice() } : spec;
  }
}
