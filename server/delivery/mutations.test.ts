import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverySchema, type Delivery } from '../../shared/channels/delivery';
import { changeSchema } from '../../shared/protocol';
import { writeTx } from '../changes';
import { BACKENDS } from '../test-support/backends';
import { startTestServer, type TestServer } from '../test-support/server';
import { pullAll, push, replay, uid } from '../test-support/sync';

/** A failed delivery of a reply to appeal a-m1 (Майкоп), as the worker leaves one. */
async function failedDelivery(s: TestServer, id: string): Promise<void> {
  await writeTx(s.db, async (q, changes) => {
    await q.query(
      `INSERT INTO deliveries (id, appeal_id, reply_id, kind, channel_id, platform, body, target, idempotency_key, state, attempts,
         last_error_code, last_error_detail, created_at, updated_at)
       VALUES ($1, 'a-m1', $2, 'reply', 'vk-maykop', 'vk', 'Ответ', '{"peer_id": 1}', $2, 'failed', 1, 'recipient_blocked', 'VK 901', now(), now())`,
      [id, `r-${id}`],
    );
    changes.upsert('delivery', id, 'm:maykop');
  });
}

describe.each(BACKENDS)('deliveries on the wire (%s)', (backend) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    // The clerk's mutations alone: no worker takes the queued row on (worker.test.ts covers that).
    s = await startTestServer(backend, { delivery: false });
    for (const u of ['operator', 'operator2']) tokens[u] = (await s.login(u)).accessToken;
  });
  afterAll(async () => s?.close());

  async function deliveryNow(id: string, as = 'operator'): Promise<Delivery | undefined> {
    const { changes } = await pullAll(s, tokens[as]!);
    for (const c of changes) expect(changeSchema.safeParse(c).success).toBe(true);
    return replay(changes).get(`delivery:${id}`) as Delivery | undefined;
  }

  it('a failed delivery reaches the clerk of its municipality with its reason code, and no one else', async () => {
    const id = uid('d');
    await failedDelivery(s, id);
    const d = await deliveryNow(id);
    expect(deliverySchema.parse(d)).toMatchObject({ state: 'failed', attempts: 1, lastError: { code: 'recipient_blocked', detail: 'VK 901' }, platform: 'vk' });
    expect(await deliveryNow(id, 'operator2')).toBeUndefined();
  });

  it('«Повторить» queues it again; pressed twice it is a duplicate', async () => {
    const id = uid('d');
    await failedDelivery(s, id);
    const first = await push(s, tokens.operator!, [{ name: 'delivery.retry', args: { deliveryId: id } }]);
    const second = await push(s, tokens.operator!, [{ name: 'delivery.retry', args: { deliveryId: id } }]);
    expect([first[0]?.status, second[0]?.status]).toEqual(['applied', 'duplicate']);
    expect((await deliveryNow(id))?.state).toBe('queued');
  });

  it('«Отметить как отправленный вручную» stops it; another municipality cannot touch it', async () => {
    const id = uid('d');
    await failedDelivery(s, id);
    const [foreign] = await push(s, tokens.operator2!, [{ name: 'delivery.markManual', args: { deliveryId: id } }]);
    expect([foreign?.status, foreign?.code]).toEqual(['rejected', 'not_found']);
    const [own] = await push(s, tokens.operator!, [{ name: 'delivery.markManual', args: { deliveryId: id } }]);
    expect(own?.status).toBe('applied');
    expect((await deliveryNow(id))?.state).toBe('manual');
    const [retry] = await push(s, tokens.operator!, [{ name: 'delivery.retry', args: { deliveryId: id } }]);
    expect([retry?.status, retry?.code]).toEqual(['rejected', 'invalid_transition']);
  });
});
