import type { ZodType } from 'zod';
import type { Queryable } from './db/types';

/**
 * A region's setting kept as JSON in `settings` (the approval policy, the deadline rules, the
 * calendar days): read through its schema, so a value written by an older server or by hand that
 * no longer fits falls back to the default instead of breaking every request that reads it.
 */
export async function loadJsonSetting<T>(q: Queryable, key: string, schema: ZodType<T>, fallback: T): Promise<T> {
  const res = await q.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
  const row = res.rows[0];
  if (!row) return fallback;
  let value: unknown;
  try {
    value = JSON.parse(row.value);
  } catch {
    return fallback;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

export async function saveJsonSetting(q: Queryable, key: string, value: unknown): Promise<void> {
  await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, JSON.stringify(value)]);
}

/** Writes the value only where none is stored yet (a variable that seeds a setting at the first start). */
export async function seedJsonSetting(q: Queryable, key: string, value: unknown): Promise<void> {
  await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, JSON.stringify(value)]);
}
