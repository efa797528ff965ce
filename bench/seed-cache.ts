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
import pg from 'pg';
import { spawnServer } from './spawn-server';

const ROOT = join(import.meta.dirname, '..');
const CACHE_DIR = join(ROOT, '.bench');
/** Where benchmark databases are created and dropped; `test` is the one the machine provides. */
export const ADMIN_PG_URL = process.env.OTKLIK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** A port only the seeding server uses, so it never meets a benchmark's server. */
const SEED_PORT = 18999;

function sourcesHash(): string {
  const hash = createHash('sha256');
  const dirs = ['server/db/migrations', 'server/seed'];
  const files = ['server/db/seed.ts', 'server/start.ts'];
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

async function seedThrough(env: Record<string, string>, appeals: number): Promise<void> {
  const started = Date.now();
  console.error(`# seeding ${appeals} demo appeals once for the benchmark cache…`);
  const server = await spawnServer({ port: SEED_PORT, env: { ...env, OTKLIK_DEMO_APPEALS: String(appeals) } });
  await server.stop();
  console.error(`# seeded in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** A fresh PGlite folder holding the seeded demo region; the caller removes it when done. */
export async function seededPgliteCopy(appeals: number): Promise<string> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const key = seedKey(appeals);
  const cached = join(CACHE_DIR, `pglite_${key}`);
  if (!existsSync(cached)) {
    const partial = `${cached}.partial`;
    rmSync(partial, { recursive: true, force: true });
    await seedThrough({ OTKLIK_DATA_DIR: partial, DATABASE_URL: '', OTKLIK_SEED: '1' }, appeals);
    renameSync(partial, cached);
    // Older seeds of the same size are dead weight (hundreds of MB each).
    for (const name of readdirSync(CACHE_DIR)) {
      if (name.startsWith(`pglite_a${appeals}_`) && name !== `pglite_${key}`) rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
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

/**
 * A fresh PostgreSQL database holding the seeded demo region, created from a seeded template
 * database (made on first use); drop it when done. `appeals: 0` gives an empty, unseeded one.
 */
export async function seededPostgres(appeals: number): Promise<BenchDatabase> {
  const name = `otklik_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  if (appeals === 0) {
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
  } else {
    const template = `otklik_bench_seed_${seedKey(appeals)}`;
    const exists = await admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rows.length > 0);
    if (!exists) {
      const partial = `${template}_partial`;
      await admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${partial} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${partial}`);
      });
      await seedThrough({ DATABASE_URL: urlOf(partial), OTKLIK_SEED: '1' }, appeals);
      await admin(async (c) => {
        await c.query(`ALTER DATABASE ${partial} RENAME TO ${template}`);
        const stale = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2`, [
          `otklik_bench_seed_a${appeals}\\_%`,
          template,
        ]);
        for (const row of stale.rows) await c.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
      });
    }
    await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  }
  return {
    url: urlOf(name),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
