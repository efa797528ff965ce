/**
 * Seeded databases for benchmarks, made once and copied for each run. Seeding 100,000 demo
 * appeals takes half a minute; a copy of the seeded PGlite folder (under .bench/, gitignored) or
 * a PostgreSQL database created from a seeded template takes a second or two. The cache key is a
 * hash of the schema, the seeding code and the generator options, so a change to any of them
 * seeds again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { spawnServer } from './spawn-server';
import { freePort } from '../scripts/free-port';

const ROOT = join(import.meta.dirname, '..');
const CACHE_DIR = join(ROOT, '.bench');
/** Where benchmark databases are created and dropped; `test` is the one the machine provides. */
export const ADMIN_PG_URL = process.env.OTKLIK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function sourcesHash(): string {
  const hash = createHash('sha256');
  const dirs = ['server/db/migrations', 'server/seed'];
  const files = ['server/db/seed.ts', 'server/start.ts', 'server/closed-docs.ts'];
  for (const dir of dirs) {
    for (const name of readdirSync(join(ROOT, dir)).sort()) {
      if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(`${dir}/${name}`);
    }
  }
  for (const file of files) hash.update(file).update('\0').update(readFileSync(join(ROOT, file))).update('\0');
  return hash.digest('hex').slice(0, 12);
}

/** Identifies a seeded database: the generator options plus the code that shapes the data. */
export function seedKey(appeals: number): string {
  return `a${appeals}_${sourcesHash()}`;
}

/**
 * A region's server has long since read (and hint-bitted) its old rows; a freshly bulk-loaded
 * one dirties and writes back every page on its first read, which would be measured as pull
 * time in every run. Freezing the seeded data once gives the steady state.
 */
const SETTLE_SQL = 'VACUUM (FREEZE, ANALYZE)';

async function seedThrough(env: Record<string, string>, appeals: number): Promise<void> {
  const started = Date.now();
  console.error(`# seeding ${appeals} demo appeals once for the benchmark cache…`);
  const server = await spawnServer({ port: await freePort(), env: { ...env, OTKLIK_DEMO_APPEALS: String(appeals) } });
  await server.stop();
  console.error(`# seeded in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** A fresh PGlite folder holding the seeded demo region; the caller removes it when done. */
export async function seededPgliteCopy(appeals: number): Promise<string> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const key = seedKey(appeals);
  const cached = join(CACHE_DIR, `pglite_${key}`);
  if (!existsSync(cached)) {
    for (const name of readdirSync(CACHE_DIR)) {
      const pid = Number(/\.partial-(\d+)$/.exec(name)?.[1]);
      if (Number.isFinite(pid) && !alive(pid)) rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
    }
    const partial = `${cached}.partial-${process.pid}`;
    try {
      await seedThrough({ OTKLIK_DATA_DIR: partial, DATABASE_URL: '', OTKLIK_SEED: '1' }, appeals);
      const lite = await PGlite.create({ dataDir: partial });
      await lite.exec(SETTLE_SQL);
      await lite.close();
      // Another run may have finished the same seed meanwhile: keep theirs.
      if (!existsSync(cached)) renameSync(partial, cached);
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
    // Older seeds of the same size are dead weight (hundreds of MB each).
    for (const name of readdirSync(CACHE_DIR)) {
      if (name.startsWith(`pglite_a${appeals}_`) && name !== `pglite_${key}` && !name.includes('.partial-')) rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
    }
  }
  const copy = mkdtempSync(join(tmpdir(), 'otklik-bench-'));
  cpSync(cached, copy, { recursive: true });
  return copy;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function urlOf(database: string): string {
  const url = new URL(ADMIN_PG_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface BenchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Databases left by benchmark runs that died before dropping them (their pid is in the name). */
async function dropOrphans(c: pg.Client): Promise<void> {
  const res = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'otklik\\_bench\\_%'`);
  for (const { datname } of res.rows) {
    const owner = /^otklik_bench_(\d+)_[0-9a-f]+$/.exec(datname) ?? /_partial_(\d+)$/.exec(datname);
    if (owner && !alive(Number(owner[1]))) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

/** The seeded template for this many appeals, made once (concurrent makers: the first one wins). */
async function seededTemplate(appeals: number): Promise<string> {
  const template = `otklik_bench_seed_${seedKey(appeals)}`;
  const exists = async (c: pg.Client) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rows.length > 0;
  if (await admin(exists)) return template;
  const partial = `${template}_partial_${process.pid}`;
  await admin((c) => c.query(`CREATE DATABASE ${partial}`));
  try {
    await seedThrough({ DATABASE_URL: urlOf(partial), OTKLIK_SEED: '1' }, appeals);
    const settle = new pg.Client({ connectionString: urlOf(partial) });
    await settle.connect();
    await settle.query(SETTLE_SQL);
    await settle.end();
    await admin(async (c) => {
      if (await exists(c)) return;
      await c.query(`ALTER DATABASE ${partial} RENAME TO ${template}`);
      // Older seeds of the same size (another schema or generator) are dead weight.
      const stale = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2 AND datname NOT LIKE '%\_partial\_%'`, [
        `otklik_bench_seed_a${appeals}\\_%`,
        template,
      ]);
      for (const row of stale.rows) await c.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    });
  } finally {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${partial} WITH (FORCE)`));
  }
  return template;
}

/**
 * A fresh PostgreSQL database holding the seeded demo region, created from a seeded template
 * database (made on first use); drop it when done.
 */
export async function seededPostgres(appeals: number): Promise<BenchDatabase> {
  await admin(dropOrphans);
  const template = await seededTemplate(appeals);
  const name = `otklik_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    url: urlOf(name),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
