/**
 * What the tests need from the machine, made present where it can be: a PostgreSQL server on
 * 127.0.0.1:5432 and Debian's Chromium. Says plainly what is missing where it cannot.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';

export const TEST_PG_URL = process.env.OTKLIK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensurePostgres(): Promise<void> {
  if (await postgresAnswers()) return;
  const clusters = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  const version = clusters[0];
  if (version) {
    console.log(`prerequisites: starting PostgreSQL ${version}…`);
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
    for (let i = 0; i < 30 && !(await postgresAnswers()); i++) await new Promise((r) => setTimeout(r, 500));
  }
  if (!(await postgresAnswers())) {
    throw new Error(`PostgreSQL does not answer at ${TEST_PG_URL}. Install and start it (apt-get install -y postgresql), or set OTKLIK_TEST_PG_URL.`);
  }
}

/** Debian packages the tests drive, by the program each provides. */
const DEBIAN_TOOLS: { path: string; pkg: string; why: string }[] = [
  { path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium', why: 'the browser of the end-to-end tests and benchmarks' },
  { path: '/usr/bin/soffice', pkg: 'libreoffice-calc-nogui', why: 'opens exported spreadsheets as an operator would' },
  { path: '/usr/bin/pdftoppm', pkg: 'poppler-utils', why: 'reads and renders exported PDFs' },
];

/** Installs with apt (as root) whichever test tools are missing; says which and why otherwise. */
export function ensureTestTools(): void {
  const missing = DEBIAN_TOOLS.filter((t) => !existsSync(t.path));
  if (missing.length === 0) return;
  const pkgs = missing.map((t) => t.pkg);
  if (process.getuid?.() === 0) {
    console.log(`prerequisites: installing ${pkgs.join(', ')} (apt-get install -y)…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
  }
  const still = DEBIAN_TOOLS.filter((t) => !existsSync(t.path));
  if (still.length > 0) {
    const lines = still.map((t) => `  ${t.path} (${t.pkg}): ${t.why}`).join('\n');
    throw new Error(`Missing test tools; install them (sudo apt-get install -y ${still.map((t) => t.pkg).join(' ')}):\n${lines}`);
  }
}
