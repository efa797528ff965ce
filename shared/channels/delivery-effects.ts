import { canMarkDeliveryManual, canRetryDelivery, type Delivery } from './delivery';

/** The clerk's delivery mutations, whose effect a workstation shows before the server has it. */
export const DELIVERY_MUTATIONS = ['delivery.retry', 'delivery.markManual'] as const;
export type DeliveryMutationName = (typeof DELIVERY_MUTATIONS)[number];

export function isDeliveryMutation(name: string): name is DeliveryMutationName {
  return (DELIVERY_MUTATIONS as readonly string[]).includes(name);
}

/**
 * A delivery as it will be once the server applies the clerk's mutation (server/mutations/delivery.ts
 * makes the same transitions): «Повторить» queues a failed one, due now; «Отметить как отправленный
 * вручную» stops a failed or queued one. A transition the state does not allow changes nothing.
 */
export function deliveryAfter(d: Delivery, name: DeliveryMutationName, at: string): Delivery {
  if (name === 'delivery.retry') {
    return canRetryDelivery(d.state) ? { ...d, state: 'queued', nextAttemptAt: at, updatedAt: at } : d;
  }
  return canMarkDeliveryManual(d.state) ? { ...d, state: 'manual', nextAttemptAt: null, updatedAt: at } : d;
}

/** A reply that did not reach the citizen and waits for a person: what «Не доставлено» lists. */
export function isUndelivered(d: Pick<Delivery, 'state'>): boolean {
  return d.state === 'failed';
}
