import { decideTemplateDelete, decideTemplateSave } from '../../shared/clerk-actions';
import type { Template } from '../../shared/domain';
import type { MutationArgs } from '../../shared/protocol';
import type { Queryable } from '../db/types';
import { templateScope } from '../scopes';
import { applied, rejected, type MutationContext, type Outcome } from './types';

async function loadTemplate(q: Queryable, id: string): Promise<Pick<Template, 'ownerId' | 'municipalityId'> | null> {
  const res = await q.query<{ ownerId: string | null; municipalityId: string | null }>(
    'SELECT owner_id AS "ownerId", municipality_id AS "municipalityId" FROM templates WHERE id = $1 FOR UPDATE',
    [id],
  );
  return res.rows[0] ?? null;
}

/**
 * Saves a template. An edit keeps who owns it (a clerk's own template does not become shared by
 * an edit); a new shared one belongs to the supervisor's municipality, or to the region.
 */
export async function saveTemplate(ctx: MutationContext, args: MutationArgs<'template.save'>): Promise<Outcome> {
  const existing = await loadTemplate(ctx.q, args.templateId);
  const decision = decideTemplateSave({ actor: ctx.actor, existing, wantShared: args.shared === true });
  if (!decision.ok) return rejected(decision.code, decision.message);
  const owner = existing ?? { ownerId: args.shared ? null : ctx.actor.id, municipalityId: ctx.actor.municipalityId };
  await ctx.q.query(
    `INSERT INTO templates (id, title, body, owner_id, municipality_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, updated_at = EXCLUDED.updated_at`,
    [args.templateId, args.title, args.body, owner.ownerId, owner.municipalityId, ctx.now],
  );
  ctx.changes.upsert('template', args.templateId, templateScope(owner));
  return applied;
}

export async function deleteTemplate(ctx: MutationContext, args: MutationArgs<'template.delete'>): Promise<Outcome> {
  const existing = await loadTemplate(ctx.q, args.templateId);
  const decision = decideTemplateDelete({ actor: ctx.actor, existing });
  if (!decision.ok || !existing) return decision.ok ? rejected('not_found', 'Template not found') : rejected(decision.code, decision.message);
  await ctx.q.query('DELETE FROM templates WHERE id = $1', [args.templateId]);
  ctx.changes.remove('template', args.templateId, templateScope(existing));
  return applied;
}
