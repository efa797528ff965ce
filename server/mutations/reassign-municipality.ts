import { appealAfterMunicipality } from '../../shared/effects';
import type { MutationArgs } from '../../shared/protocol';
import { decideMunicipalityReassignment } from '../../shared/review';
import { chooseAssignee } from '../intake';
import { loadAppealForUpdate } from '../repo/appeals';
import { addEvent } from './history';
import { audit } from '../audit/log';
import { saveMovedAppeal } from './move';
import { applied, rejected, STATE_CODES, type MutationContext, type Outcome } from './types';

/**
 * An appeal outside this body's competence goes to another municipality, whose routing picks
 * its least loaded clerk, as at intake. The reason stays in the history for both sides to read.
 */
export async function reassignMunicipality(ctx: MutationContext, args: MutationArgs<'appeal.reassignMunicipality'>): Promise<Outcome> {
  const appeal = await loadAppealForUpdate(ctx.q, args.appealId);
  if (!appeal) return rejected('not_found', 'Appeal not found');
  const exists = await ctx.q.query('SELECT 1 FROM municipalities WHERE id = $1', [args.municipalityId]);
  if (exists.rows.length === 0) return rejected('not_found', 'Municipality not found');
  const decision = decideMunicipalityReassignment({ actor: ctx.actor, appeal, municipalityId: args.municipalityId, baseVersion: args.baseVersion });
  if (!decision.ok) return rejected(decision.code, decision.message, STATE_CODES.includes(decision.code) ? appeal : undefined);

  const clerk = await chooseAssignee(ctx.q, args.municipalityId);
  const next = appealAfterMunicipality(appeal, args.municipalityId, clerk?.id ?? null, ctx.now);
  await saveMovedAppeal(ctx, appeal, next);
  await addEvent(ctx, next, 'assigned', {
    assigneeId: clerk?.id ?? null,
    assigneeName: clerk?.displayName ?? null,
    fromMunicipalityId: appeal.municipalityId,
    municipalityId: next.municipalityId,
    reason: args.reason,
    by: 'routing',
  });
  await audit(ctx.q, {
    kind: 'appeal.moved',
    actor: ctx.actor,
    appealId: appeal.id,
    subject: next.municipalityId,
    address: ctx.address ?? null,
    data: { from: appeal.municipalityId, to: next.municipalityId, reason: args.reason, assigneeId: clerk?.id ?? null },
  });
  return applied;
}
