/**
 * `npm test`: everything, and what it needs. Checks the machine (PostgreSQL on 127.0.0.1:5432,
 * Debian's Chromium), then typecheck, lint, unit and server tests (PGlite and PostgreSQL), the
 * build, and the end-to-end tests in Chromium (plus the Electron project, which reports a skip
 * where no Electron binary exists). Ends with one line of totals.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePostgres, ensureTestTools } from './prerequisites';

const root = join(import.meta.dirname, '..');
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

function step(name: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  if (!ok) failures.push(name);
  return ok;
}

await ensurePostgres();
ensureTestTools();

step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('lint', 'npx', ['eslint', '.']);

step('unit and server tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, 'vitest.json')}`]);
const vitestJson = join(results, 'vitest.json');
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}

if (step('build', 'npm', ['run', 'build'])) {
  step('end-to-end tests', 'npx', ['playwright', 'test']);
  const e2eJson = join(results, 'e2e.json');
  if (existsSync(e2eJson)) {
    const report = JSON.parse(readFileSync(e2eJson, 'utf8')) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } };
    totals.passed += report.stats.expected + report.stats.flaky;
    totals.failed += report.stats.unexpected;
    totals.skipped += report.stats.skipped;
  }
}

console.log('');
if (failures.length > 0) console.log(`failed steps: ${failures.join(', ')}`);
if (totals.skipped > 0) console.log('skipped: the Electron end-to-end project where no Electron binary exists (see its message above)');
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length > 0 || totals.failed > 0 ? 1 : 0);
