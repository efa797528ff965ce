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

export function ensureChromium(): void {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  if (process.getuid?.() === 0) {
    console.log('prerequisites: installing Debian Chromium (apt-get install -y chromium)…');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
}
