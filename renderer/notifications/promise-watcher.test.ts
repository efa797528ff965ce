import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../shared/calendar';
import { newProblem } from '../../shared/problem-effects';
import { createDb, type OtklikDb } from '../db/schema';
import { t } from '../i18n';
import { makeAppeal } from '../sync/testing/fake-server';
import { PromiseWatcher } from './promise-watcher';

let db: OtklikDb;
afterEach(async () => {
  db.close();
  await db.delete();
});

/** Friday 4 December 2026, 15:00 in Moscow. */
const NOW = new Date('2026-12-04T15:00:00+03:00');
const promised = (iso: string, id: string) => ({
  ...newProblem({ problemId: id, title: `Яма ${id}`, category: 'roads', municipalityId: 'maykop', responsibleBodyId: 'maykop', promisedAt: iso }, { id: 'u-1' }, '2026-11-01T09:00:00.000Z'),
});

it('tells a supervisor once about a promise overdue by a working day, naming the body and how late, and not about one just due', async () => {
  db = createDb(`promises-${crypto.randomUUID()}`);
  await db.bodies.put({ id: 'maykop', name: 'Администрация Майкопа', kind: 'municipality', parentId: null });
  // Due on Wednesday evening: two working days overdue. Due this morning: not yet a working day.
  await db.problems.bulkPut([promised('2026-12-02T15:00:00.000Z', 'late'), promised('2026-12-04T07:00:00.000Z', 'fresh')]);
  await db.appeals.put(makeAppeal({ id: 'a-late', problemId: 'late' }));
  const told: string[] = [];
  const watcher = new PromiseWatcher({ db, userId: 'u-cur', bridge: { notify: async (title) => void told.push(title) }, t, calendar: () => DEFAULT_CALENDAR, now: () => NOW, recheckMs: 3_600_000 });
  await watcher.check();
  await watcher.check();
  watcher.stop();
  const notices = await db.notifications.toArray();
  expect(notices.map((n) => [n.kind, n.appealId, n.title])).toEqual([['promise', 'a-late', 'Просрочено обещание: Яма late']]);
  expect(notices[0]!.body).toMatch(/^Администрация Майкопа обещал\(а\) решить к .+; просрочено на .+\.$/);
  expect(told).toEqual(['Просрочено обещание: Яма late']);
});
