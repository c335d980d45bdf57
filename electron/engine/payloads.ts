/**
 * Builds the input of a job as it must cross its boundary. Only `pixels` carries a large payload; the image is
 * generated once per size and kept as a template, so every job starts from the same bytes.
 */
import type { PayloadMode } from '../../shared/constants';
import type { JobSpec } from '../../shared/unit-protocol';
import { makePixels } from '../../workloads/jobs/pixels';
import type { QueuedJob } from './strategies/strategy';

/** A job ready to post to a thread, with the buffers to transfer. */
export interface ThreadJob {
  spec: JobSpec;
  transferList: ArrayBuffer[];
}

/** Pixel templates by size, the most recent few. */
export class PayloadFactory {
  private readonly templates = new Map<number, Uint8ClampedArray>();

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
    return { id: job.id, workload: job.workload, size: job.size, payloadMode: mode };
  }

  /**
   * For a worker thread: `clone` posts the template itself (postMessage copies it), `transfer` moves a fresh
   * copy (the sender loses it), `shared` copies it once into a SharedArrayBuffer that both threads see.
   */
  forThread(job: QueuedJob, mode: PayloadMode): ThreadJob {
    const spec = this.base(job, mode);
    if (job.workload !== 'pixels') return { spec, transferList: [] };
    const template = this.template(job.size);
    if (mode === 'clone') return { spec: { ...spec, pixels: template }, transferList: [] };
    if (mode === 'transfer') {
      const pixels = template.slice();
      return { spec: { ...spec, pixels }, transferList: [pixels.buffer as ArrayBuffer] };
    }
    const shared = new Uint8ClampedArray(new SharedArrayBuffer(template.byteLength));
    shared.set(template);
    return { spec: { ...spec, pixels: shared }, transferList: [] };
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
