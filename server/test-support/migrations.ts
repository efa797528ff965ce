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
