import type { Appeal, AppealStatus } from './domain';
import type { ErrorCode } from './protocol';
import type { Actor } from './permissions';
import { canSeeAppeal } from './permissions';
import { canTransition } from './status-machine';

/**
 * Conflict rules. The server decides with these against its current state; the workstation uses
 * the same functions to predict the outcome, so what a clerk sees offline matches what will happen.
 */

export type Decision = { ok: true } | { ok: false; code: ErrorCode; message: string };

const ok: Decision = { ok: true };
const no = (code: ErrorCode, message: string): Decision => ({ ok: false, code, message });

/** Someone's change to an appeal made after a given version (from the appeal's history). */
export interface LaterChange {
  actorId: string | null;
  version: number;
}

/**
 * A status change made on `baseVersion`. It is stale only when someone else changed the appeal
 * after that version: a clerk's own earlier offline changes (take in work, then reply) must not
 * make their next change stale.
 */
export function decideStatusChange(input: {
  actor: Actor;
  appeal: Pick<Appeal, 'status' | 'version' | 'municipalityId' | 'assigneeId'>;
  to: AppealStatus;
  baseVersion: number;
  changesSinceBase: readonly LaterChange[];
}): Decision {
  const { actor, appeal, to, baseVersion, changesSinceBase } = input;
  if (!canSeeAppeal(actor, appeal)) return no('forbidden', 'Appeal is outside your scope');
  if (baseVersion > appeal.version) return no('validation_failed', 'baseVersion is ahead of the server');
  const changedByOthers = changesSinceBase.some((c) => c.version > baseVersion && c.actorId !== actor.id);
  if (changedByOthers) return no('stale_version', 'Appeal was changed by someone else since this version');
  if (appeal.status === to) return ok;
  if (appeal.status === 'closed' && actor.role === 'clerk') return no('appeal_closed', 'Appeal is closed');
  if (!canTransition(appeal.status, to, actor.role)) {
    return no('invalid_transition', `Transition ${appeal.status} -> ${to} is not allowed for ${actor.role}`);
  }
  return ok;
}

/** An assignment is stale when anybody (the supervisor included) changed the appeal since. */
export function decideAssignment(input: {
  appeal: Pick<Appeal, 'version' | 'status'>;
  baseVersion: number;
}): Decision {
  if (input.baseVersion !== input.appeal.version) {
    return no('stale_version', 'Appeal was changed since this version');
  }
  return ok;
}

/**
 * A reply is append-only and never conflicts with another reply. It is accepted when the author
 * can see the appeal now, or was its assignee before (a reply typed offline to an appeal that was
 * reassigned meanwhile is kept, attributed to its author, and shown to the new assignee).
 * A reply to a closed appeal is refused: the clerk keeps the text and sees why.
 */
export function decideReply(input: {
  actor: Actor;
  appeal: Pick<Appeal, 'status' | 'municipalityId'>;
  wasAssignedToActor: boolean;
}): Decision {
  const { actor, appeal, wasAssignedToActor } = input;
  if (!canSeeAppeal(actor, appeal) && !wasAssignedToActor) return no('forbidden', 'Appeal is outside your scope');
  if (appeal.status === 'closed') return no('appeal_closed', 'Appeal is closed; reopen it before replying');
  return ok;
}

/** Notes are internal and append-only; only scope matters. */
export function decideNote(input: { actor: Actor; appeal: Pick<Appeal, 'municipalityId'>; wasAssignedToActor: boolean }): Decision {
  if (!canSeeAppeal(input.actor, input.appeal) && !input.wasAssignedToActor) {
    return no('forbidden', 'Appeal is outside your scope');
  }
  return ok;
}

/**
 * Drafts never leave the workstation, but one profile can have two windows on the same appeal.
 * Rule: the last keystroke wins. Every save carries the time of the keystroke it saves
 * (`typedAt`) and the window it came from; a save older than the stored draft is dropped, so a
 * slow save from the window left behind cannot bring old text back over newer typing.
 */
export interface DraftStamp {
  /** When the saved text was last typed (ISO, this workstation's clock). */
  typedAt: string;
  windowId: string;
}

export function decideDraftWrite(stored: DraftStamp | undefined, incoming: DraftStamp, now?: string): 'write' | 'drop' {
  if (!stored) return 'write';
  // A window's own saves follow each other in order.
  if (stored.windowId === incoming.windowId) return 'write';
  // A stamp from the future means the clock was set back: it must not block typing until then.
  if (now !== undefined && stored.typedAt > now) return 'write';
  if (incoming.typedAt !== stored.typedAt) return incoming.typedAt > stored.typedAt ? 'write' : 'drop';
  // The same millisecond in two windows: an arbitrary but stable winner.
  return incoming.windowId >= stored.windowId ? 'write' : 'drop';
}

/**
 * What a window's composer does when the stored draft changes under it. It takes newer text
 * written by another window only while it has no unsaved typing of its own — what the person is
 * typing is never replaced; their next save is newer and wins. A draft removed by another window
 * (the reply was sent there) clears this one too, under the same condition.
 */
export function decideDraftAdoption(input: {
  stored: DraftStamp | undefined;
  /** The stamp of the text this window shows (loaded, adopted or saved by it); null: none. */
  shown: DraftStamp | null;
  /** Typed here and not yet saved. */
  dirty: boolean;
}): 'adopt' | 'clear' | 'keep' {
  const { stored, shown, dirty } = input;
  if (dirty) return 'keep';
  if (!stored) return shown ? 'clear' : 'keep';
  if (shown && stored.typedAt === shown.typedAt && stored.windowId === shown.windowId) return 'keep';
  return decideDraftWrite(shown ?? undefined, stored) === 'write' ? 'adopt' : 'keep';
}
