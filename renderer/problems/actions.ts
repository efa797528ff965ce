import type { Appeal, Category } from '../../shared/domain';
import type { ProblemEvidence, ProblemState } from '../../shared/problems';
import type { Mutation } from '../../shared/protocol';
import type { OtklikDb } from '../db/schema';
import type { SyncClient } from '../sync';
import { appealById, appealsByIds } from '../db/row-packs';
import type { ProblemView } from './problem-view';

/**
 * Builders of the problem mutations. A new problem is one create and one link per appeal, so each
 * appeal's link is its own outbox entry, shown on that appeal at once and refused (or not) on its
 * own: a conflict on one appeal leaves the others linked.
 */

export interface NewProblem {
  title: string;
  category: Category;
  municipalityId: string;
  settlement: string | null;
  address: string | null;
}

/** What a new problem is called and where, from the first of its appeals; the person may change the title. */
export function problemDraftFrom(appeal: Appeal): NewProblem {
  const firstLine = appeal.text.split('\n').find((l) => l.trim() !== '') ?? appeal.text;
  const title = [appeal.address ?? appeal.settlement, firstLine.trim()].filter(Boolean).join(': ');
  return { title: title.slice(0, 120), category: appeal.category, municipalityId: appeal.municipalityId, settlement: appeal.settlement, address: appeal.address };
}

/** The problem an appeal is in on the server (under this workstation's pending links): the basis of a link. */
async function serverProblemOf(db: OtklikDb, appealId: string): Promise<string | null> {
  const seen = (await db.shadows.get(appealId)) ?? (await appealById(db, appealId));
  return seen?.problemId ?? null;
}

export async function linkMutation(db: OtklikDb, problemId: string, appealId: string): Promise<Mutation> {
  // The person decides on what they see: the appeal as shown, their own pending moves included.
  const shown = await appealById(db, appealId);
  const base = shown ? (shown.problemId ?? null) : await serverProblemOf(db, appealId);
  return { id: crypto.randomUUID(), name: 'problem.link', args: { problemId, appealId, baseProblemId: base } };
}

export async function createProblemMutations(db: OtklikDb, draft: NewProblem, appealIds: readonly string[]): Promise<{ problemId: string; mutations: Mutation[] }> {
  const problemId = crypto.randomUUID();
  const create: Mutation = {
    id: crypto.randomUUID(),
    name: 'problem.create',
    args: { problemId, title: draft.title.trim(), category: draft.category, municipalityId: draft.municipalityId, settlement: draft.settlement, address: draft.address },
  };
  const links = await Promise.all(appealIds.map((id) => linkMutation(db, problemId, id)));
  return { problemId, mutations: [create, ...links] };
}

export function unlinkMutation(problemId: string, appealId: string, reason: string): Mutation {
  return { id: crypto.randomUUID(), name: 'problem.unlink', args: { problemId, appealId, reason: reason.trim() } };
}

/** State changes and promises carry the version as shown: the server refuses them if anyone changed the problem since. */
export function stateMutation(problem: ProblemView, state: ProblemState, evidence?: ProblemEvidence): Mutation {
  return { id: crypto.randomUUID(), name: 'problem.setState', args: { problemId: problem.id, state, baseVersion: problem.version, ...(evidence ? { evidence } : {}) } };
}

export function promiseMutation(problem: ProblemView, responsibleBodyId: string, promisedAt: string): Mutation {
  return { id: crypto.randomUUID(), name: 'problem.setPromise', args: { problemId: problem.id, responsibleBodyId, promisedAt, baseVersion: problem.version } };
}

/**
 * «Объединить в проблему» from the queue's selection: a new problem named after the oldest of the
 * chosen appeals (the first report of it), with each of them linked. Closed appeals are left out.
 */
export async function createProblemFromSelection(db: OtklikDb, appealIds: readonly string[]): Promise<{ problemId: string; mutations: Mutation[] } | null> {
  const appeals = (await appealsByIds(db, [...appealIds])).filter((a): a is Appeal => a !== undefined && a.status !== 'closed');
  if (appeals.length === 0) return null;
  appeals.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || (a.id < b.id ? -1 : 1));
  return createProblemMutations(db, problemDraftFrom(appeals[0]!), appeals.map((a) => a.id));
}

/**
 * Makes a new problem of these appeals (closed ones left out) and queues it: one create and one
 * link per appeal. Resolves with how many appeals it links (0: nothing to do).
 */
export async function linkIntoNewProblem(client: Pick<SyncClient, 'db' | 'enqueue'>, appealIds: readonly string[]): Promise<number> {
  const made = await createProblemFromSelection(client.db, appealIds);
  for (const m of made?.mutations ?? []) await client.enqueue(m);
  return made ? made.mutations.length - 1 : 0;
}
