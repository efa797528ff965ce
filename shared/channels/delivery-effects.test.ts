import { describe, expect, it } from 'vitest';
import type { Delivery } from './delivery';
import { deliveryAfter, isUndelivered } from './delivery-effects';

const failed: Delivery = {
  id: 'd1',
  appealId: 'a1',
  replyId: 'r1',
  kind: 'reply',
  channelId: 'c1',
  platform: 'telegram',
  state: 'failed',
  attempts: 3,
  lastError: { code: 'recipient_blocked', detail: 'Forbidden: bot was blocked by the user' },
  externalUrl: null,
  nextAttemptAt: null,
  createdAt: '2026-12-02T10:00:00.000Z',
  updatedAt: '2026-12-02T10:05:00.000Z',
  deliveredAt: null,
};
const at = '2026-12-02T11:00:00.000Z';

describe('deliveryAfter', () => {
  it('«Повторить» puts a failed delivery back in the queue, due now', () => {
    const next = deliveryAfter(failed, 'delivery.retry', at);
    expect(next).toMatchObject({ state: 'queued', nextAttemptAt: at, updatedAt: at, attempts: 3 });
    expect(isUndelivered(next)).toBe(false);
  });

  it('«Отметить как отправленный вручную» stops a failed or a queued delivery', () => {
    expect(deliveryAfter(failed, 'delivery.markManual', at)).toMatchObject({ state: 'manual', nextAttemptAt: null });
    const queued = { ...failed, state: 'queued' as const, nextAttemptAt: at };
    expect(deliveryAfter(queued, 'delivery.markManual', at).state).toBe('manual');
  });

  it('changes nothing where the state does not allow it', () => {
    const delivered = { ...failed, state: 'delivered' as const, lastError: null };
    expect(deliveryAfter(delivered, 'delivery.retry', at)).toBe(delivered);
    expect(deliveryAfter(delivered, 'delivery.markManual', at)).toBe(delivered);
    expect(isUndelivered(failed)).toBe(true);
  });
});
