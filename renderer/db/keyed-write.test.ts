import 'fake-indexeddb/auto';
import Dexie, { type ObservabilitySet } from 'dexie';
import { afterEach, expect, it } from 'vitest';
import { CLERK, makeAppeal } from '../sync/testing/fake-server';
import { changedKeys } from './changed-keys';
import { bulkPutKeyed } from './keyed-write';
import { createDb, type OtklikDb } from './schema';

let db: OtklikDb;
let seen: ObservabilitySet[] = [];
const listen = (parts: ObservabilitySet) => void seen.push(parts);

afterEach(async () => {
  Dexie.on.storagemutated.unsubscribe(listen);
  seen = [];
  db.close();
  await db.delete();
});

it('a page of 120 appeals is reported to the replica indexes appeal by appeal, not as the whole table', async () => {
  db = createDb(`keyed-${crypto.randomUUID()}`);
  await db.open();
  Dexie.on('storagemutated', listen);
  const rows = Array.from({ length: 120 }, (_, i) => makeAppeal({ id: `a${String(i).padStart(3, '0')}`, assigneeId: CLERK.id }));
  const appealsPart = () => seen.map((parts) => changedKeys(parts[`idb://${db.name}/appeals/`])).filter((k) => k !== null);

  await db.transaction('rw', db.appeals, async () => await bulkPutKeyed(db.appeals, rows));
  expect(await db.appeals.count()).toBe(120);
  const keys = appealsPart().flatMap((k) => (k === 'all' ? ['all'] : k));
  expect(keys.sort()).toEqual(rows.map((r) => r.id));

  // The same page as one bulkPut is what the indexes cannot tell apart.
  seen = [];
  await db.appeals.bulkPut(rows);
  expect(appealsPart()).toContain('all');
});
