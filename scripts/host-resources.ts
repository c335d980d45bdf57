/**
 * The host's own resources the soak watches besides its heap: open file descriptors, OS threads, child processes,
 * and what its resident memory is made of. Linux (/proc); null where that is not available.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { descendants, osThreadCount } from '../electron/engine/testing/harness';

/** What the host holds at one moment. */
export interface HostResources {
  /** Open file descriptors (/proc/self/fd): sockets, pipes, files, epoll and event fds. */
  fds: number | null;
  /** OS threads (/proc/self/task): the main thread, libuv's pool, V8's platform threads, every worker thread. */
  threads: number | null;
  /** Child processes and theirs, those in `except` left out (the chaos monkey). */
  processes: number;
}

export function hostResources(except: readonly number[] = []): HostResources {
  return {
    fds: existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : null,
    threads: osThreadCount(),
    processes: descendants(process.pid).filter((pid) => !except.includes(pid)).length,
  };
}

/**
 * Resident memory by kind (/proc/self/status, bytes): anonymous (heaps: V8's, malloc's arenas, thread stacks),
 * file-backed (the node binary and libraries, mapped in), shared; and of the anonymous part, what V8 says it holds
 * itself: its heap's resident pages (`total_physical_size`) and the array buffers' backing stores. The rest of the
 * anonymous memory is native: allocator arenas (glibc's malloc keeps one per thread that allocated, up to 8 per
 * core, and keeps what was freed in them), thread stacks, Node's and V8's own structures. Null without /proc.
 */
export interface RssParts {
  anon: number;
  file: number;
  shmem: number;
  v8Heap: number;
  arrayBuffers: number;
  /** anon - v8Heap - arrayBuffers: native memory. */
  native: number;
}

export function rssParts(): RssParts | null {
  if (!existsSync('/proc/self/status')) return null;
  const status = readFileSync('/proc/self/status', 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  const anon = kib('RssAnon');
  if (!Number.isFinite(anon)) return null;
  const v8Heap = getHeapStatistics().total_physical_size;
  const { arrayBuffers } = process.memoryUsage();
  return { anon, file: kib('RssFile'), shmem: kib('RssShmem'), v8Heap, arrayBuffers, native: anon - v8Heap - arrayBuffers };
}
