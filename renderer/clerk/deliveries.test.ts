import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../shared/channels/delivery';
import { createDb, type OtklikDb } from '../db/schema';
import { applyPushResults, enqueue } from '../sync/outbox';
import { writePage } from '../sync/pull';
import { CLERK, makeAppeal } from '../sync/testing/fake-server';
import { deliveryManualMutation, deliveryRetryMutation } from './actions';
import { foldDeliveries, undeliveredAppeals } from './deliveries';

let db: OtklikDb;
const failed = (id: string, appealId: string): Delivery => ({
  id,
  appealId,
  replyId: `r-${id}`,
  kind: 'reply',
  channelId: 'c1',
  platform: 'vk',
  state: 'failed',
  attempts: 2,
  lastError: { code: 'comments_closed', detail: 'VK error 213' },
  externalUrl: null,
  nextAttemptAt: null,
  createdAt: '2025-03-10T09:00:00.000Z',
  updatedAt: '2025-03-10T09:01:00.000Z',
  deliveredAt: null,
});
const shown = async (appealId: string) => foldDeliveries(await db.deliveries.where('appealId').equals(appealId).toArray(), await db.outbox.toArray());

beforeEach(async () => {
  db = createDb(`deliveries-${crypto.randomUUID()}`);
  await db.appeals.bulkPut([makeAppeal({ id: 'a1' }), makeAppeal({ id: 'a2' })]);
  await db.deliveries.bulkPut([failed('d1', 'a1'), failed('d2', 'a2')]);
});

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('the clerk\'s delivery actions', () => {
  it('«Повторить» offline shows the reply queued at once, filed under its appeal, and the appeal leaves «Не доставлено»', async () => {
    expect([...(await undeliveredAppeals(db))].sort()).toEqual(['a1', 'a2']);
    const entry = await enqueue(db, CLERK, deliveryRetryMutation('d1'));
    expect(entry.appealId).toBe('a1');
    expect((await shown('a1'))[0]).toMatchObject({ state: 'queued' });
    expect([...(await undeliveredAppeals(db))]).toEqual(['a2']);
  });

  it('a pull that brings the old failed row while the retry waits does not undo what the clerk sees', async () => {
    await enqueue(db, CLERK, deliveryManualMutation('d2'));
    await writePage(db, { changes: [{ seq: 5, entity: 'delivery', op: 'upsert', id: 'd2', data: { ...failed('d2', 'a2'), attempts: 3 } }], cursor: 5, hasMore: false });
    expect((await shown('a2'))[0]).toMatchObject({ state: 'manual', attempts: 3 });
  });

  it('once applied the row takes the effect; once refused the server\'s state shows again', async () => {
    const ok = await enqueue(db, CLERK, deliveryRetryMutation('d1'));
    const refused = await enqueue(db, CLERK, deliveryRetryMutation('d2'));
    await applyPushResults(db, [ok, refused], [
      { id: ok.id, status: 'applied' },
      { id: refused.id, status: 'rejected', code: 'not_found', message: 'Delivery not found' },
    ]);
    expect((await db.deliveries.get('d1'))?.state).toBe('queued');
    expect((await shown('a2'))[0]?.state).toBe('failed');
    expect([...(await undeliveredAppeals(db))]).toEqual(['a2']);
  });
});
