/**
 * Gives the host's freed native memory back to the OS when a run has stopped (glibc's `malloc_trim(0)`), and says
 * how much that was.
 *
 * Why: glibc's malloc returns freed memory to the OS only from the top of an arena. What a run frees in the
 * middle stays resident: an ended worker thread's isolate, a pixel job's buffers once glibc's dynamic mmap
 * threshold has risen past their size (it rises to the largest block freed). Over an 8-minute `--chaos` soak
 * the host's native memory at rest wandered between 14 and 40 MiB with no lab object growing, which is the RSS
 * at rest the soak judges; after `malloc_trim(0)` it read 8.9 to 9.4 MiB at every rest. Allocator settings
 * that keep big blocks out of the arenas cost the pixels workload 15 to 18 % of its jobs (README, "The host's
 * allocator"); a trim at rest costs the run nothing.
 *
 * Why only at rest: it walks every arena (0.2 to 16 ms at a stop here), and during a run that would
 * be a pause the lab puts on the very loop it measures.
 *
 * Why by hand, through koffi: Node has no binding to `malloc_trim`, and a native addon of our own would need a
 * compiler at install time. koffi is a maintained FFI whose binaries come prebuilt from the npm registry. Where
 * there is no glibc (macOS, Windows, musl) or koffi will not load, nothing is done and {@link restMemoryReturn}
 * says why. In Electron's main process Chromium's own allocator serves most of malloc; the trim is then small.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

/** What one return of freed memory did. */
export interface MemoryReturned {
  /** The fall of the host's anonymous resident memory (/proc/self/status RssAnon), bytes; null without /proc. */
  releasedBytes: number | null;
  tookMs: number;
}

type Trim = (pad: number) => number;
/** The part of koffi's API used here (its own types are an ES module's, which this CommonJS build cannot import). */
interface Koffi {
  load(path: string): { func(signature: string): unknown };
}

let loaded: { trim: Trim | null; why: string } | null = null;

function load(): { trim: Trim | null; why: string } {
  if (loaded) return loaded;
  if (process.platform !== 'linux') return (loaded = { trim: null, why: `not on ${process.platform} (glibc's malloc_trim is Linux's)` });
  try {
    const koffi = createRequire(__filename)('koffi') as Koffi;
    const trim = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as Trim;
    return (loaded = { trim, why: 'malloc_trim(0) at every stop' });
  } catch (error) {
    // musl has no malloc_trim; a platform without koffi's prebuilt binary cannot load it. Either way, no trim.
    return (loaded = { trim: null, why: `no malloc_trim here (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` });
  }
}

/** Whether the host gives its freed memory back at rest, and how, or why not: for the soak's report. */
export function restMemoryReturn(): string {
  return load().why;
}

function anonymousResident(): number | null {
  try {
    const kib = /^RssAnon:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  } catch {
    return null;
  }
}

/** Returns the allocator's free pages to the OS, now; null where it cannot (see above). Call it only at rest. */
export function returnFreedMemory(): MemoryReturned | null {
  const { trim } = load();
  if (!trim) return null;
  const before = anonymousResident();
  const started = performance.now();
  trim(0);
  const tookMs = performance.now() - started;
  const after = anonymousResident();
  return { releasedBytes: before === null || after === null ? null : Math.max(0, before - after), tookMs };
}
