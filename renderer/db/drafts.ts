import type { Draft, OtklikDb } from './schema';

/** A reply being typed, kept so a reload, a crash or a restart loses nothing. */
export async function saveDraft(db: OtklikDb, userId: string, appealId: string, body: string): Promise<void> {
  await db.transaction('rw', db.drafts, async () => {
    if (body.trim() === '') await db.drafts.delete(appealId);
    else await db.drafts.put({ appealId, body, userId, updatedAt: new Date().toISOString() });
  });
}

/** The draft of this person for this appeal, if any (another person's draft on a shared PC is not theirs). */
export async function loadDraft(db: OtklikDb, userId: string, appealId: string): Promise<Draft | undefined> {
  const draft = await db.drafts.get(appealId);
  return draft && draft.userId === userId ? draft : undefined;
}
