import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APPROVAL_POLICY } from '../shared/approval';
import type { User } from '../shared/domain';
import { migrate } from './db/migrate';
import { seedDemo } from './db/seed';
import type { Db } from './db/types';
import { pushBatch } from './push';
import { BACKENDS, createTestDatabase, type TestDatabase } from './test-support/backends';
import { tinyDemoData } from './test-support/fixture';

const operator: User = { id: 'u-operator', username: 'operator', displayName: 'Ирина Петрова', role: 'clerk', municipalityId: 'maykop' };

/** A database whose Nth transaction fails as if the connection dropped. */
function flaky(db: Db, failAt: number): Db {
  let n = 0;
  return { ...db, tx: (fn) => (++n === failAt ? Promise.reject(new Error('connection reset')) : db.tx(fn)) };
}

describe.each(BACKENDS)('push batch (%s)', (backend) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
    db = await database.open();
    await migrate(db);
    await seedDemo(db, tinyDemoData());
  });
  afterAll(async () => database?.dispose());

  const note = (id: string) => ({ id, name: 'note.add', args: { noteId: `note-${id}`, appealId: 'a-m1', body: 'Заметка' } });

  it('a transient error stops the batch; the retry applies the rest in order, once', async () => {
    const opts = { actor: operator, clientId: 'flaky-client', approvalPolicy: DEFAULT_APPROVAL_POLICY };
    const errors: unknown[] = [];
    const batch = [note('x1'), note('x2'), note('x3')];
    const first = await pushBatch(flaky(db, 2), { ...opts, onError: (e) => errors.push(e) }, batch);
    expect(first).toEqual([{ id: 'x1', status: 'applied' }]);
    expect(errors).toHaveLength(1);
    const retry = await pushBatch(db, opts, batch);
    expect(retry).toEqual([
      { id: 'x1', status: 'duplicate' },
      { id: 'x2', status: 'applied' },
      { id: 'x3', status: 'applied' },
    ]);
    const notes = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notes WHERE id LIKE 'note-x%'`);
    expect(notes.rows[0]?.n).toBe(3);
  });

  it('a reply needing approval is submitted, not published, and leaves the status alone', async () => {
    const policy = { rules: { maykop: ['vk' as const] } };
    const [r] = await pushBatch(db, { actor: operator, clientId: 'c-approval', approvalPolicy: policy }, [
      { id: 'ap1', name: 'reply.submit', args: { replyId: 'reply-ap1', appealId: 'a-m2', body: 'На согласование' } },
    ]);
    expect(r?.status).toBe('applied');
    const row = await db.query<{ state: string; status: string }>(
      `SELECT r.state, a.status FROM replies r JOIN appeals a ON a.id = r.appeal_id WHERE r.id = 'reply-ap1'`,
    );
    expect(row.rows[0]).toEqual({ state: 'submitted', status: 'in_progress' });
  });
});
