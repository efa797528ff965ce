import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type OtklikDb } from '../db/schema';
import { makeAppeal } from '../sync/testing/fake-server';
import { writePage } from '../sync/pull';
import { AppealSearch } from './query';

let db: OtklikDb;
let search: AppealSearch;

beforeEach(async () => {
  db = createDb(`search-${crypto.randomUUID()}`);
  search = new AppealSearch(db);
  search.start();
  // Written through the sync client's page writer, as a pull writes them.
  await writePage(db, {
    cursor: 4,
    hasMore: false,
    changes: [
      { seq: 1, entity: 'appeal', id: 'roads', op: 'upsert', data: makeAppeal({ id: 'roads', text: 'На улице Пушкина разбита дорога, ямы глубиной по колено', address: 'ул. Пушкина, д. 3' }) },
      { seq: 2, entity: 'appeal', id: 'water', op: 'upsert', data: makeAppeal({ id: 'water', text: 'Третий день нет воды в доме', author: { name: 'Бэла Тхагапсова' } }) },
      { seq: 3, entity: 'appeal', id: 'light', op: 'upsert', data: makeAppeal({ id: 'light', text: 'Не горят фонари во дворе' }) },
      {
        seq: 4,
        entity: 'reply',
        id: 'r1',
        op: 'upsert',
        data: { id: 'r1', appealId: 'light', authorId: 'u', authorName: 'И', body: 'Электрики заменят лампы на дороге к школе', attachments: [], state: 'published', createdAt: '2025-03-03T07:00:00.000Z', updatedAt: '2025-03-03T07:00:00.000Z' },
      },
    ],
  });
});

afterEach(async () => {
  search.stop();
  db.close();
  await db.delete();
});

const ids = async (q: string) => [...((await search.search(q)) ?? [])].sort();

describe('appeal search', () => {
  it('finds word forms: «дорогу» finds «дорога» in the text and «дороге» in a reply', async () => {
    expect(await ids('дорогу')).toEqual(['light', 'roads']);
    expect(await ids('Дороги')).toEqual(['light', 'roads']);
  });

  it('every word must match, anywhere in the appeal', async () => {
    expect(await ids('дорога Пушкина')).toEqual(['roads']);
    expect(await ids('дорога вода')).toEqual([]);
  });

  it('finds by author and by a half-typed word', async () => {
    expect(await ids('тхагапсовой')).toEqual(['water']);
    expect(await ids('фона')).toEqual(['light']);
  });

  it('an empty query is no search at all', async () => {
    expect(await search.search('  , ')).toBeNull();
  });

  it('keeps up with new replies and hides its stems from readers', async () => {
    expect(await ids('трубы')).toEqual([]);
    await db.replies.put({ id: 'r2', appealId: 'water', authorId: 'u', authorName: 'И', body: 'Меняем трубы', attachments: [], state: 'published', createdAt: 'x', updatedAt: 'x' });
    await new Promise((r) => setTimeout(r, 20));
    expect(await ids('труба')).toEqual(['water']);
    expect(await db.appeals.get('roads')).not.toHaveProperty('searchTokens');
    expect((await db.replies.toArray())[0]).not.toHaveProperty('searchTokens');
  });
});
