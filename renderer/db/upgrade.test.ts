import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type OutboxEntry } from './schema';
import { loadDraft } from './drafts';
import { packedCopy } from './thread-packs';
import { pendingEntries } from '../sync/outbox';
import { snapshotInProgress } from '../sync/snapshot';
import { CLERK, COLLEAGUE, makeAppeal } from '../sync/testing/fake-server';

/**
 * A workstation updated to a new release opens the database its previous release wrote. Whatever
 * the new schema version does, the outbox (what the clerk did offline) and the drafts (what they
 * were typing) must come through unchanged and still work.
 */

type Stores = Record<string, string | null>;

/** Version 1 exactly as the first release shipped it (git: renderer/db/schema.ts at the spine). */
const RELEASED: Array<{ version: number; stores: Stores }> = [
  {
    version: 1,
    stores: {
      appeals: 'id, status, municipalityId, [assigneeId+status]',
      shadows: 'id',
      replies: 'id, appealId',
      notes: 'id, appealId',
      histories: 'appealId',
      templates: 'id',
      users: 'id, municipalityId',
      municipalities: 'id',
      meta: 'key',
      outbox: '++seq, &id, appealId, state',
      drafts: 'appealId',
    },
  },
];

interface DeclaredVersion {
  _cfg: { version: number; storesSource: Stores | null };
}

/**
 * The schema just before the current one, read from the versions createDb declares (Dexie keeps
 * them on the instance): stores of every version but the last, merged in order. So the test
 * follows each new version without being edited.
 */
function previousFromCurrent(): { version: number; stores: Stores } | null {
  const versions = declaredVersions();
  if (versions.length < 2) return null;
  return schemaAt(versions.at(-2)!.version);
}

function declaredVersions(): DeclaredVersion['_cfg'][] {
  const probe = createDb(`probe-${crypto.randomUUID()}`);
  const versions = (probe as unknown as { _versions: DeclaredVersion[] })._versions.map((v) => v._cfg).sort((a, b) => a.version - b.version);
  probe.close();
  return versions;
}

/** The schema exactly as createDb declared it up to `version`. */
function schemaAt(version: number): { version: number; stores: Stores } {
  const stores: Stores = {};
  for (const v of declaredVersions().filter((d) => d.version <= version)) Object.assign(stores, v.storesSource ?? {});
  for (const [table, spec] of Object.entries(stores)) if (spec === null) delete stores[table];
  return { version, stores };
}

const entries: Omit<OutboxEntry, 'seq'>[] = [
  { id: 'm-reply', name: 'reply.submit', args: { replyId: 'r1', appealId: 'a1', body: 'Ответ, написанный без связи' }, createdAt: '2025-03-03T07:10:00.000Z', state: 'pending', appealId: 'a1', userId: CLERK.id },
  { id: 'm-status', name: 'appeal.setStatus', args: { appealId: 'a1', status: 'in_progress', baseVersion: 1 }, createdAt: '2025-03-03T07:11:00.000Z', state: 'pending', appealId: 'a1', userId: CLERK.id },
  { id: 'm-refused', name: 'note.add', args: { noteId: 'n1', appealId: 'a2', body: 'Заметка' }, createdAt: '2025-03-03T07:12:00.000Z', state: 'rejected', code: 'forbidden', message: 'Appeal is outside your scope', appealId: 'a2', userId: CLERK.id },
  { id: 'm-other', name: 'reply.submit', args: { replyId: 'r2', appealId: 'a2', body: 'Ответ коллеги' }, createdAt: '2025-03-03T07:13:00.000Z', state: 'pending', appealId: 'a2', userId: COLLEAGUE.id },
];
const drafts = [
  { appealId: 'a1', body: 'Недописанный ответ', userId: CLERK.id, updatedAt: '2025-03-03T07:20:00.000Z' },
  { appealId: 'a2', body: 'Черновик коллеги', userId: COLLEAGUE.id, updatedAt: '2025-03-03T07:21:00.000Z' },
];

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

async function writeWith(schema: { version: number; stores: Stores }): Promise<string> {
  const name = `upgrade-${schema.version}-${crypto.randomUUID()}`;
  names.push(name);
  const old = new Dexie(name);
  old.version(schema.version).stores(schema.stores);
  await old.table('appeals').bulkPut([makeAppeal({ id: 'a1' }), makeAppeal({ id: 'a2' })]);
  await old.table('outbox').bulkAdd(entries);
  await old.table('drafts').bulkPut(drafts);
  await old.table('meta').bulkPut([{ key: 'clientId', value: 'client-before-update' }, { key: 'cursor', value: 42 }, { key: 'ownerId', value: CLERK.id }]);
  old.close();
  return name;
}

async function expectKept(name: string) {
  const db = createDb(name);
  try {
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map(({ seq: _seq, ...e }) => e)).toEqual(entries);
    // Still in order, still found by the indexes the sync uses.
    expect((await pendingEntries(db, CLERK.id, 10)).map((e) => e.id)).toEqual(['m-reply', 'm-status']);
    expect(await db.outbox.where('state').equals('rejected').count()).toBe(1);
    expect(await db.outbox.where('id').equals('m-other').count()).toBe(1);
    expect((await loadDraft(db, CLERK.id, 'a1'))?.body).toBe('Недописанный ответ');
    expect((await loadDraft(db, COLLEAGUE.id, 'a2'))?.body).toBe('Черновик коллеги');
    expect((await db.meta.get('clientId'))?.value).toBe('client-before-update');
    // And new work can be queued after the old.
    await db.outbox.add({ ...entries[0]!, id: 'm-new' });
    expect((await db.outbox.orderBy('seq').last())?.id).toBe('m-new');
  } finally {
    db.close();
  }
}

describe('schema upgrades keep the outbox and drafts', () => {
  for (const released of RELEASED) {
    it(`from released version ${released.version} to the current one`, async () => {
      await expectKept(await writeWith(released));
    });
  }

  it('from version 4 to the current one: the cursor is kept and the bodies directory is there to fill', async () => {
    const name = await writeWith(schemaAt(4));
    await expectKept(name);
    const db = createDb(name);
    try {
      // The bodies' change rows come after any cursor a v4 replica holds: it keeps its cursor and pulls them.
      expect((await db.meta.get('cursor'))?.value).toBe(42);
      await db.bodies.put({ id: 'minzdrav', name: 'Министерство здравоохранения Республики Адыгея', kind: 'ministry', parentId: 'cur' });
      expect((await db.bodies.get('minzdrav'))?.kind).toBe('ministry');
      expect(await db.appeals.count()).toBe(2);
    } finally {
      db.close();
    }
  });

  it('from version 6: a replica the log filled is not downloaded again, and its threads count as arrived', async () => {
    const name = await writeWith(schemaAt(6));
    await expectKept(name);
    const db = createDb(name);
    try {
      expect((await db.meta.get('cursor'))?.value).toBe(42);
      expect(await snapshotInProgress(db)).toBeNull();
      expect(await db.appeals.count()).toBe(2);
      await db.users.put(CLERK);
      expect((await db.users.get(CLERK.id))?.displayName).toBe(CLERK.displayName);
    } finally {
      db.close();
    }
  });

  it('from version 9: the packed threads it wrote as objects read back whole, kept as text', async () => {
    const name = await writeWith(schemaAt(9));
    const thread = { appealId: 'a1', replies: [], notes: [{ id: 'n1', appealId: 'a1', authorId: CLERK.id, authorName: CLERK.displayName, body: 'Вывезли', createdAt: '2025-03-03T07:00:00.000Z' }], events: [], deliveries: [] };
    const old = new Dexie(name);
    old.version(9).stores(schemaAt(9).stores);
    await old.table('threadPacks').put({ id: 'a1', ids: ['a1'], threads: [thread] });
    old.close();
    await expectKept(name);
    const db = createDb(name);
    try {
      const pack = await db.threadPacks.get('a1');
      expect(pack?.docs.map((d) => new TextDecoder().decode(d))).toEqual([JSON.stringify(thread)]);
      expect(await packedCopy(db, 'a1')).toEqual(thread);
    } finally {
      db.close();
    }
  });

  it('from the version just before the current one', async () => {
    const previous = previousFromCurrent();
    // With one version there is nothing to upgrade from; the released versions above cover it.
    if (previous === null) {
      expect(RELEASED.length).toBeGreaterThan(0);
      return;
    }
    await expectKept(await writeWith(previous));
  });
});
