/** Words and numbers of the replay banner, kept pure so they are tested without a DOM. */
import type { RecordingMachine } from '../../../shared/recording/format';

/** "Intel Xeon, 2 cores, 8 GiB, linux 6.1, Node v20.18.0 (browser)". */
export function machineText(m: RecordingMachine): string {
  const memory = Number.isFinite(m.memoryBytes) ? `, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB` : '';
  return `${m.cpuModel}, ${m.cores} cores${memory}, ${m.os} ${m.kernel}, Node ${m.node}${m.electron ? `, Electron ${m.electron}` : ''} (${m.host})`;
}

/** A recording's start in the reader's time zone, to the minute, with the ISO original beside it for a tooltip. */
export function recordedAtText(startedAt: string): string {
  const date = new Date(startedAt);
  if (Number.isNaN(date.getTime())) return startedAt;
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "12.4 / 60.0 s": position and length of a replay, from ms. */
export function replayClockText(positionMs: number, endMs: number): string {
  return `${(positionMs / 1000).toFixed(1)} / ${(endMs / 1000).toFixed(1)} s`;
}
