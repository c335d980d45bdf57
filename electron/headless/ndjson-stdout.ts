/**
 * Keeps the process's stdout for the CLI's NDJSON (`--json`): one JSON message a line, which `jq` and scripts
 * read. Code the CLI does not own writes to stdout too: a custom workload module's `console.log` (run in this
 * very process by `main-thread`), and worker threads, whose stdout Node pipes into this process's stdout (piscina,
 * which runs the pool, offers no option to take it). Forked and cluster processes get no stdout of ours (their
 * fd 1 is our stderr, child-fork-pool.ts and cluster.ts).
 *
 * Their output goes to stderr rather than being prefixed on stdout: a prefixed line would still break every
 * NDJSON reader, while stderr keeps it visible in the terminal (and in `2> file`) without touching the data.
 */

/** Sends whatever else writes to process.stdout to stderr from now on; returns the one writer of NDJSON. */
export function reserveStdoutForNdjson(): (text: string) => void {
  const stdout = process.stdout;
  const write = stdout.write.bind(stdout);
  // Every overload of write (chunk, encoding?, callback?) passes through as it came.
  stdout.write = ((...args: Parameters<typeof process.stderr.write>) => process.stderr.write(...args)) as typeof stdout.write;
  return (text) => void write(text);
}
