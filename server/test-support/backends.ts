import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';
import type { Db } from '../db/types';

export const BACKENDS = ['pglite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

const ADMIN_URL = process.env.OTKLIK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  backend: Backend;
  /** Set for PostgreSQL: a fresh database of its own. */
  url: string | undefined;
  open(): Promise<Db>;
  dispose(): Promise<void>;
}

/** PGlite in memory, or a fresh uniquely named PostgreSQL database dropped afterwards. */
export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    let db: Db | null = null;
    return {
      backend,
      url: undefined,
      // One in-memory database per test database: open() hands out the same instance.
      open: async () => (db ??= await openPglite('memory')),
      dispose: async () => {
        await db?.close();
      },
    };
  }
  const name = `otklik_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const opened: Db[] = [];
  return {
    backend,
    url: url.toString(),
    open: async () => {
      const db = await openPostgres(url.toString());
      opened.push(db);
      return db;
    },
    dispose: async () => {
      await Promise.all(opened.map((d) => d.close().catch(() => undefined)));
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
