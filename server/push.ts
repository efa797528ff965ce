import type { ApprovalPolicy } from '../shared/approval';
import type { User } from '../shared/domain';
import { errorCodeSchema, parseMutation, type MutationEnvelope, type MutationResult } from '../shared/protocol';
import { writeTx } from './changes';
import type { Db, Queryable } from './db/types';
import { applyMutation } from './mutations/index';
import { loadAppeal } from './repo/appeals';
import { canSeeAppeal } from '../shared/permissions';
import { rejected, type Outcome } from './mutations/types';

function toResult(id: string, o: Outcome): MutationResult {
  if (o.status !== 'rejected') return { id, status: o.status };
  return o.current ? { id, status: 'rejected', code: o.code, message: o.message, current: o.current } : { id, status: 'rejected', code: o.code, message: o.message };
}

/**
 * Claims (clientId, mutationId) first: a concurrent second push of the same mutation waits on the
 * row and then sees it taken. What was already processed answers as before — 'duplicate' when it
 * took effect, the same rejection when it was refused (a rejection must never look applied).
 */
async function claim(q: Queryable, clientId: string, userId: string, env: MutationEnvelope): Promise<Outcome | null> {
  const res = await q.query(
    `INSERT INTO client_mutations (client_id, mutation_id, user_id, name, status) VALUES ($1, $2, $3, $4, 'pending')
     ON CONFLICT (client_id, mutation_id) DO NOTHING RETURNING 1`,
    [clientId, env.id, userId, env.name],
  );
  if (res.rows.length > 0) return null;
  const prev = await q.query<{ status: string; code: string | null; message: string | null }>(
    'SELECT status, code, message FROM client_mutations WHERE client_id = $1 AND mutation_id = $2',
    [clientId, env.id],
  );
  const row = prev.rows[0];
  if (row?.status === 'rejected') return rejected(errorCodeSchema.catch('validation_failed').parse(row.code), row.message ?? 'Rejected');
  return { status: 'duplicate' };
}

/**
 * An accepted change to an appeal (applied now, or before: a duplicate) is answered with the appeal
 * as it is now, when the caller may still see it. The client's shadow of the server row then
 * becomes this row: folding the change into its old shadow would apply it twice when a pull had
 * already brought the row with it (an earlier copy of the push arrived late and was applied).
 */
async function withCurrent(q: Queryable, actor: User, env: MutationEnvelope, result: MutationResult): Promise<MutationResult> {
  if (result.status === 'rejected' || !env.name.startsWith('appeal.')) return result;
  const appealId = (env.args as { appealId?: unknown } | null)?.appealId;
  if (typeof appealId !== 'string') return result;
  const appeal = await loadAppeal(q, appealId);
  return appeal && canSeeAppeal(actor, appeal) ? { ...result, current: appeal } : result;
}

export async function pushOne(
  db: Db,
  opts: { actor: User; clientId: string; approvalPolicy: ApprovalPolicy; address?: string },
  env: MutationEnvelope,
): Promise<MutationResult> {
  return writeTx(db, async (q, changes) => {
    const seen = await claim(q, opts.clientId, opts.actor.id, env);
    if (seen) return withCurrent(q, opts.actor, env, toResult(env.id, seen));
    const parsed = parseMutation(env);
    const outcome = parsed.ok
      ? await applyMutation({ q, changes, actor: opts.actor, now: new Date().toISOString(), approvalPolicy: opts.approvalPolicy, address: opts.address }, parsed.mutation)
      : rejected(parsed.code, parsed.message);
    await q.query('UPDATE client_mutations SET status = $3, code = $4, message = $5 WHERE client_id = $1 AND mutation_id = $2', [
      opts.clientId,
      env.id,
      outcome.status,
      outcome.status === 'rejected' ? outcome.code : null,
      outcome.status === 'rejected' ? outcome.message : null,
    ]);
    return withCurrent(q, opts.actor, env, toResult(env.id, outcome));
  });
}

/**
 * Each mutation in its own transaction, in order. An unexpected error stops the batch: the
 * mutations after it get no result and the client sends them again, still in order.
 */
export async function pushBatch(
  db: Db,
  opts: { actor: User; clientId: string; approvalPolicy: ApprovalPolicy; address?: string; onError?: (err: unknown) => void },
  mutations: readonly MutationEnvelope[],
): Promise<MutationResult[]> {
  const results: MutationResult[] = [];
  for (const env of mutations) {
    try {
      results.push(await pushOne(db, opts, env));
    } catch (err) {
      opts.onError?.(err);
      break;
    }
  }
  return results;
}
