/**
 * The workload modules a host offers its viewers, by name. A page never sends a path (a page that could name
 * any file would run any file): it picks a name from this list, and the host maps it to a file it chose itself.
 * Browser mode offers the module files of one folder named at start; the desktop app offers the files its user
 * picked in a native file dialog.
 */
import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { hasWorkloadExtension } from '../../shared/custom-workload';

/** Names to files, and (desktop) a way to add one. */
export interface WorkloadCatalog {
  /** The names offered now, sorted. */
  list(): Promise<string[]>;
  /** The absolute path of an offered name; null for a name not offered. */
  resolve(name: string): Promise<string | null>;
  /** Lets the user pick a file (desktop: a dialog); its name, or null when cancelled. Absent in browser mode. */
  choose?(): Promise<string | null>;
}

/** The `.mjs` and `.js` files directly in `dir` (not below it): what `npm run web -- --workloads DIR` offers. */
export function folderCatalog(dir: string): WorkloadCatalog {
  const folder = resolve(dir);
  const list = async () => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    return entries.filter((entry) => entry.isFile() && hasWorkloadExtension(entry.name)).map((entry) => entry.name).sort();
  };
  // Only a name the listing holds resolves: no `..`, no separators, nothing outside the folder.
  return { list, resolve: async (name) => ((await list()).includes(name) ? join(folder, name) : null) };
}

/** Files the user picked with `pick` (e.g. Electron's open dialog), by file name; a later pick of a name wins. */
export function pickedCatalog(pick: () => Promise<string | null>): WorkloadCatalog {
  const picked = new Map<string, string>();
  return {
    list: async () => [...picked.keys()].sort(),
    resolve: async (name) => picked.get(name) ?? null,
    choose: async () => {
      const file = await pick();
      if (!file) return null;
      picked.set(basename(file), file);
      return basename(file);
    },
  };
}
