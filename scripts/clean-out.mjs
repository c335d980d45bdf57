// Removes from out/ what the Node-side build (tsc) would no longer make: the output of a source file that was
// deleted or moved would otherwise live on, and a stale *.test.js would keep running under `node --test out/`.
// Only stale files go, not the whole tree: tsc builds incrementally (out/.tsbuildinfo), and emptying out/ would
// have to take the build info with it (tsc does not emit again a file its build info calls up to date), making
// every `npm run lab` or `npm run test:node` a full rebuild, about twice as slow here.
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** What tsc emits for `x.ts` with this repo's tsconfig (rootDir ".", outDir "out", sourceMap): x.js and x.js.map. */
const EMITTED = /\.js(\.map)?$/;
/** tsc's incremental build info (tsconfig.json `tsBuildInfoFile`). */
const BUILD_INFO = '.tsbuildinfo';

/**
 * Deletes every file under `<root>/out` that is not the output of a source file still present in `<root>`, except
 * the build info and the folders in `keep` (paths relative to out/, with `/`), then the folders left empty.
 * Returns the deleted files, relative to out/ with `/`.
 */
export function cleanOut(root, { keep = [] } = {}) {
  const out = join(root, 'out');
  const removed = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(out, path).split(sep).join('/');
      if (keep.includes(rel)) continue;
      if (entry.isDirectory()) {
        walk(path);
        if (readdirSync(path).length === 0) rmdirSync(path);
      } else if (rel !== BUILD_INFO && !(EMITTED.test(rel) && existsSync(join(root, rel.replace(EMITTED, '.ts'))))) {
        rmSync(path, { force: true });
        removed.push(rel);
      }
    }
  };
  if (existsSync(out)) walk(out);
  return removed;
}
