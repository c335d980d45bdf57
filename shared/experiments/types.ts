/**
 * The experiment model: a guided scene that makes one or more claims of the guides visible, as plain data
 * (settings, a timeline of named segments, words, a code sample and a verdict rule). Being data, the same
 * experiment runs in the app, in the CLI and in tests, and its verdict is a pure function of what a run
 * emitted (see verdict.ts), so a live run, a recording and a synthetic test all get the same answer.
 */
import type { MachineFacts } from '../machine-facts';
import type { ExitCause, LabEvent, Summary, Tick } from '../messages';
import type { CrashStep } from '../plan';
import type { ConfigPatch } from '../run-config';

/**
 * A claim's number: 1 to 10 are the guides' list (see {@link CLAIMS}); 11 to 13 are the lab's own additions
 * (libuv's thread pool, shared memory without Atomics, cluster scheduling).
 */
export type ClaimNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13;

/** A named stretch of an experiment's timeline; it may change settings when it begins. */
export interface Segment {
  /** Stable id within the experiment, used by its verdict rule, e.g. `main`. */
  id: string;
  /** What the user sees on the timeline, e.g. `main thread`. */
  label: string;
  /** When it begins, in seconds from the run's start; the first segment begins at 0. It ends where the next begins. */
  atS: number;
  /** Settings applied when it begins (for the first segment: on top of the experiment's start config). */
  configure?: ConfigPatch;
}

/** The charts of the app a user can be pointed at. */
export type ChartName = 'host-eld' | 'health' | 'throughput' | 'queue' | 'timeline' | 'units' | 'events';

/** One thing to watch during an experiment: which chart, which line on it, and what to look for. */
export interface WatchItem {
  chart: ChartName;
  /** The line or column, e.g. `p99`, `jobs/s`, `queued`, `unit-exited`. */
  line: string;
  /** What it does when the claim holds, in a sentence. */
  look: string;
}

/** Per-tick measures: each tick has one value (or none, e.g. `startup-p50` in a tick where no unit became ready). */
export type GaugeMeasure =
  | 'host-eld-p50'
  | 'host-eld-p99'
  | 'host-eld-max'
  | 'host-elu'
  | 'throughput'
  | 'latency-p50'
  | 'latency-p99'
  | 'queued'
  | 'in-flight'
  | 'startup-p50'
  /** The host's health checks: latency p99 of those answered in the tick (ms), and how many timed out. */
  | 'health-p99'
  | 'health-timeouts'
  /** CPU of every live unit together, in cores (1 = one core busy): what the machine really gave the workers. */
  | 'units-cpu'
  /**
   * The worst own-loop delay p99 among the live units in the tick (ms): how long a request or health check
   * arriving at the most blocked process or thread would have waited.
   */
  | 'units-eld-p99'
  /**
   * The highest own event-loop utilisation (0..1) among the live units in the tick: how occupied the busiest
   * loop is (the highest, like `units-eld-p99`, because a unit that got no connection would halve a mean).
   */
  | 'units-elu'
  /**
   * The host's garbage-collection pauses in the tick, added up (ms): what the main thread paid the collector, e.g.
   * for the copies a structured clone leaves behind. Null where the host's collections were not measured.
   */
  | 'host-gc-pause';

/** How a segment's per-tick values become one number. `rise` is the last value minus the first. */
export type Aggregate = 'median' | 'mean' | 'max' | 'min' | 'last' | 'sum' | 'rise';

/** Job counters, cumulative in every tick; a segment's value is how much the counter grew during it. */
export type CounterMeasure = 'submitted' | 'completed' | 'failed' | 'dropped';

/** A number a verdict rule reads from a run, for one segment (or for the whole run, `run-failures`). */
export type Quantity =
  | { kind: 'gauge'; measure: GaugeMeasure; aggregate: Aggregate }
  | { kind: 'counter'; measure: CounterMeasure }
  /** `unit-exited` events with one of these causes. */
  | { kind: 'exits'; causes: readonly ExitCause[] }
  /** Units that became ready per completed job (from `tick.startup.count`): ~1 when every job pays a startup. */
  | { kind: 'startups-per-job' }
  /** The share (0..1) of the segment's completed jobs done by its busiest unit (from the units' `done` counts). */
  | { kind: 'busiest-unit-share' }
  /**
   * The jobs the busiest unit did in the segment over those of the least busy one (1 = perfectly even), among the
   * units live at its start (from their `done` counts). A unit that did none counts as one, so the number stays
   * finite and is a lower bound of the unevenness.
   */
  | { kind: 'busiest-over-least' }
  /**
   * What the host's main thread paid per completed job in the segment, in ms: its own CPU time (`cpu`, from the
   * thread's clock) or its garbage-collection pauses (`gc-pause`), over the ticks that measured it, divided by the
   * jobs those ticks completed. The cost of sending and receiving a job, e.g. the copies of a structured clone,
   * plus the host's fixed upkeep (sampling, ticks) spread over the jobs. A tick's collections are those of its
   * busy slices, about an interval behind it: a shift that a segment's sum hardly feels.
   */
  | { kind: 'host-per-job'; measure: 'cpu' | 'gc-pause' }
  /**
   * How much the `sab-counter` totals grew in the segment (tick.counter): `lost` updates, or increments `done`.
   * Null when the ticks carry no counter (no job used it).
   */
  | { kind: 'shared-counter'; measure: 'lost' | 'done' }
  /**
   * Seconds the segment still had after its switch completed (units ready, old jobs drained); a switch that
   * completed after the segment ended makes it unmeasurable. For setups that must be ready before the next
   * segment's load begins (e.g. every cluster worker listening before the first connection).
   */
  | { kind: 'ready-margin' }
  /**
   * Jobs of the whole run that failed with a reason matching this regular expression (case-insensitive), from
   * the summary's failure reasons; ticks carry failure counts but not reasons, so this needs the summary.
   */
  | { kind: 'run-failures'; matching: string };

/** One condition of a verdict rule. */
export type Check =
  /** `quantity` in `segment` divided by the same in `other` lies within [atLeast, atMost] (either may be left out). */
  | { kind: 'ratio'; quantity: Quantity; segment: string; other: string; atLeast?: number; atMost?: number }
  /** `quantity` in `segment` (or over the run, for `run-failures`) lies within [atLeast, atMost]. */
  | { kind: 'bound'; quantity: Quantity; segment?: string; atLeast?: number; atMost?: number }
  /**
   * Units that exited in `segment` with one of `causes`: at least `atLeast` of them, and `all` (or `none`) followed
   * within `withinS` by a `unit-started` that `replaces` them.
   */
  | { kind: 'replacement'; segment: string; causes: readonly ExitCause[]; expect: 'all' | 'none'; atLeast: number; withinS: number };

/** How an experiment decides whether its claim held on this run. */
export interface VerdictRule {
  /** Every check must hold; one that fails makes the claim fail, one that cannot be decided makes it inconclusive. */
  checks: readonly Check[];
  /**
   * What the run must show for the checks to mean anything (e.g. both cluster workers served requests); one not
   * met makes the verdict inconclusive, whatever the checks say, because the run did not test the claim.
   */
  preconditions?: readonly Check[];
  /** Seconds skipped after a segment's switch is complete (units ready, old jobs drained) before measuring. */
  warmupS: number;
  /** Fewest ticks a segment needs for a per-tick measure (default {@link DEFAULT_MIN_TICKS}). */
  minTicks?: number;
  /** Fewest cores the claim needs to show (a scaling claim on one core is inconclusive, not false). */
  minCores?: number;
  /** Why the thresholds are what they are, in words: part of every verdict's explanation. */
  thresholds: string;
  /** Further numbers worth showing beside the verdict, not checked. */
  report?: ReadonlyArray<{ segment: string; quantity: Quantity }>;
}

/** Fewest ticks per segment for a per-tick measure when a rule does not say (five 200 ms ticks: one second). */
export const DEFAULT_MIN_TICKS = 5;

/** A guided, self-checking scene for one or more claims. */
export interface Experiment {
  /** Stable, kebab-case; what `--experiment` takes. */
  id: string;
  title: string;
  claims: readonly ClaimNumber[];
  /** What happens inside Node and why, in 3 to 6 sentences. */
  explanation: string;
  watch: readonly WatchItem[];
  /** A short runnable sample of the pattern (CommonJS, Node 20). */
  code: string;
  /** Settings at the start, on top of the defaults. */
  config: ConfigPatch;
  /** The timeline: named segments in order, the first at 0 s. */
  segments: readonly Segment[];
  /** Crashes injected from outside at given times. */
  actions?: readonly CrashStep[];
  /** Length of the run in seconds, at most {@link MAX_EXPERIMENT_S}. */
  durationS: number;
  verdict: VerdictRule;
  /** What the scene does not show yet, and what it waits for. */
  pending?: string;
}

/** The longest an experiment may run, in seconds: a scene, not a benchmark. */
export const MAX_EXPERIMENT_S = 30;


/** What a run emitted, as a verdict reads it: live, from a recording, or made up by a test. */
export interface RunRecord {
  ticks: readonly Tick[];
  events: readonly LabEvent[];
  /** The run's summary, once it stopped; `run-failures` quantities need it. */
  summary?: Summary | null;
}

/** Numbers measured per segment (`run` for run-wide ones), by quantity key (see quantityKey in quantities.ts). */
export type Measured = Record<string, Record<string, number | null>>;

/** Whether an experiment's claim held on one run, with the numbers and the reasons. */
export interface Verdict {
  experiment: string;
  /** true: every check held; false: one failed; null: inconclusive (why says what was missing). */
  holds: boolean | null;
  measured: Measured;
  /** What the rule expects, in words. */
  expected: string;
  /**
   * The one check that decided, in a line: its pair of numbers and the bound (`transfer 60.1 jobs/s vs clone
   * 47.9 jobs/s = 1.25x ≥ 1.2x`), or why it could not be decided. Absent in verdicts saved before it existed.
   */
  deciding?: string;
  /** The outcome of each check, and why the thresholds are what they are. */
  why: string;
  machine: MachineFacts;
}

export type { MachineFacts };
