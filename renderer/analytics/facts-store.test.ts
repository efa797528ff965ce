import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeAnalytics } from '../../shared/analytics';
import type { Appeal } from '../../shared/domain';
import { factsOf } from '../../shared/facts';
import { topicMask } from '../../shared/topics';
import { META } from '../db/meta';
import { createDb, type OtklikDb } from '../db/schema';
import { makeAppeal } from '../sync/testing/fake-server';
import { writePage } from '../sync/pull';
import { FactsStore } from './facts-store';
import { openSnapshotDb } from './snapshot';

let db: OtklikDb;
let snapshotName: string;
const stores: FactsStore[] = [];

const newStore = () => {
  const s = new FactsStore(db, 'boss', snapshotName);
  stores.push(s);
  return s;
};

const appeal = (i: number, extra: Partial<Appeal> = {}) =>
  makeAppeal({
    id: `a${String(i).padStart(3, '0')}`,
    receivedAt: new Date(Date.UTC(2025, 2, 1 + (i % 28), 9)).toISOString(),
    category: i % 3 === 0 ? 'social' : 'roads',
    text: i % 3 === 0 ? 'Прекратили выплату единого пособия на третьего ребёнка' : 'На улице огромные ямы',
    ...extra,
  });

/** Writes as a pull does: one page, in one transaction, with the cursor. */
async function pull(appeals: Appeal[], cursor: number) {
  await writePage(db, { changes: appeals.map((a, i) => ({ seq: cursor - appeals.length + i + 1, entity: 'appeal', id: a.id, op: 'upsert', data: a })), cursor, hasMore: false });
}

const settle = () => new Promise((r) => setTimeout(r, 80));

beforeEach(async () => {
  const name = crypto.randomUUID();
  db = createDb(`facts-${name}`);
  snapshotName = `facts-snap-${name}`;
  await db.meta.put({ key: META.ownerId, value: 'boss' });
  await pull(Array.from({ length: 120 }, (_, i) => appeal(i)), 120);
});

afterEach(async () => {
  for (const s of stores.splice(0)) s.stop();
  db.close();
  await db.delete();
});

describe('the facts store of supervisors’ figures', () => {
  it('holds the facts of every appeal of the replica, so figures match a computation over the records', async () => {
    const view = await newStore().get();
    const appeals = await db.appeals.toArray();
    expect(view.facts).toHaveLength(120);
    const options = { period: { from: '2025-03-01', to: '2025-03-31' }, granularity: 'month' as const, now: new Date('2025-04-01T10:00:00Z') };
    expect(computeAnalytics(view.facts, options)).toEqual(computeAnalytics(appeals.map((a) => factsOf(a)), options));
    expect(view.facts.find((f) => f.id === 'a000')?.topics).toBe(topicMask('единого пособия'));
  });

  it('follows small pulls appeal by appeal: a change, a new appeal, an appeal that left the scope', async () => {
    const store = newStore();
    const seen: number[] = [];
    store.subscribe((v) => seen.push(v.facts.length));
    const first = await store.get();
    await pull([appeal(5, { status: 'answered', firstRespondedAt: '2025-03-07T10:00:00.000Z', version: 2 }), appeal(500)], 122);
    await writePage(db, { changes: [{ seq: 123, entity: 'appeal', id: 'a007', op: 'delete' }], cursor: 123, hasMore: false });
    await settle();
    const view = await store.get();
    expect(view.revision).toBeGreaterThan(first.revision);
    expect(view.facts).toHaveLength(120);
    const byId = new Map(view.facts.map((f) => [f.id, f]));
    expect(byId.get('a005')).toMatchObject({ status: 'answered', firstRespondedAt: Date.parse('2025-03-07T10:00:00.000Z') });
    expect(byId.has('a500')).toBe(true);
    expect(byId.has('a007')).toBe(false);
    expect(new Set(view.facts.map((f) => f.id)).size).toBe(view.facts.length);
    expect(seen.at(-1)).toBe(120);
  });

  it('reads everything again after a bulk write (a bootstrap page)', async () => {
    const store = newStore();
    await store.get();
    await pull(Array.from({ length: 80 }, (_, i) => appeal(200 + i)), 300);
    const view = await store.get();
    expect(view.facts).toHaveLength(200);
  });

  it('a new session starts from the saved snapshot while the replica has not changed, and reads the replica once it has', async () => {
    const first = newStore();
    await first.get();
    expect(await first.persist()).toBe(true);
    first.stop();

    // Doctor the snapshot: a store that used it shows the doctored figure.
    const snapshots = openSnapshotDb(snapshotName);
    const stored = (await snapshots.snapshots.get('boss'))!;
    stored.status[0] = 7; // closed
    await snapshots.snapshots.put(stored);
    snapshots.close();
    const fromSnapshot = await newStore().get();
    expect(fromSnapshot.facts.find((f) => f.id === stored.ids[0])?.status).toBe('closed');

    // The replica moved on (another pull) while nobody watched: the snapshot no longer counts.
    for (const s of stores.splice(0)) s.stop();
    await db.meta.put({ key: META.cursor, value: 999 });
    const fresh = await newStore().get();
    expect(fresh.facts.find((f) => f.id === stored.ids[0])?.status).toBe('assigned');
  });
});
