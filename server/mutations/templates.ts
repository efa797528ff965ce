import { decideTemplateDelete, decideTemplateSave } from '../../shared/clerk-actions';
import type { Template } from '../../shared/domain';
import type { MutationArgs } from '../../shared/protocol';
import type { Queryable } from '../db/types';
import { audit } from '../audit/log';
import { templateScope } from '../scopes';
import { applied, rejected, type MutationContext, type Outcome } from './types';

type Stored = Pick<Template, 'ownerId' | 'municipalityId' | 'title' | 'body'>;

async function loadTemplate(q: Queryable, id: string): Promise<Stored | null> {
  const res = await q.query<Stored>('SELECT owner_id AS "ownerId", municipality_id AS "municipalityId", title, body FROM templates WHERE id = $1 FOR UPDATE', [id]);
  return res.rows[0] ?? null;
}

/** A shared template is everybody's text: its changes are in the audit log with before and after; a clerk's own are not. */
async function auditShared(ctx: MutationContext, action: string, subject: string, before: Stored | null, after: Stored | null): Promise<void> {
  if ((before ?? after)?.ownerId !== null) return;
  const view = (t: Stored | null) => t && { title: t.title, body: t.body, municipalityId: t.municipalityId };
  await audit(ctx.q, { kind: 'admin.change', actor: ctx.actor, subject, address: ctx.address ?? null, data: { action, before: view(before), after: view(after) } });
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
  await auditShared(ctx, 'template.save', args.title, existing, { ownerId: owner.ownerId, municipalityId: owner.municipalityId, title: args.title, body: args.body });
  return applied;
}

export async function deleteTemplate(ctx: MutationContext, args: MutationArgs<'template.delete'>): Promise<Outcome> {
  const existing = await loadTemplate(ctx.q, args.templateId);
  const decision = decideTemplateDelete({ actor: ctx.actor, existing });
  if (!decision.ok || !existing) return decision.ok ? rejected('not_found', 'Template not found') : rejected(decision.code, decision.message);
  await ctx.q.query('DELETE FROM templates WHERE id = $1', [args.templateId]);
  ctx.changes.remove('template', args.templateId, templateScope(existing));
  await auditShared(ctx, 'template.delete', existing.title, existing, null);
  return applied;
}
