import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { factsOf, type AppealFacts } from '../../shared/facts';
import { DEFAULT_RESONANCE_SETTINGS } from '../../shared/resonance';
import type { FactsView } from '../analytics';
import { createDb, type OtklikDb } from '../db/schema';
import { t } from '../i18n';
import { makeAppeal } from '../sync/testing/fake-server';
import { ResonanceWatcher } from './resonance-watcher';

let db: OtklikDb;
let watcher: ResonanceWatcher | null = null;

afterEach(async () => {
  watcher?.stop();
  db.close();
  await db.delete();
});

const NOW = new Date('2026-11-16T15:00:00+03:00');
const DAY = 86_400_000;

/** A quiet month of one rubbish complaint every other day in Гиагинский район, then `today` of them today. */
function month(today: number): AppealFacts[] {
  const out: AppealFacts[] = [];
  for (let back = 28; back >= 1; back -= 2) out.push(factsOf(makeAppeal({ id: `old${back}`, municipalityId: 'giaginsky', text: 'Не вывозят мусор', receivedAt: new Date(NOW.getTime() - back * DAY).toISOString() })));
  for (let i = 0; i < today; i++) out.push(factsOf(makeAppeal({ id: `today${i}`, municipalityId: 'giaginsky', text: 'Контейнер переполнен, мусор не вывозят', receivedAt: new Date(NOW.getTime() - 3_600_000).toISOString() })));
  return out;
}

/** A facts source the test drives: a new view is a pull that changed the replica. */
function facts(initial: AppealFacts[]) {
  let view: FactsView = { facts: initial, revision: 1 };
  const listeners = new Set<(v: FactsView) => void>();
  return {
    get: async () => view,
    subscribe(listener: (v: FactsView) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next: AppealFacts[]) {
      view = { facts: next, revision: view.revision + 1 };
      for (const l of listeners) l(view);
    },
  };
}

async function settle(w: ResonanceWatcher) {
  await new Promise((r) => setTimeout(r, 30));
  await w.idle();
}

it('tells the supervisor of a spike once, in the bell and on the desktop, however often the facts change that day', async () => {
  db = createDb(`resonance-${crypto.randomUUID()}`);
  await db.municipalities.put({ id: 'giaginsky', name: 'Гиагинский район', kind: 'district', settlements: [] });
  const shown: string[] = [];
  const source = facts(month(2));
  let bootstrapping = true;
  watcher = new ResonanceWatcher({
    db,
    facts: source,
    userId: 'u-curator',
    bridge: { notify: async (title, body) => void shown.push(`${title}: ${body}`) },
    t,
    settings: () => DEFAULT_RESONANCE_SETTINGS,
    bootstrapping: () => bootstrapping,
    now: () => NOW,
    settleMs: 5,
  });
  watcher.start();

  // While the replica is first filled nothing is judged; two complaints are no spike anyway.
  source.set(month(9));
  await settle(watcher);
  expect(await db.notifications.count()).toBe(0);

  bootstrapping = false;
  await settle(watcher);
  const [notice] = await db.notifications.toArray();
  expect(notice).toMatchObject({ id: 'resonance:waste_pickup:giaginsky:2026-11-16', kind: 'resonance', userId: 'u-curator', title: 'Резонанс: Вывоз мусора' });
  expect(notice!.body).toBe('Гиагинский район: сегодня обращений — 9, обычно 0,5 в день.');
  expect(shown).toEqual([`${notice!.title}: ${notice!.body}`]);

  // More of the same today, another pull, a restart: still the same news.
  source.set(month(14));
  await settle(watcher);
  watcher.stop();
  watcher = new ResonanceWatcher({ db, facts: source, userId: 'u-curator', bridge: { notify: async (title) => void shown.push(title) }, t, settings: () => DEFAULT_RESONANCE_SETTINGS, bootstrapping: () => false, now: () => NOW, settleMs: 5 });
  watcher.start();
  await settle(watcher);
  expect(await db.notifications.count()).toBe(1);
  expect(shown).toHaveLength(1);
});

it('with thresholds set high, the same day is no news', async () => {
  db = createDb(`resonance-${crypto.randomUUID()}`);
  const source = facts(month(9));
  watcher = new ResonanceWatcher({ db, facts: source, userId: 'u-curator', bridge: { notify: async () => undefined }, t, settings: () => ({ ...DEFAULT_RESONANCE_SETTINGS, minCount: 10 }), bootstrapping: () => false, now: () => NOW, settleMs: 5 });
  watcher.start();
  await settle(watcher);
  expect(await db.notifications.count()).toBe(0);
});
