import { randomUUID } from 'node:crypto';
import type { Appeal, AppealEvent, EventKind } from '../../shared/domain';
import { insertEvent, saveAppeal } from '../repo/appeals';
import { municipalityScope } from '../scopes';
import type { MutationContext } from './types';

/** Appends a history event to the appeal (at its current version) and records its change row. */
export async function addEvent(
  ctx: MutationContext,
  appeal: Appeal,
  kind: EventKind,
  data: Record<string, unknown>,
): Promise<AppealEvent> {
  const event: AppealEvent = {
    id: randomUUID(),
    appealId: appeal.id,
    actorId: ctx.actor.id,
    actorName: ctx.actor.displayName,
    kind,
    data,
    version: appeal.version,
    at: ctx.now,
  };
  await insertEvent(ctx.q, event);
  ctx.changes.upsert('event', event.id, municipalityScope(appeal.municipalityId));
  return event;
}

/** Saves the appeal when an effect changed it, and records its change row. */
export async function saveIfChanged(ctx: MutationContext, before: Appeal, after: Appeal): Promise<void> {
  if (after === before) return;
  await saveAppeal(ctx.q, after);
  ctx.changes.upsert('appeal', after.id, municipalityScope(after.municipalityId));
}
