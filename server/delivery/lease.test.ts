import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../test-support/backends';
import { recoverExpiredLeases } from './lease';

/** A delivery as a process leaves it: `sending`, its lease ending `leaseSeconds` from now (negative: past). */
async function sending(db: Db, id: string, platform: string, leaseSeconds: number): Promise<void> {
  await db.query(
    `INSERT INTO deliveries (id, appeal_id, reply_id, kind, channel_id, platform, body, target, idempotency_key, state, attempts, locked_until, created_at, updated_at)
     VALUES ($1, 'a-1', $1, 'reply', 'ch-1', $2, 'Ответ', '{"peer_id": 1}', $1, 'sending', 1, now() + $3 * interval '1 second', now(), now())`,
    [id, platform, leaseSeconds],
  );
}

describe.each(BACKENDS)('leases left by a stopped process (%s)', (backend) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
    db = await database.open();
    await migrate(db);
  });
  afterAll(async () => database?.dispose());

  it('queues again what an idempotent platform may take twice, stops the rest as unknown_outcome, and leaves live leases alone', async () => {
    await sending(db, 'd-vk', 'vk', -1);
    await sending(db, 'd-ok', 'ok', -1);
    await sending(db, 'd-live', 'ok', 30);
    expect(await recoverExpiredLeases(db, ['vk'])).toBe(2);
    const rows = await db.query<{ id: string; state: string; code: string | null; due: boolean }>(
      `SELECT id, state, last_error_code AS code, next_attempt_at <= now() AS due FROM deliveries ORDER BY id`,
    );
    expect(rows.rows).toEqual([
      { id: 'd-live', state: 'sending', code: null, due: null },
      { id: 'd-ok', state: 'failed', code: 'unknown_outcome', due: null },
      { id: 'd-vk', state: 'queued', code: null, due: true },
    ]);
    expect(await recoverExpiredLeases(db, ['vk'])).toBe(0);
  });
});
