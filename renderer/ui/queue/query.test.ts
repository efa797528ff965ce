import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type OtklikDb } from '../../db/schema';
import { enqueue } from '../../sync/outbox';
import { assignMutation } from '../../sync/actions';
import { CLERK, COLLEAGUE, makeAppeal } from '../../sync/testing/fake-server';
import { firstLine, loadQueue } from './query';

let db: OtklikDb;

beforeEach(async () => {
  db = createDb(`queue-${crypto.randomUUID()}`);
  await db.users.bulkPut([CLERK, COLLEAGUE]);
  await db.appeals.bulkPut([
    makeAppeal({ id: 'late', dueAt: '2025-03-20T10:00:00.000Z' }),
    makeAppeal({ id: 'soon', dueAt: '2025-03-05T10:00:00.000Z', status: 'in_progress' }),
    makeAppeal({ id: 'done', dueAt: '2025-03-01T10:00:00.000Z', status: 'answered' }),
    makeAppeal({ id: 'theirs', dueAt: '2025-03-02T10:00:00.000Z', assigneeId: COLLEAGUE.id }),
    makeAppeal({ id: 'unassigned', dueAt: '2025-03-02T10:00:00.000Z', assigneeId: null, status: 'new' }),
  ]);
});

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('queue', () => {
  it('a clerk sees their own open appeals, earliest deadline first', async () => {
    expect((await loadQueue(db, CLERK)).map((a) => a.id)).toEqual(['soon', 'late']);
  });

  it('a supervisor sees every open appeal of the scope', async () => {
    expect((await loadQueue(db, { id: 'boss', role: 'supervisor' })).map((a) => a.id)).toEqual(['theirs', 'unassigned', 'soon', 'late']);
  });

  it('an appeal handed to a colleague leaves the queue at once', async () => {
    await enqueue(db, { ...CLERK, role: 'supervisor' }, await assignMutation(db, 'soon', COLLEAGUE.id));
    expect((await loadQueue(db, CLERK)).map((a) => a.id)).toEqual(['late']);
  });

  it('previews the first non-empty line', () => {
    expect(firstLine('\n  Нет воды  \nвторая строка')).toBe('Нет воды');
    expect(firstLine('а'.repeat(300), 10)).toBe('ааааааааа…');
  });
});
