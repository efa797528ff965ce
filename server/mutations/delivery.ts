import { canMarkDeliveryManual, canRetryDelivery, type DeliveryState } from '../../shared/channels/delivery';
import { canSeeAppeal } from '../../shared/permissions';
import type { MutationArgs } from '../../shared/protocol';
import { notifyDeliveryQueued } from '../delivery/enqueue';
import { loadAppealForUpdate } from '../repo/appeals';
import { municipalityScope } from '../scopes';
import { applied, duplicate, rejected, type MutationContext, type Outcome } from './types';

type Loaded = { ok: true; state: DeliveryState; municipalityId: string } | { ok: false; outcome: Outcome };

async function load(ctx: MutationContext, deliveryId: string): Promise<Loaded> {
  const res = await ctx.q.query<{ state: DeliveryState; appealId: string }>(
    'SELECT state, appeal_id AS "appealId" FROM deliveries WHERE id = $1 FOR UPDATE',
    [deliveryId],
  );
  const row = res.rows[0];
  if (!row) return { ok: false, outcome: rejected('not_found', 'Delivery not found') };
  const appeal = await loadAppealForUpdate(ctx.q, row.appealId);
  if (!appeal || !canSeeAppeal(ctx.actor, appeal)) return { ok: false, outcome: rejected('not_found', 'Delivery not found') };
  return { ok: true, state: row.state, municipalityId: appeal.municipalityId };
}

/** «Повторить»: a failed delivery goes back to the queue, due now, with a fresh retry budget. */
export async function retryDelivery(ctx: MutationContext, args: MutationArgs<'delivery.retry'>): Promise<Outcome> {
  const loaded = await load(ctx, args.deliveryId);
  if (!loaded.ok) return loaded.outcome;
  // Pressed twice, or on two workstations: the second finds it queued (or already sent) again.
  if (loaded.state === 'queued' || loaded.state === 'sending' || loaded.state === 'delivered') return duplicate;
  if (!canRetryDelivery(loaded.state)) return rejected('invalid_transition', `A ${loaded.state} delivery cannot be retried`);
  await ctx.q.query(
    `UPDATE deliveries SET state = 'queued', next_attempt_at = $2, locked_until = NULL, budget_from = attempts, updated_at = $2 WHERE id = $1`,
    [args.deliveryId, ctx.now],
  );
  ctx.changes.upsert('delivery', args.deliveryId, municipalityScope(loaded.municipalityId));
  await notifyDeliveryQueued(ctx.q);
  return applied;
}

/** «Отметить как отправленный вручную»: the clerk posted it themselves; the worker leaves it alone. */
export async function markDeliveryManual(ctx: MutationContext, args: MutationArgs<'delivery.markManual'>): Promise<Outcome> {
  const loaded = await load(ctx, args.deliveryId);
  if (!loaded.ok) return loaded.outcome;
  if (loaded.state === 'manual') return duplicate;
  if (!canMarkDeliveryManual(loaded.state)) return rejected('invalid_transition', `A ${loaded.state} delivery cannot be marked as sent by hand`);
  await ctx.q.query(`UPDATE deliveries SET state = 'manual', next_attempt_at = NULL, updated_at = $2 WHERE id = $1`, [args.deliveryId, ctx.now]);
  ctx.changes.upsert('delivery', args.deliveryId, municipalityScope(loaded.municipalityId));
  return applied;
}
