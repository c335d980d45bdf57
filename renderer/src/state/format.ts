/** Number formatting shared by the stats, the unit table and the chart tooltips. */

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${msDigits(ms)} ms`;
}

/** Three significant digits or so: what a glance can compare. */
function msDigits(ms: number): string {
  if (ms >= 100) return String(Math.round(ms));
  if (ms >= 10) return ms.toFixed(1);
  // A fast HTTP response is a few µs: "0.005", not "0.00" (which reads as nothing at all).
  if (ms > 0 && ms < 0.01) return ms.toPrecision(1);
  return ms.toFixed(2);
}

/** Two times that share their unit, "33.1 / 48.0 ms": narrower than a unit each; each keeps its own past 10 s. */
export function formatMsPair(a: number | null | undefined, b: number | null | undefined): string {
  const finite = (ms: number | null | undefined): ms is number => ms !== null && ms !== undefined && Number.isFinite(ms);
  if (finite(a) && finite(b) && a < 10_000 && b < 10_000) return `${msDigits(a)} / ${msDigits(b)} ms`;
  return `${formatMs(a)} / ${formatMs(b)}`;
}

/** A rate: jobs a second, or an attached app's HTTP requests (`req/s`). */
export function formatRate(perS: number | null | undefined, unit: 'jobs/s' | 'req/s' = 'jobs/s'): string {
  if (perS === null || perS === undefined || !Number.isFinite(perS)) return '–';
  return perS >= 100 ? `${Math.round(perS)} ${unit}` : `${perS.toFixed(1)} ${unit}`;
}

/** A share of one core (1 = one core fully busy) as a percentage of a core. */
export function formatCores(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  return `${Math.round(share * 100)}%`;
}

/** The tooltip of a CPU share the engine could not measure (see {@link formatUnitCpu}). */
export const CPU_UNMEASURED_HELP =
  "not measured over this interval: the thread's CPU clock is too coarse for so short a window, and a guess would be worse than nothing (a longer sampling interval helps)";

/**
 * A thread's or process's CPU share. Null has two meanings: before the unit first reports nothing is known yet
 * (a dash, like its other measures); after, the engine had no measure it could trust ("n/a", never 0%).
 */
export function formatUnitCpu(share: number | null, reported: boolean): string {
  if (share === null) return reported ? 'n/a' : '–';
  return formatCores(share);
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(bytes >= 100 * 1024 ** 2 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} B`;
}

/** One formatter for every count: toLocaleString builds a new one per call, which the unit table paid per cell per tick. */
const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return COUNT_FORMAT.format(Math.round(n));
}

/**
 * What a numeric field sends: a finite number when the text is one, otherwise the text itself, so the engine
 * answers with its own words ("must be a number") instead of the UI guessing.
 */
export function parseNumberInput(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

/** The hint under a numeric field: its unit and allowed range, e.g. `ms · 50–10,000`. */
export function rangeHint(unit: string, range: { min: number; max: number }): string {
  return `${unit} · ${range.min.toLocaleString('en-US')}–${range.max.toLocaleString('en-US')}`;
}
