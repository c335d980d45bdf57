/**
 * The lab's machine facts for Save run, kept: asked at the start and at every save, and when the lab does not
 * answer within {@link MACHINE_WAIT_MS}, the last ones it gave. A run whose lab was killed (browser mode: the
 * page outlives its server) is still saved with them, since asking again would wait for a lab that is gone.
 */
import type { LabApi } from '../../../shared/lab-api';
import type { RecordingMachine } from '../../../shared/recording/format';

/** How long Save run waits for the lab's machine facts before it uses the last ones given, ms. */
export const MACHINE_WAIT_MS = 2000;

/** What it needs: the lab to ask, and a timer (the recording controller's). */
export interface MachineFactsDeps {
  api: LabApi;
  repeat(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

export class MachineFacts {
  private last: RecordingMachine | null = null;

  /** Asks at once, so the facts are known before anything can go wrong. */
  constructor(private readonly deps: MachineFactsDeps) {
    void this.get();
  }

  /** The facts asked afresh, or the last ones given; with why there are none when there are none. */
  async get(): Promise<{ machine: RecordingMachine | null; why: string }> {
    let timer: unknown = null;
    const gaveUp = new Promise<null>((resolve) => {
      timer = this.deps.repeat(() => resolve(null), MACHINE_WAIT_MS);
    });
    const result = await Promise.race([this.deps.api.machine(), gaveUp]);
    this.deps.cancel(timer);
    if (result?.ok && result.machine) this.last = result.machine;
    const why = result === null ? 'the lab did not answer' : result.ok ? 'it sent no machine facts' : result.errors.map((e) => e.message).join('; ');
    return { machine: this.last, why };
  }
}
