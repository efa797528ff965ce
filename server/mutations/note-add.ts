import { decideNote } from '../../shared/conflicts';
import type { MutationArgs } from '../../shared/protocol';
import { loadAppealForUpdate, wasAssignedTo } from '../repo/appeals';
import { municipalityScope } from '../scopes';
import { addEvent } from './history';
import { applied, duplicate, rejected, type MutationContext, type Outcome } from './types';

export async function addNote(ctx: MutationContext, args: MutationArgs<'note.add'>): Promise<Outcome> {
  const appeal = await loadAppealForUpdate(ctx.q, args.appealId);
  if (!appeal) return rejected('not_found', 'Appeal not found');
  const decision = decideNote({ actor: ctx.actor, appeal, wasAssignedToActor: await wasAssignedTo(ctx.q, appeal, ctx.actor.id) });
  if (!decision.ok) return rejected(decision.code, decision.message);
  const inserted = await ctx.q.query(
    `INSERT INTO notes (id, appeal_id, author_id, author_name, body, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [args.noteId, appeal.id, ctx.actor.id, ctx.actor.displayName, args.body, ctx.now],
  );
  if (inserted.rows.length === 0) return duplicate;
  ctx.changes.upsert('note', args.noteId, municipalityScope(appeal.municipalityId));
  await addEvent(ctx, appeal, 'note_added', { noteId: args.noteId });
  return applied;
}
