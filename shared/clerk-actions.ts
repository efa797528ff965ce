import type { Appeal, AppealStatus, Category, Template } from './domain';
import type { ErrorCode } from './protocol';
import { decideStatusChange, type Decision, type LaterChange } from './conflicts';
import { canSeeAppeal, type Actor } from './permissions';
import { canManageTemplate } from './templates';
import { appealAfterStatus } from './effects';

/**
 * The clerk's own actions beyond a reply: changing the sphere, forwarding to another body, asking
 * the citizen for details, and keeping templates. The server decides with these; the workstation
 * applies the same effects optimistically and offers only what will be accepted.
 */

const no = (code: ErrorCode, message: string): Decision => ({ ok: false, code, message });

export const FORWARD_TARGET_MAX_LENGTH = 200;
export const FORWARD_REASON_MAX_LENGTH = 2000;
export const CLARIFICATION_MAX_LENGTH = 4000;

export function appealAfterCategory(appeal: Appeal, category: Category, now: string): Appeal {
  if (appeal.category === category) return appeal;
  return { ...appeal, category, version: appeal.version + 1, updatedAt: now };
}

/** Forwarding moves the appeal to «Перенаправлено»; a clarification request to «Уточнение». */
export const STATUS_AFTER_FORWARD: AppealStatus = 'forwarded';
export const STATUS_AFTER_CLARIFICATION: AppealStatus = 'clarification';

export function appealAfterForward(appeal: Appeal, now: string): Appeal {
  return appealAfterStatus(appeal, STATUS_AFTER_FORWARD, now);
}

export function appealAfterClarificationRequest(appeal: Appeal, now: string): Appeal {
  return appealAfterStatus(appeal, STATUS_AFTER_CLARIFICATION, now);
}

type Input = {
  actor: Actor;
  appeal: Pick<Appeal, 'status' | 'version' | 'municipalityId' | 'assigneeId'>;
  baseVersion: number;
  changesSinceBase: readonly LaterChange[];
};

/**
 * A sphere change is stale, like a status change, only when someone else changed the appeal after
 * the version the clerk saw; a closed appeal keeps its sphere.
 */
export function decideCategoryChange(input: Input): Decision {
  const { actor, appeal, baseVersion, changesSinceBase } = input;
  if (!canSeeAppeal(actor, appeal)) return no('forbidden', 'Appeal is outside your scope');
  if (baseVersion > appeal.version) return no('validation_failed', 'baseVersion is ahead of the server');
  if (changesSinceBase.some((c) => c.version > baseVersion && c.actorId !== actor.id)) {
    return no('stale_version', 'Appeal was changed by someone else since this version');
  }
  if (appeal.status === 'closed') return no('appeal_closed', 'Appeal is closed');
  return { ok: true };
}

/** Forwarding and a clarification request are status transitions with a text of their own. */
export function decideForward(input: Input): Decision {
  return decideStatusChange({ ...input, to: STATUS_AFTER_FORWARD });
}

export function decideClarificationRequest(input: Input): Decision {
  return decideStatusChange({ ...input, to: STATUS_AFTER_CLARIFICATION });
}

/** Saving a template: a new one, or an edit of one this person may manage. */
export function decideTemplateSave(input: {
  actor: Actor;
  existing: Pick<Template, 'ownerId' | 'municipalityId'> | null;
  wantShared: boolean;
}): Decision {
  const { actor, existing, wantShared } = input;
  const target = existing ?? { ownerId: wantShared ? null : actor.id, municipalityId: actor.municipalityId };
  if (!canManageTemplate(actor, target)) return no('forbidden', 'You may not change this template');
  return { ok: true };
}

export function decideTemplateDelete(input: { actor: Actor; existing: Pick<Template, 'ownerId' | 'municipalityId'> | null }): Decision {
  if (!input.existing) return no('not_found', 'Template not found');
  if (!canManageTemplate(input.actor, input.existing)) return no('forbidden', 'You may not delete this template');
  return { ok: true };
}
