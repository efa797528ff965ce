// Lint rules, and the import layering of ../shared/ARCHITECTURE.md made mechanical.
import tseslint from 'typescript-eslint';

const files = (dir) => [`${dir}/**/*.ts`, `${dir}/**/*.tsx`];
const ban = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((g) => ({ group: g.group, message: g.message })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'data/**', '.bench/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: files('shared'),
    rules: ban(
      { group: ['**/server/**', '**/renderer/**', '**/electron/**', '../server*', '../renderer*', '../electron*'], message: 'shared/ is pure: it imports no process folder.' },
      { group: ['node:*', 'fs', 'path', 'os', 'electron', 'dexie', 'dexie-*', 'react', 'react-*', 'pg', '@electric-sql/*', 'fastify', '@fastify/*'], message: 'shared/ is pure: no Node, DOM libraries, Electron, Dexie or SQL.' },
    ),
  },
  {
    files: files('server'),
    rules: ban(
      { group: ['**/renderer/**', '**/electron/**', '../renderer*', '../electron*'], message: 'server/ meets the clients only through shared/ and the wire protocol.' },
      { group: ['electron', 'dexie', 'dexie-*', 'react', 'react-dom'], message: 'server/ does not use client libraries.' },
    ),
  },
  {
    files: files('renderer'),
    rules: ban(
      { group: ['**/server/**', '**/electron/**', '../server*', '../electron*'], message: 'renderer/ meets the server through the wire protocol and Electron through the bridge type in shared/.' },
      { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'electron', 'pg', '@electric-sql/*', 'fastify', '@fastify/*'], message: 'renderer/ has no Node and reaches the OS only through the bridge.' },
    ),
  },
  {
    // Dexie keeps a transaction across native awaits only inside an async scope function: a plain
    // arrow returning an async helper's promise commits the transaction at the helper's first
    // await of another async function (PrematureCommitError, found with the replica's packs).
    files: [...files('renderer'), ...files('integration')],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction'] > ArrowFunctionExpression[async=false][expression=true]",
          message: 'A Dexie transaction scope is an async function: `async () => { await ... }`.',
        },
      ],
    },
  },
  {
    files: files('electron'),
    rules: ban(
      { group: ['**/server/**', '**/renderer/**', '../server*', '../renderer*'], message: 'electron/ meets the renderer only through the bridge type in shared/.' },
      { group: ['dexie', 'dexie-*', 'react', 'react-dom', 'pg', '@electric-sql/*', 'fastify'], message: 'electron/ stays thin.' },
    ),
  },
  {
    // Cross-process integration tests: a real server and real workstations in one process, so they
    // may import server/ and renderer/ (and shared/); never electron/, which needs its binary.
    files: files('integration'),
    rules: ban({ group: ['**/electron/**', '../electron*', 'electron'], message: 'integration/ runs the server and the renderer in Node; Electron is tested in e2e/electron.' }),
  },
  {
    files: files('e2e'),
    rules: ban({ group: ['**/server/**', '**/renderer/**', '**/electron/**', '../server*', '../renderer*', '../electron*'], message: 'e2e/ drives the public surfaces only.' }),
  },
);
