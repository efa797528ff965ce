import type { MutationArgs } from '../../shared/protocol';
import { canSeeAppeal } from '../../shared/permissions';
import { audit } from '../audit/log';
import { loadAppeal } from '../repo/appeals';
import { applied, rejected, type MutationContext, type Outcome } from './types';

/** A time the workstation reports, kept unless it claims the future (a wrong clock). */
function reportedAt(ctx: MutationContext, at: string): string {
  return at > ctx.now ? ctx.now : at;
}

/** The workstation opened this appeal's personal data (first time after a sign-in, maybe offline). */
export async function auditAppealOpened(ctx: MutationContext, args: MutationArgs<'audit.appealOpened'>): Promise<Outcome> {
  const appeal = await loadAppeal(ctx.q, args.appealId);
  // An appeal that has since left the person's scope was still opened: record it all the same.
  await audit(ctx.q, {
    kind: 'appeal.opened',
    actor: ctx.actor,
    appealId: args.appealId,
    address: ctx.address ?? null,
    at: reportedAt(ctx, args.openedAt),
    data: { inScope: appeal !== null && canSeeAppeal(ctx.actor, appeal) },
  });
  return applied;
}

/** A file made on the workstation: what, how many rows, and why. */
export async function auditExport(ctx: MutationContext, args: MutationArgs<'audit.export'>): Promise<Outcome> {
  if (args.kind === 'audit.xlsx' && ctx.actor.role !== 'admin') return rejected('forbidden', 'Only administrators export the audit log');
  await audit(ctx.q, {
    kind: 'export',
    actor: ctx.actor,
    subject: args.kind,
    address: ctx.address ?? null,
    at: reportedAt(ctx, args.exportedAt),
    data: { kind: args.kind, title: args.title, rows: args.rows, reason: args.reason },
  });
  return applied;
}
