import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { createDb } from './schema';
import { idSpan, inSpan, keysInSpan, packedInSpan } from './id-span';
import { makeAppeal } from '../sync/testing/fake-server';

const db = createDb(`span-${crypto.randomUUID()}`);
afterEach(async () => {
  await db.appeals.clear();
  await db.notes.clear();
  await db.rowPacks.clear();
});

it('reads the records of the ids asked for, not of other appeals whose ids fall between them', async () => {
  await db.appeals.bulkPut(['a1', 'a2', 'a3', 'a4', 'b1'].map((id) => makeAppeal({ id })));
  const note = (id: string, appealId: string) => ({ id, appealId, authorId: 'u', authorName: 'У', body: 'x', createdAt: '2025-03-03T08:00:00.000Z' });
  await db.notes.bulkPut([note('n1', 'a1'), note('n2', 'a2'), note('n3', 'a3'), note('n4', 'a4'), note('n5', 'b1')]);
  const span = idSpan(['a4', 'a1', 'a3']);
  expect(span).toMatchObject({ lo: 'a1', hi: 'a4' });
  expect((await inSpan(db.notes, 'appealId', span, (n) => n.appealId)).map((n) => n.id).sort()).toEqual(['n1', 'n3', 'n4']);
  expect((await keysInSpan(db.appeals, span)).sort()).toEqual(['a1', 'a3', 'a4']);
  expect(await inSpan(db.notes, 'appealId', idSpan([]), (n) => n.appealId)).toEqual([]);
});

it('finds which of the ids packs hold, in packs that begin before the span and in packs that also hold others', async () => {
  const pack = (ids: string[]) => ({ id: ids[0]!, ids, appeals: ids.map((id) => makeAppeal({ id })) });
  await db.rowPacks.bulkPut([pack(['a0', 'a2']), pack(['a3', 'a5', 'b1']), pack(['c1'])]);
  expect((await packedInSpan(db.rowPacks, idSpan(['a2', 'a4', 'a5']))).sort()).toEqual(['a2', 'a5']);
  expect(await packedInSpan(db.rowPacks, idSpan(['a1', 'a4']))).toEqual([]);
  expect(await packedInSpan(db.rowPacks, null)).toEqual([]);
});
