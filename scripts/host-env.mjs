// The environment the lab's host process starts with (the desktop app, browser mode, the CLI, the soak, the bench).
//
// Why an allocator setting at all: glibc gives each thread that allocates an arena of its own, up to 8 per core.
// A worker thread's V8 isolate frees its native memory when the thread ends, but the freed memory stays in that
// thread's arena, which glibc keeps for the next thread and returns to the OS only from its top. Over a 10-minute
// `npm run soak -- --chaos` the host's native memory at rest went 31 -> 62 MiB and its RSS +29.6 % (issue 23's
// limit: 15 %) with no lab object growing; with MALLOC_ARENA_MAX=2 the same run ended below its start. glibc reads
// the variable at the process's first allocation, so it cannot be set from inside: the launcher sets it for the
// host it starts. A value the user set is kept. Other C libraries (musl, macOS, Windows) ignore it.
//
// The host's own units and an attached app get the user's environment back: the launcher names what it added in
// ADDED_BY_LAUNCHER_ENV, and electron/engine/child-env.ts takes those out again.

/** The variables the launcher adds to the host's environment, where the user has not set them. */
export const HOST_ENV_DEFAULTS = { MALLOC_ARENA_MAX: '2' };

/** Names (comma-separated) the variables the launcher added; electron/engine/child-env.ts reads it. */
export const ADDED_BY_LAUNCHER_ENV = 'NCL_LAUNCHER_ADDED_ENV';

/** `env` with the host's defaults where the user has not set them, and the note of what was added. */
export function hostEnv(env = process.env) {
  const added = Object.keys(HOST_ENV_DEFAULTS).filter((name) => env[name] === undefined);
  if (added.length === 0) return { ...env };
  return { ...env, ...Object.fromEntries(added.map((name) => [name, HOST_ENV_DEFAULTS[name]])), [ADDED_BY_LAUNCHER_ENV]: added.join(',') };
}
