// Folder = runtime. These rules are the layering of the design card, enforced so nobody has to remember it
// (after VS Code's "do not relax" import rules). A file's folder says where it runs and what it may import.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), 'node:*'];
/** What shared/ tests may import of Node: the test runner and assertions. */
const testModules = ['assert', 'assert/strict', 'test'];
const appFolders = ['**/electron/**', '**/renderer/**', '**/workloads/**'];
const sharedWhy = 'shared/ is the platform-free contract: no electron, node:*, DOM frameworks or app folders.';

/** One `no-restricted-imports` rule from a list of forbidden module names and path patterns. */
function forbid(why, { names = [], patterns = [] }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: names.map((name) => ({ name, message: why })),
        patterns: [{ group: [...patterns, ...names.filter((n) => n.includes('*'))], message: why }],
      },
    ],
  };
}

/**
 * The globals of plain Node, from the Node running the linter: examples/ is user code run as `node file.mjs`,
 * where these and nothing of a browser or of Electron exist.
 */
const nodeGlobals = Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly']));
const examplesWhy = 'examples/ is user code, run with plain `node`: Node and npm packages only, nothing of the app.';

export default tseslint.config(
  // Scripts in JavaScript are build tools, linted by nobody; the examples are the exception (below).
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', '**/*.mjs', '**/*.js', '!examples/**/*.mjs'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  {
    files: ['shared/*.ts'],
    rules: forbid(sharedWhy, { names: ['electron', 'react', 'react-dom', ...nodeBuiltins], patterns: [...appFolders, '../*', '!./*'] }),
  },
  {
    // One folder down (shared/experiments/), `..` is still shared/; two levels up is not.
    files: ['shared/*/**/*.ts'],
    rules: forbid(sharedWhy, { names: ['electron', 'react', 'react-dom', ...nodeBuiltins], patterns: [...appFolders, '../../*'] }),
  },
  // Tests in shared/ run under node:test: its runner and assertions are allowed, nothing else of Node.
  ...[
    { files: ['shared/*.test.ts'], patterns: [...appFolders, '../*', '!./*'] },
    { files: ['shared/*/**/*.test.ts'], patterns: [...appFolders, '../../*'] },
  ].map(({ files, patterns }) => ({
    files,
    rules: forbid('shared/ tests may use node:test and node:assert only; the code they test stays platform-free.', {
      names: ['electron', 'react', 'react-dom', ...nodeBuiltins.filter((m) => !testModules.includes(m) && m !== 'node:*'), ...nodeBuiltins.filter((m) => !m.includes('*') && !testModules.includes(m)).map((m) => `node:${m}`)],
      patterns,
    }),
  })),
  {
    files: ['workloads/**/*.ts'],
    rules: forbid('workloads/ runs inside threads and processes: shared and node:* only.', {
      names: ['electron', 'react', 'react-dom'],
      patterns: ['**/electron/**', '**/renderer/**'],
    }),
  },
  // Hosts -> session -> engine: arrows point down only (the design card's floor plan). The engine is the run and
  // nothing else, so it also runs in plain Node and in tests; the session layer (commands, drivers, machine facts)
  // and the page's files serve both hosts and know neither.
  {
    files: ['electron/engine/**/*.ts'],
    rules: forbid('The engine runs the run in plain Node: never electron or the renderer, and never the session layer or a host above it.', {
      names: ['electron', 'react', 'react-dom'],
      patterns: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/headless/**', '**/electron/session/**', '**/electron/page-files/**', '**/headless/**', '**/session/**', '**/main/**', '**/page-files/**'],
    }),
  },
  {
    files: ['electron/session/**/*.ts', 'electron/page-files/**/*.ts'],
    rules: forbid('The session layer and the page files serve both hosts in plain Node: never electron, the renderer or a host.', {
      names: ['electron', 'react', 'react-dom'],
      patterns: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/headless/**', '**/headless/**', '**/main/**'],
    }),
  },
  {
    files: ['electron/headless/**/*.ts'],
    rules: forbid('The headless hosts (CLI, browser mode) run in plain Node: never electron, the renderer or the desktop host.', {
      names: ['electron', 'react', 'react-dom'],
      patterns: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**', '**/main/**'],
    }),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: forbid('The Electron shell never imports renderer code; it loads the built page.', {
      names: ['react', 'react-dom'],
      patterns: ['**/renderer/**', '**/workloads/**'],
    }),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: forbid('renderer/ is browser code: no electron, no node:*, no engine or workloads; talk through the LabApi.', {
      names: ['electron', ...nodeBuiltins],
      patterns: ['**/electron/**', '**/workloads/**'],
    }),
  },
  {
    files: ['examples/**/*.mjs'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: nodeGlobals },
    rules: {
      'no-undef': 'error',
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...forbid(examplesWhy, { names: ['electron', 'react', 'react-dom'], patterns: [...appFolders, '**/shared/**', '**/scripts/**'] }),
    },
  },
  // Their tests drive them from outside, as a user would: real processes and HTTP, no app internals.
  {
    files: ['examples/**/*.ts'],
    rules: forbid(examplesWhy, { names: ['electron', 'react', 'react-dom'], patterns: [...appFolders, '**/shared/**', '**/scripts/**'] }),
  },
  {
    files: ['e2e/**/*.ts'],
    rules: forbid('End-to-end tests drive the app from outside: shared types only, no app internals.', {
      names: ['electron'],
      patterns: ['**/electron/engine/**', '**/electron/main/**', '**/renderer/**', '**/workloads/**'],
    }),
  },
);
