// Packaging config: electron-builder.yml is valid against electron-builder's own schema, and says what the
// app needs at run time (entry point, unpacked workload entries, the fuse that forked processes depend on).
// No package is built here (that needs the Electron download); `npm run dist` does it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, test } from 'node:test';
import { ENTRY_PATHS } from '../engine/entry-paths';

const root = join(__dirname, '..', '..', '..');

interface BuilderConfig {
  appId?: string;
  productName?: string;
  /** Normalised by the loader into file sets. */
  files?: Array<string | { filter?: string[] }>;
  asar?: boolean;
  asarUnpack?: string[];
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[] };
  mac?: { target?: string[] };
  win?: { target?: string[] };
}
interface ConfigModule {
  getConfig: (projectDir: string, configPath: string | null, configFromOptions: object | null) => Promise<BuilderConfig>;
  validateConfiguration: (config: BuilderConfig, debugLogger: { add: () => void; isEnabled: boolean }) => Promise<void>;
}

// electron-builder's own loader and schema check: the same code `electron-builder` runs before building.
// require: app-builder-lib has no typed entry for these internals.
const builderConfig = require('app-builder-lib/out/util/config/config.js') as ConfigModule;

describe('packaging', () => {
  test('electron-builder.yml matches electron-builder’s schema', async () => {
    const config = await builderConfig.getConfig(root, null, null);
    await builderConfig.validateConfiguration(config, { add: () => undefined, isEnabled: false });
    assert.equal(config.appId, 'dev.nodeconcurrencylab.app');
    assert.equal(config.productName, 'Node Concurrency Lab');
    assert.deepEqual(config.linux?.target, ['AppImage', 'deb']);
    assert.deepEqual(config.mac?.target, ['dmg']);
    assert.deepEqual(config.win?.target, ['nsis']);
  });

  test('ships the build output and package.json only, with an entry point that exists', async () => {
    const config = await builderConfig.getConfig(root, null, null);
    const files = (config.files ?? []).flatMap((set) => (typeof set === 'string' ? [set] : (set.filter ?? [])));
    assert.ok(files.includes('package.json') && files.includes('out/**/*'), files.join(', '));
    assert.ok(files.includes('!out/**/*.test.js') && files.includes('!out/**/*.map'), 'tests and source maps stay out');
    assert.ok(!files.some((f) => /^(electron|shared|workloads|renderer|scripts)\//.test(f)), 'no sources');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    assert.equal(pkg.main, 'out/electron/main/main.js');
    assert.ok(existsSync(join(root, pkg.main)), 'the entry point is built');
    assert.equal(pkg.scripts.start, 'node scripts/start.mjs');
    assert.equal(pkg.scripts.dist, 'node scripts/build.mjs && electron-builder');
  });

  test('unpacks every workload entry the engine loads by path, and keeps ELECTRON_RUN_AS_NODE working', async () => {
    const config = await builderConfig.getConfig(root, null, null);
    assert.equal(config.asar, true);
    assert.ok(config.asarUnpack?.includes('out/workloads/**'));
    for (const [name, file] of Object.entries(ENTRY_PATHS)) {
      const inApp = relative(root, file).split(sep).join('/');
      assert.ok(inApp.startsWith('out/workloads/'), `${name} (${inApp}) is under the unpacked out/workloads/`);
    }
    // Forked and cluster processes are this binary with ELECTRON_RUN_AS_NODE=1 (electron/engine/child-env.ts).
    assert.equal(config.electronFuses?.runAsNode, true);
    // The page comes from app://lab/, never file://: file:// pages get no extra privileges, and every fuse the
    // app does not need is off.
    assert.equal(config.electronFuses?.grantFileProtocolExtraPrivileges, false);
    assert.equal(config.electronFuses?.enableNodeOptionsEnvironmentVariable, false);
    assert.equal(config.electronFuses?.enableNodeCliInspectArguments, false);
    assert.equal(config.electronFuses?.onlyLoadAppFromAsar, true);
    assert.equal(config.electronFuses?.enableEmbeddedAsarIntegrityValidation, true);
  });
});
