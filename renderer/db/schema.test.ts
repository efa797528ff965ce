import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createDb } from './schema';
import { saveDraft, loadDraft } from './drafts';
import { makeAppeal, CLERK } from '../sync/testing/fake-server';
import { AppealSearch } from '../search/query';

describe('schema upgrades of the replica', () => {
  it('upgrades a version 1 replica in place: appeals become searchable, the outbox and drafts stay', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      appeals: 'id, status, municipalityId, [assigneeId+status]',
      shadows: 'id', replies: 'id, appealId', notes: 'id, appealId', histories: 'appealId', templates: 'id',
      users: 'id, municipalityId', municipalities: 'id', meta: 'key', outbox: '++seq, &id, appealId, state', drafts: 'appealId',
    });
    await v1.table('appeals').put(makeAppeal({ id: 'old', text: 'Упало дерево на дорогу' }));
    await v1.table('outbox').add({ id: 'm1', name: 'reply.submit', args: { body: 'Ответ без связи' }, state: 'pending', appealId: 'old', userId: CLERK.id, createdAt: 'x' });
    await v1.table('drafts').put({ appealId: 'old', body: 'Черновик', userId: CLERK.id, updatedAt: 'x' });
    v1.close();

    const db = createDb(name);
    const search = new AppealSearch(db);
    expect([...((await search.search('деревья')) ?? [])]).toEqual(['old']);
    expect(await db.outbox.count()).toBe(1);
    expect((await loadDraft(db, CLERK.id, 'old'))?.body).toBe('Черновик');
    await saveDraft(db, CLERK.id, 'old', 'Новый черновик');
    expect((await loadDraft(db, CLERK.id, 'old'))?.body).toBe('Новый черновик');
    db.close();
    await Dexie.delete(name);
  });

  it('upgrades a version 2 replica: the stems it stored are dropped, search still finds its appeals', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores({
      appeals: 'id, status, municipalityId, [assigneeId+status], *searchTokens',
      shadows: 'id', replies: 'id, appealId, state, *searchTokens', notes: 'id, appealId', histories: 'appealId', templates: 'id',
      users: 'id, municipalityId', municipalities: 'id', meta: 'key', outbox: '++seq, &id, appealId, state', drafts: 'appealId',
      attachments: 'id, appealId, state', notifications: 'id, userId, at',
    });
    await v2.table('appeals').put({ ...makeAppeal({ id: 'old', text: 'Упало дерево на дорогу' }), searchTokens: ['упа', 'дерев', 'дорог'] });
    v2.close();
    const db = createDb(name);
    expect(await db.appeals.get('old')).not.toHaveProperty('searchTokens');
    expect([...((await new AppealSearch(db).search('деревья')) ?? [])]).toEqual(['old']);
    db.close();
    await Dexie.delete(name);
  });

  it('version 4 drops the appeals index on municipalityId and keeps the ones the queues read', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({
      appeals: 'id, status, municipalityId, [assigneeId+status]',
      shadows: 'id', replies: 'id, appealId, state', notes: 'id, appealId', histories: 'appealId', templates: 'id',
      users: 'id, municipalityId', municipalities: 'id', meta: 'key', outbox: '++seq, &id, appealId, state', drafts: 'appealId',
      attachments: 'id, appealId, state', notifications: 'id, userId, at',
    });
    await v3.table('appeals').put(makeAppeal({ id: 'old', assigneeId: CLERK.id, status: 'assigned' }));
    v3.close();
    const db = createDb(name);
    await db.open();
    // (version 8 adds problemId, for a problem's card: an appeal in no problem has no entry in it)
    expect(db.appeals.schema.indexes.map((i) => i.name).sort()).toEqual(['[assigneeId+status]', 'problemId', 'status']);
    expect(await db.appeals.where('[assigneeId+status]').equals([CLERK.id, 'assigned']).primaryKeys()).toEqual(['old']);
    expect(await db.appeals.where('status').equals('assigned').primaryKeys()).toEqual(['old']);
    db.close();
    await Dexie.delete(name);
  });
});
