import { MIGRATIONS } from '../db/migrations/index';
import type { Db } from '../db/types';

/**
 * A database as a region's server left it before migration `id`: every earlier migration applied
 * and recorded, so that a test can write the old rows and then run `migrate` as an upgrade would.
 */
export async function migrateBefore(db: Db, id: string): Promise<void> {
  const at = MIGRATIONS.findIndex((x) => x.id === id);
  if (at < 0) throw new Error(`no migration ${id}`);
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const m of MIGRATIONS.slice(0, at)) {
    await db.exec(m.sql);
    await db.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
  }
}

/** The municipality (and its body under the ЦУР) that an old appeal row written by a migration test belongs to. */
export async function insertMaykop(db: Db): Promise<void> {
  await db.query(`INSERT INTO municipalities (id, name, kind, settlements, sort) VALUES ('maykop', 'Майкоп', 'city', '{}', 0)`);
  await db.query(`INSERT INTO bodies (id, name, kind, parent_id) SELECT 'cur', 'ЦУР', 'cur', NULL WHERE NOT EXISTS (SELECT 1 FROM bodies WHERE kind = 'cur')`);
  await db.query(`INSERT INTO bodies (id, name, kind, parent_id) SELECT 'maykop', 'Майкоп', 'municipality', (SELECT id FROM bodies WHERE kind = 'cur' LIMIT 1) ON CONFLICT (id) DO NOTHING`);
}
