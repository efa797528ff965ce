import type { Delivery } from '../../shared/channels/delivery';
import { deliveryAfter, isDeliveryMutation, isUndelivered } from '../../shared/channels/delivery-effects';
import type { OtklikDb, OutboxEntry } from '../db/schema';

/**
 * Deliveries as the clerk sees them: the server's rows with this workstation's pending «Повторить»
 * and «Отметить как отправленный вручную» folded over them, in outbox order. The rows themselves
 * stay the server's, so a pull that arrives meanwhile never undoes what the clerk pressed, and a
 * refused entry (no longer pending) simply stops showing its effect.
 */
export function foldDeliveries(rows: readonly Delivery[], entries: readonly OutboxEntry[]): Delivery[] {
  const pending = entries.filter((e) => e.state === 'pending' && isDeliveryMutation(e.name));
  if (pending.length === 0) return [...rows];
  return rows.map((row) => {
    let view = row;
    for (const e of pending) if (e.args.deliveryId === row.id && isDeliveryMutation(e.name)) view = deliveryAfter(view, e.name, e.createdAt);
    return view;
  });
}

/**
 * The appeals with a delivery that did not reach the citizen (the «Не доставлено» view), as this
 * workstation sees them: read through the `state` index, less the ones the clerk has just retried
 * or marked as sent by hand.
 */
export async function undeliveredAppeals(db: OtklikDb): Promise<Set<string>> {
  return db.transaction('r', [db.deliveries, db.outbox], async () => {
    const [failed, pending] = await Promise.all([db.deliveries.where('state').equals('failed').toArray(), db.outbox.where('state').equals('pending').toArray()]);
    const out = new Set<string>();
    for (const d of foldDeliveries(failed, pending)) if (isUndelivered(d)) out.add(d.appealId);
    return out;
  });
}
