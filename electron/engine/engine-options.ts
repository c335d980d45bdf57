/** Options of an engine instance (lab-engine.ts), in a module of their own to keep the engine's file to its one job. */
export interface EngineOptions {
  /**
   * False turns every probe and tick off (the benchmark's baseline for the cost of measuring); the
   * accounting and the summary still work.
   */
  sampling?: boolean;
  /** How long a user's workload module may take to load before it is refused, in ms. */
  workloadLoadTimeoutMs?: number;
}
