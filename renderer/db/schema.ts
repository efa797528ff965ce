import Dexie, { type EntityTable } from 'dexie';
import type { Body } from '../../shared/bodies';
import type { Problem } from '../../shared/problems';
import type { Post } from '../../shared/posts/post';
import type { Appeal, AppealEvent, Municipality, Note, Reply, Template, User } from '../../shared/domain';
import type { Delivery } from '../../shared/channels/delivery';
import type { ErrorCode, MutationName } from '../../shared/protocol';
import type { Actor } from '../../shared/permissions';
import type { ThreadPack } from './thread-packs';
import type { RowPack } from './row-packs';
import type { Thread } from '../../shared/snapshot';
import { threadBytes } from '../../shared/thread-frames';

/** A reply as the workstation keeps it: the server's row, or a local one not yet acknowledged. */
export interface LocalReply extends Reply {
  /** true while the reply exists only on this workstation (its outbox entry is not yet applied). */
  pending?: boolean;
}

export interface LocalNote extends Note {
  pending?: boolean;
}

/** The server's own row of an appeal that has pending local effects on top of it. */
export type ShadowAppeal = Appeal;

export type OutboxState = 'pending' | 'rejected';

/**
 * One local change waiting for (or refused by) the server. `args` are exactly what is pushed;
 * `local` holds what is needed to re-apply the optimistic effect without another lookup.
 */
export interface OutboxEntry {
  seq?: number;
  /** The mutation id (client-made uuid); the server's idempotency key. */
  id: string;
  name: MutationName;
  args: Record<string, unknown>;
  createdAt: string;
  state: OutboxState;
  code?: ErrorCode;
  message?: string;
  appealId: string;
  /** Who made the change: another person's entries on a shared PC are kept but never pushed. */
  userId: string;
  local?: { assignee?: Actor };
}

export interface Draft {
  appealId: string;
  body: string;
  updatedAt: string;
  userId: string;
}

/**
 * An appeal's history, packed into one record. Events are by far the most numerous records of a
 * scope (six or so per appeal) and are only ever read whole, per appeal: one record instead of
 * six makes a bootstrap write a third fewer records and bytes-worth of per-record overhead.
 */
export interface History {
  appealId: string;
  /** Oldest first. */
  events: AppealEvent[];
  /**
   * The whole thread is here: written by the first download's thread phases (or on demand), or
   * begun by the appeal's 'received' event from the log. Without it, while the first download
   * still runs, the appeal's pane says its history is still to come.
   */
  complete?: boolean;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export type OtklikDb = Dexie & {
  appeals: EntityTable<Appeal, 'id'>;
  shadows: EntityTable<ShadowAppeal, 'id'>;
  replies: EntityTable<LocalReply, 'id'>;
  notes: EntityTable<LocalNote, 'id'>;
  histories: EntityTable<History, 'appealId'>;
  templates: EntityTable<Template, 'id'>;
  users: EntityTable<User, 'id'>;
  municipalities: EntityTable<Municipality, 'id'>;
  bodies: EntityTable<Body, 'id'>;
  problems: EntityTable<Problem, 'id'>;
  posts: EntityTable<Post, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  drafts: EntityTable<Draft, 'appealId'>;
  attachments: EntityTable<LocalAttachment, 'id'>;
  notifications: EntityTable<AppNotification, 'id'>;
  deliveries: EntityTable<Delivery, 'id'>;
  threadPacks: EntityTable<ThreadPack, 'id'>;
  rowPacks: EntityTable<RowPack, 'id'>;
};

/**
 * A file a clerk attached to a reply. Kept here (the bytes too) until the server has it, so a
 * reply with photos can be written offline; `attachment` is what the reply will carry.
 */
export interface LocalAttachment {
  id: string;
  appealId: string;
  userId: string;
  name: string;
  mime: string;
  size: number;
  blob: Blob;
  /** draft: in the composer; queued: its reply is sent, upload pending; uploaded; refused (with a code). */
  state: 'draft' | 'queued' | 'uploaded' | 'refused';
  /** Set once uploaded: where the server keeps it. */
  url?: string;
  code?: string;
  createdAt: string;
}

/** Something the clerk should know about (a new assignment, a reviewed reply, a close deadline). */
export interface AppNotification {
  /** Derived from what it is about, so the same news is never told twice. */
  id: string;
  userId: string;
  kind: 'assigned' | 'approved' | 'returned' | 'deadline' | 'citizen' | 'rating' | 'resonance' | 'promise';
  appealId: string;
  title: string;
  body: string;
  at: string;
  read: boolean;
}

export const DB_NAME = 'otklik';

/**
 * Opens (lazily) the workstation database. Durability is strict for every transaction: the
 * outbox and drafts hold what a clerk typed, and a power cut on an old PC must not lose it; the
 * cost on bulk pulls is one flush per 5,000-record page.
 */
export function createDb(name: string = DB_NAME): OtklikDb {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as OtklikDb;
  // Every index costs a write per record on a 100,000-appeal bootstrap: only the ones queries use.
  // [assigneeId+status] serves the clerk's queue (and assigneeId alone, as its prefix), status the
  // supervisor's (municipalityId, unused, goes in version 4).
  db.version(1).stores({
    appeals: 'id, status, municipalityId, [assigneeId+status]',
    shadows: 'id',
    replies: 'id, appealId',
    notes: 'id, appealId',
    histories: 'appealId',
    templates: 'id',
    users: 'id, municipalityId',
    municipalities: 'id',
    meta: 'key',
    outbox: '++seq, &id, appealId, state',
    drafts: 'appealId',
  });
  // Version 2 (the clerk's day): stems for Russian full-text search on appeals and replies (an
  // index version 3 drops again), the reply state for «На согласовании», attachments waiting for
  // upload, in-app notifications.
  db.version(2).stores({
    appeals: 'id, status, municipalityId, [assigneeId+status], *searchTokens',
    replies: 'id, appealId, state, *searchTokens',
    attachments: 'id, appealId, state',
    notifications: 'id, userId, at',
  });
  // Version 3: search stems live in memory (search/query.ts), not in a multi-entry index that
  // every pulled appeal and reply paid for (stemming and a few dozen index entries each).
  db.version(3)
    .stores({
      appeals: 'id, status, municipalityId, [assigneeId+status]',
      replies: 'id, appealId, state',
    })
    .upgrade(async (tx) => {
      // Records written by version 2 carry their stems: nothing reads them any more.
      for (const table of ['appeals', 'replies']) {
        await tx
          .table(table)
          .filter((row: Record<string, unknown>) => 'searchTokens' in row)
          .modify((row: Record<string, unknown>) => {
            delete row.searchTokens;
          });
      }
    });
  // Version 4: no query reads appeals by municipalityId (the supervisor screens filter the rows
  // they load), and each index is one more entry written per pulled appeal.
  db.version(4).stores({ appeals: 'id, status, [assigneeId+status]' });
  // Version 5 (channels): each outgoing message's delivery state, shown under its reply; `state`
  // serves the «Не доставлено» view.
  db.version(5).stores({ deliveries: 'id, appealId, state' });
  // Version 6: the region's bodies (органы), the directory a forward picks its target from. The
  // new table fills from the server's change log (the bodies' rows follow any cursor already
  // held), so nothing needs copying; the outbox and drafts are untouched.
  db.version(6).stores({ bodies: 'id' });
  // Version 7 (the first download in phases, sync/snapshot.ts): no query reads users by
  // municipalityId or notifications by `at` (the bell sorts a person's few in memory), and each is
  // an index entry written per record. A replica the log filled keeps its cursor and has no
  // snapshot state, so it is not downloaded again and each of its threads counts as arrived.
  db.version(7).stores({ users: 'id', notifications: 'id, userId' });
  // Version 8 (closing the loop): problems, the pothole many appeals are about. The table fills
  // from the log (a problem's rows follow any cursor) and from the first download's directory; no
  // index, as a scope holds a few hundred and «Контроль исполнения» reads them whole. Appeals gain
  // an index on problemId for a problem's card; an appeal in no problem has no key and so costs
  // the index nothing.
  // Resolution posts come with them, by problem.
  db.version(8).stores({ problems: 'id', posts: 'id, problemId', appeals: 'id, status, [assigneeId+status], problemId' });
  // Version 9 (issue 12): the closed appeals' rows and threads from the first download, many to a
  // record (db/row-packs.ts, db/thread-packs.ts); `ids` says which pack holds an appeal. A replica
  // from before keeps everything in the tables, where every reader still looks first.
  db.version(9).stores({ threadPacks: 'id, *ids', rowPacks: 'id, *ids' });
  // Version 10: a packed thread is kept as the JSON bytes the download brings and parsed when read
  // (db/thread-packs.ts); the packs version 9 wrote as objects are turned into bytes.
  db.version(10)
    .stores({})
    .upgrade(async (tx) => {
      await tx
        .table('threadPacks')
        .filter((pack: Record<string, unknown>) => 'threads' in pack)
        .modify((pack: Record<string, unknown>) => {
          pack.docs = (pack.threads as Thread[]).map(threadBytes);
          delete pack.threads;
        });
    });
  return db;
}

/** Tables that mirror server entities one record per record (events go into `histories`). */
export const ENTITY_TABLES = {
  appeal: 'appeals',
  reply: 'replies',
  note: 'notes',
  template: 'templates',
  user: 'users',
  municipality: 'municipalities',
  delivery: 'deliveries',
  body: 'bodies',
  problem: 'problems',
  post: 'posts',
} as const;

/** Tables that belong to the replica of one person's scope (cleared when another person logs in). */
export const REPLICA_TABLES = ['appeals', 'shadows', 'replies', 'notes', 'histories', 'templates', 'users', 'municipalities', 'deliveries', 'bodies', 'problems', 'posts', 'threadPacks', 'rowPacks'] as const;

/** The tables an appeal's thread lives in: a transaction writing a thread takes all of them (db/thread-packs.ts). */
export function threadTables(db: OtklikDb) {
  return [db.histories, db.replies, db.notes, db.deliveries, db.threadPacks];
}
