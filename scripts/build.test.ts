import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';

/** The repository (this file runs as out/scripts/build.test.js). */
const repo = join(__dirname, '..', '..');
const temps: string[] = [];

/**
 * A copy of the build in a temp folder, with one source file instead of the whole lab (so tsc takes a moment),
 * and `files` (relative to it) already in out/ from an earlier build.
 */
function project(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'lab-build-'));
  temps.push(root);
  for (const file of ['scripts/build.mjs', 'scripts/clean-out.mjs', 'tsconfig.base.json']) cpSync(join(repo, file), join(root, file));
  // The real tsconfig (its outDir, rootDir and build info are what matter), without Node's types: reading them
  // is most of tsc's time, and the one source here needs none.
  const tsconfig = JSON.parse(readFileSync(join(repo, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, types: [] } }));
  symlinkSync(realpathSync(join(repo, 'node_modules')), join(root, 'node_modules'), 'dir');
  mkdirSync(join(root, 'shared'));
  writeFileSync(join(root, 'shared/kept.ts'), 'export const kept = 2;\n');
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '// from an earlier build\n');
  }
  return root;
}

function build(root: string, ...args: string[]): void {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), ...args], { cwd: root, stdio: 'pipe' });
}

after(() => temps.forEach((root) => rmSync(root, { recursive: true, force: true })));

describe('build', () => {
  it('the Node build removes the output of deleted sources and keeps the renderer and the preload', () => {
    const stale = ['out/electron/gone.test.js', 'out/electron/gone.test.js.map', 'out/workloads/jobs/moved.js', 'out/notes.txt'];
    const kept = ['out/renderer/index.html', 'out/renderer/assets/app.js', 'out/electron/preload/preload.js'];
    const root = project([...stale, ...kept, 'out/shared/kept.js']);
    build(root, 'node');
    for (const file of stale) assert.equal(existsSync(join(root, file)), false, `${file} survived the build`);
    assert.equal(existsSync(join(root, 'out/workloads')), false, 'a folder left empty is removed');
    for (const file of kept) assert.equal(existsSync(join(root, file)), true, `${file} was removed`);
    assert.match(readFileSync(join(root, 'out/shared/kept.js'), 'utf8'), /kept = 2/);
    assert.equal(existsSync(join(root, 'out/shared/kept.js.map')), true);
    // Again, now incremental: current output must survive, since tsc would not emit it a second time.
    build(root, 'node');
    assert.equal(existsSync(join(root, 'out/.tsbuildinfo')), true);
    assert.match(readFileSync(join(root, 'out/shared/kept.js'), 'utf8'), /kept = 2/);
    assert.equal(existsSync(join(root, 'out/shared/kept.js.map')), true);
  });

  it('the full build starts from an empty out/', () => {
    const root = project(['out/electron/gone.test.js', 'out/renderer/old-page.html', 'out/electron/preload/old.js', 'out/shared/kept.js']);
    build(root);
    for (const file of ['out/electron/gone.test.js', 'out/renderer/old-page.html', 'out/electron/preload/old.js']) {
      assert.equal(existsSync(join(root, file)), false, `${file} survived the build`);
    }
    assert.match(readFileSync(join(root, 'out/shared/kept.js'), 'utf8'), /kept = 2/);
  });
});
