import type { Category, User } from '../../shared/domain';
import type { Mutation } from '../../shared/protocol';
import type { OtklikDb } from '../db/schema';
import type { SyncClient } from '../sync';
import { appealById } from '../db/row-packs';
import { UnknownAppealError } from '../sync';

/**
 * Builders of the clerk's own mutations. Like a status change, each carries the server version the
 * clerk saw (the shadow under local effects): their own earlier offline changes never make it stale.
 */
async function seenVersion(db: OtklikDb, appealId: string): Promise<number> {
  const seen = (await db.shadows.get(appealId)) ?? (await appealById(db, appealId));
  if (!seen) throw new UnknownAppealError(appealId);
  return seen.version;
}

export async function categoryMutation(db: OtklikDb, appealId: string, category: Category): Promise<Mutation> {
  return { id: crypto.randomUUID(), name: 'appeal.setCategory', args: { appealId, category, baseVersion: await seenVersion(db, appealId) } };
}

export async function forwardMutation(db: OtklikDb, appealId: string, to: string, reason: string): Promise<Mutation> {
  return {
    id: crypto.randomUUID(),
    name: 'appeal.forward',
    args: { appealId, to: to.trim(), reason: reason.trim(), baseVersion: await seenVersion(db, appealId) },
  };
}

export async function clarificationMutation(db: OtklikDb, appealId: string, question: string): Promise<Mutation> {
  return {
    id: crypto.randomUUID(),
    name: 'appeal.requestClarification',
    args: { appealId, question: question.trim(), baseVersion: await seenVersion(db, appealId) },
  };
}

export function templateSaveMutation(templateId: string, title: string, body: string, shared: boolean): Mutation {
  return { id: crypto.randomUUID(), name: 'template.save', args: { templateId, title: title.trim(), body: body.trim(), shared } };
}

export function templateDeleteMutation(templateId: string): Mutation {
  return { id: crypto.randomUUID(), name: 'template.delete', args: { templateId } };
}

/**
 * Template changes show at once: the local row is written beside the outbox entry. A refused one
 * is corrected by the next pull (the server's row, or its delete).
 */
export async function saveTemplateLocally(client: SyncClient, user: User, templateId: string, title: string, body: string, shared: boolean) {
  const now = new Date().toISOString();
  const existing = await client.db.templates.get(templateId);
  await client.db.templates.put({
    id: templateId,
    title: title.trim(),
    body: body.trim(),
    ownerId: existing ? existing.ownerId : shared ? null : user.id,
    municipalityId: existing ? existing.municipalityId : user.municipalityId,
    updatedAt: now,
  });
  return client.enqueue(templateSaveMutation(templateId, title, body, shared));
}

export async function deleteTemplateLocally(client: SyncClient, templateId: string) {
  await client.db.templates.delete(templateId);
  return client.enqueue(templateDeleteMutation(templateId));
}

/** Several appeals at once (bulk actions): each its own mutation, queued in order. */
export async function takeInWork(client: SyncClient, appealIds: readonly string[]): Promise<number> {
  let queued = 0;
  for (const id of appealIds) {
    const appeal = await appealById(client.db, id);
    if (!appeal || (appeal.status !== 'new' && appeal.status !== 'assigned')) continue;
    await client.setStatus(id, 'in_progress');
    queued++;
  }
  return queued;
}

export async function setCategoryMany(client: SyncClient, appealIds: readonly string[], category: Category): Promise<number> {
  let queued = 0;
  for (const id of appealIds) {
    const appeal = await appealById(client.db, id);
    if (!appeal || appeal.category === category || appeal.status === 'closed') continue;
    await client.enqueue(await categoryMutation(client.db, id, category));
    queued++;
  }
  return queued;
}

/** «Повторить» a failed delivery; like every mutation it waits in the outbox while offline. */
export function deliveryRetryMutation(deliveryId: string): Mutation {
  return { id: crypto.randomUUID(), name: 'delivery.retry', args: { deliveryId } };
}

/** «Отметить как отправленный вручную»: the clerk posted the answer on the platform themselves. */
export function deliveryManualMutation(deliveryId: string): Mutation {
  return { id: crypto.randomUUID(), name: 'delivery.markManual', args: { deliveryId } };
}
