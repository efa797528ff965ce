import type { AppealEvent, AppealStatus, Category, EventKind, Note, Reply } from '../../shared/domain';
import { addWorkingHours, workingMillisBetween } from '../../shared/deadlines';
import type { DemoUser } from './types';
import { isoString } from './iso';
import type { Rng } from './prng';
import { answerBody, FORWARD_TARGETS, NOTES, resolutionBody, type ReplyContext } from './replies';

/**
 * The story of one appeal up to "now": who took it, when it was answered, resolved, closed — as
 * the events, replies and notes the server would have recorded, with versions as shared/effects.ts
 * counts them (receipt and routing make version 1; each assignment, status change and the first
 * published reply add one; notes and later replies add none). Clerks act in working hours.
 */

export type Plan = AppealStatus;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FIXABLE: ReadonlySet<Category> = new Set(['roads', 'landscaping', 'dumps', 'housing']);

/** How far the story should get, from how old the appeal is against its deadlines. */
export function choosePlan(rng: Rng, now: number, receivedAt: number, firstDue: number | null, due: number): Plan {
  if (now < (firstDue ?? due)) {
    return rng.weighted<Plan>([['new', 30], ['assigned', 20], ['in_progress', 35], ['clarification', 3], ['answered', 12]]);
  }
  if (now < due) {
    return rng.weighted<Plan>([['assigned', 4], ['in_progress', 30], ['clarification', 5], ['forwarded', 3], ['answered', 33], ['resolved', 20], ['closed', 5]]);
  }
  if (now - receivedAt < 30 * DAY) {
    return rng.weighted<Plan>([['assigned', 2], ['in_progress', 10], ['clarification', 3], ['forwarded', 4], ['answered', 20], ['resolved', 33], ['closed', 28]]);
  }
  return rng.weighted<Plan>([['forwarded', 4], ['answered', 8], ['resolved', 28], ['closed', 60]]);
}

export interface StoryInput {
  /** The number part of the appeal id, '000123', for the ids of its records. */
  num: string;
  appealId: string;
  now: number;
  receivedAt: number;
  firstDue: number | null;
  due: number;
  plan: Plan;
  source: string;
  externalRef: string;
  category: Category;
  municipalityId: string;
  clerk: DemoUser;
  supervisor: DemoUser;
  reply: Omit<ReplyContext, 'promised'>;
}

export interface Story {
  status: AppealStatus;
  assigneeId: string | null;
  version: number;
  firstRespondedAt: string | null;
  updatedAt: string;
  events: AppealEvent[];
  replies: Reply[];
  notes: Note[];
}

const iso = isoString;

export function tellStory(input: StoryInput, rng: Rng): Story {
  const { now, clerk, supervisor, plan } = input;
  const events: AppealEvent[] = [];
  const replies: Reply[] = [];
  const notes: Note[] = [];
  let version = 1;
  let status: AppealStatus = 'new';
  let t = input.receivedAt;
  let updatedAt = t;
  let assigneeId: string | null = null;
  let firstRespondedAt: string | null = null;

  const record = (kind: EventKind, at: number, actor: DemoUser | null, data: Record<string, unknown>) => {
    events.push({
      id: `e-${input.num}-${events.length + 1}`,
      appealId: input.appealId,
      actorId: actor?.id ?? null,
      actorName: actor?.displayName ?? null,
      kind,
      data,
      version,
      at: iso(at),
    });
  };
  /** A change of the appeal at `at`; false (and nothing recorded) when `at` is still in the future. */
  const change = (kind: EventKind, at: number, actor: DemoUser, to: AppealStatus, data: Record<string, unknown> = {}) => {
    if (at > now) return false;
    version++;
    record(kind, at, actor, { from: status, to, ...data });
    status = to;
    t = updatedAt = at;
    return true;
  };
  const later = (hoursFrom: number, hoursTo: number, from = t) => addWorkingHours(new Date(from), rng.between(hoursFrom, hoursTo)).getTime();
  const publish = (at: number, body: string, attachments: Reply['attachments']) => {
    const id = `r-${input.num}-${replies.length + 1}`;
    const createdAt = Math.max(t, at - rng.int(2, 30) * 60_000);
    replies.push({ id, appealId: input.appealId, authorId: clerk.id, authorName: clerk.displayName, body, attachments, state: 'published', createdAt: iso(createdAt), updatedAt: iso(at) });
    return id;
  };
  const story = (): Story => ({ status, assigneeId, version, firstRespondedAt, updatedAt: iso(updatedAt), events, replies, notes });

  record('received', t, null, { source: input.source, externalRef: input.externalRef });
  record('routed', t + rng.int(2, 90) * 1000, null, { municipalityId: input.municipalityId, category: input.category });
  if (plan === 'new') return story();

  if (!change('assigned', later(0.1, 1.2), supervisor, 'assigned', { assigneeId: clerk.id, assigneeName: clerk.displayName })) return story();
  assigneeId = clerk.id;
  if (plan === 'assigned') return story();

  if (!change('status_changed', later(0.05, 1.5), clerk, 'in_progress')) return story();
  const inProgressAt = t;
  const inProgressIndex = events.length - 1;
  const withNote = rng.chance(0.12);

  const finish = (): Story => {
    if (withNote) {
      const next = events[inProgressIndex + 1];
      const until = next ? Date.parse(next.at) : now;
      const at = inProgressAt + Math.floor((until - inProgressAt) * rng.between(0.2, 0.8));
      const noteId = `n-${input.num}-1`;
      notes.push({ id: noteId, appealId: input.appealId, authorId: clerk.id, authorName: clerk.displayName, body: rng.pick(NOTES), createdAt: iso(at) });
      const noteVersion = (events[inProgressIndex] as AppealEvent).version;
      events.splice(inProgressIndex + 1, 0, {
        id: `e-${input.num}-n1`,
        appealId: input.appealId,
        actorId: clerk.id,
        actorName: clerk.displayName,
        kind: 'note_added',
        data: { noteId },
        version: noteVersion,
        at: iso(at),
      });
    }
    return story();
  };

  if (plan === 'clarification' || (plan !== 'in_progress' && rng.chance(0.06))) {
    if (!change('status_changed', later(0.3, 3), clerk, 'clarification')) return finish();
    if (plan === 'clarification') return finish();
    if (!change('status_changed', later(3, 20), clerk, 'in_progress')) return finish();
  }
  if (plan === 'in_progress') return finish();

  if (plan === 'forwarded') {
    if (!change('status_changed', later(1, 20), clerk, 'forwarded', { forwardedTo: FORWARD_TARGETS[input.category] })) return finish();
    if (now - t > 20 * DAY && rng.chance(0.7)) change('status_changed', later(8, 40), supervisor, 'closed');
    return finish();
  }

  const replyAt = chooseReplyTime(rng, t, input.firstDue, input.due);
  if (replyAt > now) return finish();
  const promised = addWorkingHours(new Date(replyAt), rng.between(20, 80));
  const replyId = publish(replyAt, answerBody({ ...input.reply, promised }, rng), []);
  firstRespondedAt = iso(replyAt);
  change('reply_published', replyAt, clerk, 'answered', { replyId });
  if (plan === 'answered') return finish();

  if (FIXABLE.has(input.category) && rng.chance(0.5)) {
    const at = later(4, 40);
    if (at > now) return finish();
    const photo = { id: `att-${input.num}-r`, name: 'fotootchet.jpg', mime: 'image/jpeg', size: rng.int(300_000, 2_500_000) };
    const id = publish(at, resolutionBody({ ...input.reply, promised }, rng), [photo]);
    record('reply_published', at, clerk, { replyId: id });
    t = at;
  }
  if (plan === 'closed' && rng.chance(0.3)) {
    change('status_changed', later(4, 60), supervisor, 'closed');
    return finish();
  }
  if (!change('status_changed', later(0.5, 30), clerk, 'resolved')) return finish();
  if (plan === 'closed') change('status_changed', later(2, 40), supervisor, 'closed');
  return finish();
}

/** Mostly within the first-response deadline, some later but in time, a few late. */
function chooseReplyTime(rng: Rng, from: number, firstDue: number | null, due: number): number {
  const kind = rng.weighted<'first' | 'final' | 'late'>([['first', 70], ['final', 23], ['late', 7]]);
  if (kind === 'late') return addWorkingHours(new Date(Math.max(from, due)), rng.between(0.5, 16)).getTime();
  const limit = kind === 'first' ? (firstDue ?? due) : due;
  const hours = workingMillisBetween(new Date(from), new Date(limit)) / HOUR;
  if (hours < 0.3) return addWorkingHours(new Date(from), rng.between(0.1, 2)).getTime();
  return addWorkingHours(new Date(from), rng.between(0.1, hours * 0.95)).getTime();
}
