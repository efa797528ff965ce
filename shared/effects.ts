import type { Appeal, AppealStatus } from './domain';
import type { Actor } from './permissions';
import { statusAfterPublishedReply } from './status-machine';

/**
 * What each accepted change does to an appeal. The server applies these to its rows; the
 * workstation applies the same ones optimistically on top of server state for pending mutations.
 */

export function appealAfterStatus(appeal: Appeal, to: AppealStatus, now: string): Appeal {
  if (appeal.status === to) return appeal;
  return { ...appeal, status: to, version: appeal.version + 1, updatedAt: now };
}

export function appealAfterPublishedReply(appeal: Appeal, now: string): Appeal {
  const to = statusAfterPublishedReply(appeal.status);
  const firstRespondedAt = appeal.firstRespondedAt ?? now;
  if (to === null && firstRespondedAt === appeal.firstRespondedAt) return appeal;
  return {
    ...appeal,
    status: to ?? appeal.status,
    firstRespondedAt,
    version: appeal.version + 1,
    updatedAt: now,
  };
}

/** Assigning to someone of another municipality moves the appeal there. */
export function appealAfterAssign(appeal: Appeal, assignee: Actor, now: string): Appeal {
  return {
    ...appeal,
    assigneeId: assignee.id,
    municipalityId: assignee.municipalityId ?? appeal.municipalityId,
    status: appeal.status === 'new' ? 'assigned' : appeal.status,
    version: appeal.version + 1,
    updatedAt: now,
  };
}

/**
 * Handed to another municipality: the appeal goes there, to the clerk its routing chose, or to
 * nobody yet (then it waits as new for that municipality's head to assign it).
 */
export function appealAfterMunicipality(appeal: Appeal, municipalityId: string, assigneeId: string | null, now: string): Appeal {
  let status = appeal.status;
  if (assigneeId !== null && status === 'new') status = 'assigned';
  if (assigneeId === null && status === 'assigned') status = 'new';
  return { ...appeal, municipalityId, assigneeId, status, version: appeal.version + 1, updatedAt: now };
}
