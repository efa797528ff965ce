import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Appeal } from '../../../shared/domain';
import { createDb, type OtklikDb } from '../../db/schema';
import { statusMutation } from '../../sync/actions';
import { enqueue } from '../../sync/outbox';
import { CLERK, makeAppeal } from '../../sync/testing/fake-server';
import { toItem, type QueueItem } from './item';
import { RelatedFinder, relatedAppeals } from '../appeal/related-appeals';
import { applyToSorted, QueueProjection } from './queue-projection';
import { ReplicaIndex } from './replica-index';
import { compareItems, countViews, isOwnOpen, SORT_KEYS, STEADY_VIEWS, viewContext } from './views';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

const STATUSES = ['new', 'assigned', 'in_progress', 'clarification', 'answered', 'resolved', 'closed'] as const;
const PLACES = ['Майкоп', 'Ханская', 'Гиагинская', 'Яблоновский', null] as const;
const AUTHORS = ['Заур Хачемизов', 'Бэла Тхагапсова', 'Марина Шхалахова'] as const;
const ADDRESSES = ['ул. Ленина, д. 1', 'ул. Мира, д. 5', null] as const;

function randomAppeal(r: () => number, id: string): Appeal {
  const day = Math.floor(r() * 20);
  return makeAppeal({
    id,
    status: STATUSES[Math.floor(r() * STATUSES.length)]!,
    assigneeId: r() < 0.4 ? CLERK.id : r() < 0.5 ? null : 'u-other',
    settlement: PLACES[Math.floor(r() * PLACES.length)]!,
    priority: r() < 0.2 ? 'urgent' : 'normal',
    author: { name: AUTHORS[Math.floor(r() * AUTHORS.length)]! },
    address: ADDRESSES[Math.floor(r() * ADDRESSES.length)]!,
    // Many equal deadlines and arrivals, so the order leans on its tie-breaks.
    dueAt: `2025-03-${String(1 + day).padStart(2, '0')}T15:00:00.000Z`,
    receivedAt: `2025-02-${String(1 + (day % 5)).padStart(2, '0')}T09:00:00.000Z`,
  });
}

describe('replica index and what follows it', () => {
  let db: OtklikDb;
  let index: ReplicaIndex;
  afterEach(async () => {
    index.stop();
    db.close();
    await db.delete();
  });

  async function start(count: number, r: () => number): Promise<void> {
    db = createDb(`projection-${crypto.randomUUID()}`);
    await db.appeals.bulkPut(Array.from({ length: count }, (_, i) => randomAppeal(r, `a${String(i).padStart(4, '0')}`)));
    index = new ReplicaIndex(db);
    index.start();
    await index.ready();
  }

  /** Waits until the index has taken in the write that made `version` stale. */
  async function settled(version: number): Promise<void> {
    await vi.waitFor(() => expect(index.itemsVersion).toBeGreaterThan(version));
  }

  it('follows the replica: a bulk page, a single change, an optimistic effect, a delete', async () => {
    db = createDb(`index-${crypto.randomUUID()}`);
    await db.appeals.bulkPut(Array.from({ length: 60 }, (_, i) => makeAppeal({ id: `a${i}` })));
    index = new ReplicaIndex(db);
    index.start();
    await index.ready();
    expect(index.get().items.size).toBe(60);

    await db.appeals.bulkPut(Array.from({ length: 60 }, (_, i) => makeAppeal({ id: `b${i}` })));
    await vi.waitFor(() => expect(index.get().items.size).toBe(120));

    await enqueue(db, CLERK, await statusMutation(db, 'a1', 'in_progress'));
    await vi.waitFor(() => expect(index.get().items.get('a1')?.status).toBe('in_progress'));

    await db.appeals.delete('a2');
    await vi.waitFor(() => expect(index.get().items.has('a2')).toBe(false));
    expect(index.get().items.size).toBe(119);
  });

  it('after each pulled change, the order, the counts, the own appeals, the settlements and the related appeals are those of the whole replica', async () => {
    const r = rng(7);
    await start(300, r);
    const projection = new QueueProjection(index);
    const finder = new RelatedFinder(index);
    const ctx = viewContext({ id: CLERK.id, supervisor: false }, new Date('2025-03-10T09:00:00.000Z'));
    const sorts = SORT_KEYS;
    // Derived in full once, then followed change by change.
    for (const sort of sorts) projection.sortedBy(sort);
    projection.steadyCounts(ctx);
    projection.ownOpen(ctx);
    projection.settlements();

    for (let step = 0; step < 40; step++) {
      const version = index.itemsVersion;
      const ids = Array.from({ length: step % 5 === 0 ? 40 : 1 + (step % 3) }, () => `a${String(Math.floor(r() * 320)).padStart(4, '0')}`);
      if (step % 7 === 3) await db.appeals.bulkDelete(ids);
      else await db.appeals.bulkPut(ids.map((id) => randomAppeal(r, id)));
      await settled(version);

      const items = [...index.items.values()];
      for (const sort of sorts) expect(projection.sortedBy(sort).map((i) => i.id)).toEqual([...items].sort(compareItems(sort)).map((i) => i.id));
      expect(projection.steadyCounts(ctx)).toMatchObject(pick(countViews(items, ctx), STEADY_VIEWS));
      expect([...projection.ownOpen(ctx).items.keys()].sort()).toEqual(items.filter((i) => isOwnOpen(i, ctx)).map((i) => i.id).sort());
      const places = [...new Set(items.map((i) => i.settlement).filter((s): s is string => s !== null))].sort((a, b) => a.localeCompare(b, 'ru'));
      expect(projection.settlements()).toEqual(places);
      for (const probe of ['a0001', 'a0002', 'a0003']) {
        const appeal = await db.appeals.get(probe);
        if (appeal) expect(finder.find(appeal).map((x) => x.item.id)).toEqual(relatedAppeals(appeal, items).map((x) => x.item.id));
      }
    }
  });

  it('a pulled change is applied to what was derived, not derived again from the whole replica', async () => {
    await start(50, rng(3));
    const projection = new QueueProjection(index);
    const before = projection.sortedBy('deadline');
    const version = index.itemsVersion;
    const moved = { ...(await db.appeals.get('a0007'))!, dueAt: '2025-01-01T00:00:00.000Z' };
    await db.appeals.put(moved);
    await settled(version);
    const after = projection.sortedBy('deadline');
    expect(after[0]!.id).toBe('a0007');
    // Every other row is the very object it was: only the changed appeal was touched.
    const unchanged = before.filter((i) => i.id !== 'a0007');
    expect(after.slice(1)).toEqual(unchanged);
    expect(after.slice(1).every((item, i) => item === unchanged[i])).toBe(true);
    // Asked again with nothing new, it is the same list.
    expect(projection.sortedBy('deadline')).toBe(after);
  });

  it('related appeals follow changes of the same author\'s or place\'s appeals, and ignore the rest', async () => {
    await start(30, rng(9));
    const author = { name: 'Нафисет Шеуджен' };
    const shown = makeAppeal({ id: 'shown', author, address: 'ул. Победы, д. 9', receivedAt: '2025-03-03T07:00:00.000Z' });
    let version = index.itemsVersion;
    await db.appeals.bulkPut([shown, makeAppeal({ id: 'same-author', author, receivedAt: '2025-02-20T07:00:00.000Z' })]);
    await settled(version);
    const finder = new RelatedFinder(index);
    const first = finder.find(shown);
    expect(first.map((r) => [r.item.id, r.author, r.place])).toEqual([['same-author', true, false]]);

    // Another author's appeal elsewhere: nothing to find again.
    version = index.itemsVersion;
    await db.appeals.put(makeAppeal({ id: 'a0004', author: { name: 'Руслан Тлехас' }, status: 'closed' }));
    await settled(version);
    expect(finder.find(shown)).toBe(first);

    // The same place, another author; and the related one closed meanwhile.
    version = index.itemsVersion;
    await db.appeals.bulkPut([
      makeAppeal({ id: 'same-place', author: { name: 'Аслан Меретуков' }, address: 'ул. Победы, д. 9', receivedAt: '2025-03-01T07:00:00.000Z' }),
      makeAppeal({ id: 'same-author', author, receivedAt: '2025-02-20T07:00:00.000Z', status: 'closed' }),
    ]);
    await settled(version);
    expect(finder.find(shown).map((r) => [r.item.id, r.place, r.item.status])).toEqual([
      ['same-place', true, 'assigned'],
      ['same-author', false, 'closed'],
    ]);
  });

  it('tells what changed since a version, through a full re-read too', async () => {
    await start(20, rng(5));
    const version = index.itemsVersion;
    const was = index.items.get('a0003');
    await db.appeals.put({ ...(await db.appeals.get('a0003'))!, status: 'closed' });
    await settled(version);
    await db.appeals.put(makeAppeal({ id: 'z-new' }));
    await settled(version + 1);
    const changes = index.changesSince(version)!;
    expect([...changes.keys()].sort()).toEqual(['a0003', 'z-new']);
    expect(changes.get('a0003')).toBe(was);
    expect(changes.get('z-new')).toBeUndefined();
    expect(index.changesSince(index.itemsVersion)!.size).toBe(0);

    // A full re-read that finds nothing new keeps every item as it was, and what came before.
    const kept = index.items.get('a0005');
    await index.reloadAll();
    expect(index.items.get('a0005')).toBe(kept);
    expect([...index.changesSince(version)!.keys()].sort()).toEqual(['a0003', 'z-new']);

    // A put of 50 rows or more reaches the index as the whole table changed; the re-read tells
    // exactly which appeals it changed.
    const before = index.itemsVersion;
    await db.appeals.bulkPut(Array.from({ length: 60 }, (_, i) => makeAppeal({ id: `bulk-${i}` })));
    await settled(before);
    expect(index.changesSince(before)!.size).toBe(60);
  });
});

describe('sorted list merge', () => {
  it('many changes at once are merged in one pass, in the same order as a sort', () => {
    const r = rng(11);
    const items = new Map<string, QueueItem>();
    for (let i = 0; i < 500; i++) items.set(`a${i}`, toItem(randomAppeal(r, `a${i}`)));
    const compare = compareItems('priority');
    const sorted = [...items.values()].sort(compare);
    const changes = new Map<string, QueueItem | undefined>();
    for (let i = 0; i < 100; i++) {
      const id = `a${Math.floor(r() * 600)}`;
      if (changes.has(id)) continue;
      changes.set(id, items.get(id));
      if (r() < 0.2) items.delete(id);
      else items.set(id, toItem(randomAppeal(r, id)));
    }
    expect(applyToSorted(sorted, changes, items, compare).map((i) => i.id)).toEqual([...items.values()].sort(compare).map((i) => i.id));
  });
});

function pick<T extends Record<string, number>>(record: T, keys: readonly (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, record[k]])) as Partial<T>;
}
