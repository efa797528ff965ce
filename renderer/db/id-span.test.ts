import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { createDb } from './schema';
import { idSpan, inSpan, keysInSpan } from './id-span';
import { makeAppeal } from '../sync/testing/fake-server';

const db = createDb(`span-${crypto.randomUUID()}`);
afterEach(async () => {
  await db.appeals.clear();
  await db.notes.clear();
});

it('reads the records of the ids asked for, not of other appeals whose ids fall between them', async () => {
  await db.appeals.bulkPut(['a1', 'a2', 'a3', 'a4', 'b1'].map((id) => makeAppeal({ id })));
  const note = (id: string, appealId: string) => ({ id, appealId, authorId: 'u', authorName: 'У', body: 'x', createdAt: '2025-03-03T08:00:00.000Z' });
  await db.notes.bulkPut([note('n1', 'a1'), note('n2', 'a2'), note('n3', 'a3'), note('n4', 'a4'), note('n5', 'b1')]);
  const span = idSpan(['a4', 'a1', 'a3']);
  expect(span).toMatchObject({ lo: 'a1', hi: 'a4' });
  expect((await inSpan(db.notes, 'appealId', span, (n) => n.appealId)).map((n) => n.id).sort()).toEqual(['n1', 'n3', 'n4']);
  expect((await keysInSpan(db.appeals, ':id', span)).sort()).toEqual(['a1', 'a3', 'a4']);
  expect(await inSpan(db.notes, 'appealId', idSpan([]), (n) => n.appealId)).toEqual([]);
});
