import { createContext } from 'react';
import type { AppealEvent, Appeal, Municipality, User } from '../../../shared/domain';
import type { Delivery } from '../../../shared/channels/delivery';
import { foldDeliveries } from '../../clerk/deliveries';
import { draftAttachments } from '../../clerk/uploads';
import { appealById, getDb, packedCopy, threadTables, type LocalAttachment, type LocalNote, type LocalReply, type OutboxEntry } from '../../db';
import { snapshotInProgress } from '../../sync';

export interface AppealData {
  forId: string;
  appeal: Appeal | undefined;
  replies: LocalReply[];
  notes: LocalNote[];
  events: AppealEvent[];
  rejected: OutboxEntry[];
  /** Each outgoing message's delivery, oldest first, with this workstation's pending actions on it. */
  deliveries: Delivery[];
  assignee: User | undefined;
  municipality: Municipality | undefined;
  /** Files this person attached to the reply being written. */
  files: LocalAttachment[];
  /** The first download has not brought this appeal's thread yet (sync/snapshot.ts). */
  threadPending: boolean;
}

/** The appeal asked for, which the shown one (still the previous while it is read) may not be yet. */
export const RequestedAppeal = createContext<string | null>(null);

const byTime = <T,>(key: keyof T) => (a: T, b: T) => String(a[key]).localeCompare(String(b[key]));

/**
 * Everything the appeal's screen shows, read in one transaction: one round of IndexedDB requests
 * instead of a query per table (and per child component after the first render), so the appeal
 * appears whole, in one render — no assignee id or empty sender standing in for a name meanwhile.
 */
export function loadAppeal(appealId: string, userId: string): Promise<AppealData> {
  const db = getDb();
  return db.transaction('r', [db.appeals, db.rowPacks, ...threadTables(db), db.outbox, db.users, db.municipalities, db.attachments, db.meta], async () => {
    const appealP = appealById(db, appealId);
    // The assignee and the municipality hang on the appeal: asked as soon as it is there, while the rest is still read.
    const relatedP = appealP.then((a) =>
      Promise.all([a?.assigneeId ? db.users.get(a.assigneeId) : undefined, a ? db.municipalities.get(a.municipalityId) : undefined]),
    );
    const [appeal, stored, notes, history, outbox, storedDeliveries, files, [assignee, municipality], download, packedCopyOf] = await Promise.all([
      appealP,
      db.replies.where('appealId').equals(appealId).toArray(),
      db.notes.where('appealId').equals(appealId).toArray(),
      db.histories.get(appealId),
      db.outbox.where('appealId').equals(appealId).toArray(),
      db.deliveries.where('appealId').equals(appealId).toArray(),
      draftAttachments(db, userId, appealId),
      relatedP,
      snapshotInProgress(db),
      // A closed appeal's thread from the first download is in a pack instead (db/thread-packs.ts),
      // unless the tables have its history (then the packed copy is stale).
      packedCopy(db, appealId),
    ]);
    const packed = history ? undefined : packedCopyOf;
    const replies: LocalReply[] = packed ? [...stored, ...packed.replies] : stored;
    const deliveries = packed ? [...storedDeliveries, ...packed.deliveries] : storedDeliveries;
    return {
      forId: appealId,
      appeal,
      replies: replies.sort(byTime('createdAt')),
      notes: (packed ? [...notes, ...packed.notes] : notes).sort(byTime('createdAt')),
      events: history?.events ?? packed?.events ?? [],
      rejected: outbox.filter((e) => e.state === 'rejected' && e.userId === userId),
      deliveries: foldDeliveries(deliveries, outbox).sort(byTime('createdAt')),
      assignee,
      municipality,
      files,
      threadPending: download !== null && !history?.complete && !packed,
    };
  });
}
