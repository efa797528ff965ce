import 'fake-indexeddb/auto';
import { afterEach, expect, it, vi } from 'vitest';
import { createDb, type OtklikDb } from '../db/schema';
import { t } from '../i18n';
import { CLERK, makeAppeal } from '../sync/testing/fake-server';
import { ReplicaIndex } from '../ui/queue/replica-index';
import { NotificationWatcher } from './watcher';

let db: OtklikDb;
let index: ReplicaIndex;
let watcher: NotificationWatcher;
const shown: string[] = [];

afterEach(async () => {
  watcher.stop();
  index.stop();
  db.close();
  await db.delete();
  shown.length = 0;
});

async function start(): Promise<void> {
  db = createDb(`watcher-${crypto.randomUUID()}`);
  await db.appeals.bulkPut(Array.from({ length: 80 }, (_, i) => makeAppeal({ id: `a${i}`, assigneeId: 'u-other' })));
  index = new ReplicaIndex(db);
  index.start();
  await index.ready();
  const bridge = { notify: async (title: string, body: string) => void shown.push(`${title}: ${body}`) };
  watcher = new NotificationWatcher({ db, index, userId: CLERK.id, bridge, t, bootstrapping: () => false, deadlineCheckMs: 3_600_000 });
  watcher.start();
}

const assignedTo = (id: string) => makeAppeal({ id, assigneeId: CLERK.id, author: { name: 'Бэла Тхагапсова' } });

it('an appeal handed to the clerk is told, whether it came alone or in a pulled page of sixty', async () => {
  await start();
  await db.appeals.put(assignedTo('a3'));
  await vi.waitFor(async () => expect((await db.notifications.toArray()).map((n) => n.appealId)).toEqual(['a3']));

  // Dexie reports a put of 50 rows or more as the whole table changed: the index re-reads it all.
  const page = Array.from({ length: 60 }, (_, i) => makeAppeal({ id: `a${20 + i}`, assigneeId: 'u-other', text: 'Обновлено' }));
  page[7] = assignedTo('a27');
  await db.appeals.bulkPut(page);
  await vi.waitFor(async () => expect((await db.notifications.toArray()).map((n) => n.appealId).sort()).toEqual(['a27', 'a3']));
  await watcher.idle();
  expect(shown).toHaveLength(2);
  expect(shown[1]).toContain('Бэла Тхагапсова');
});

it('a page that hands the clerk more appeals than anyone reads one by one is not told appeal by appeal', async () => {
  await start();
  await db.appeals.bulkPut(Array.from({ length: 80 }, (_, i) => assignedTo(`a${i}`)));
  await vi.waitFor(() => expect(index.items.get('a79')?.assigneeId).toBe(CLERK.id));
  await watcher.idle();
  expect(await db.notifications.count()).toBe(0);
});
