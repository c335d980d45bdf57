/**
 * The facts of the machine a number was measured on. Its own module because the messages, the experiments and the
 * advisor all carry it, and none of them should import another for it (that made an import cycle).
 */

/** What a verdict records of the machine it was measured on. */
export interface MachineFacts {
  /** Cores available to the process (`os.availableParallelism()`). */
  cores: number;
  cpuModel: string;
  /** Node's version, e.g. `v20.18.0`. */
  node: string;
}
