import { z } from 'zod';
import type { Body } from './bodies';
import type { Delivery, DeliveryState } from './channels/delivery';
import type { Problem } from './problems';
import type { Post } from './posts/post';
import { idSchema, type Appeal, type AppealEvent, type Municipality, type Note, type Reply, type ReplyState, type Template, type User } from './domain';

/**
 * The first sign-in at a workstation reads the replica in phases, most useful first (issue 12):
 * - `mine`: the person's own open appeals, with their threads (and, on the first page, the
 *   directory: users, bodies, municipalities, templates, and the scope's totals);
 * - `open`: the other open appeals of the scope, with their threads;
 * - `rows`: the rows of every other (resolved or closed) appeal of the scope: enough for the
 *   queue, search, filters and the dashboard;
 * - `threads`: the threads of those appeals, in the background.
 * Each phase pages by appeal id. The change log's head is read before the first page, so a pull
 * from it afterwards replays everything committed while the phases ran.
 */
export const SNAPSHOT_PHASES = ['mine', 'open', 'rows', 'threads'] as const;
export type SnapshotPhase = (typeof SNAPSHOT_PHASES)[number];

export const SNAPSHOT_DEFAULT_LIMIT = 500;
export const SNAPSHOT_MAX_LIMIT = 5000;

export const snapshotQuerySchema = z.object({
  phase: z.enum(SNAPSHOT_PHASES),
  /** The last appeal id of the previous page of this phase; empty for its first page. */
  after: z.union([z.literal(''), idSchema]).default(''),
  limit: z.coerce.number().int().min(1).max(SNAPSHOT_MAX_LIMIT).default(SNAPSHOT_DEFAULT_LIMIT),
});
export type SnapshotQuery = z.infer<typeof snapshotQuerySchema>;

export const threadParamsSchema = z.object({ appealId: idSchema });

/** Everything attached to one appeal: what its pane shows below the appeal's own row. */
export interface Thread {
  appealId: string;
  replies: Reply[];
  notes: Note[];
  /** Oldest first. */
  events: AppealEvent[];
  deliveries: Delivery[];
}

/**
 * The reply and delivery states some workstation query reads by (a reply waiting for approval or
 * returned, a delivery queued or failed). A thread holding none is settled: nothing but its own
 * appeal's pane reads it, so the workstation may keep it packed (renderer/db/thread-packs.ts), and
 * the server says so of each thread of the `threads` phase (server/closed-docs.ts).
 */
export const UNSETTLED_REPLY_STATES: readonly ReplyState[] = ['draft', 'submitted', 'returned'];
export const UNSETTLED_DELIVERY_STATES: readonly DeliveryState[] = ['queued', 'sending', 'failed'];

export function isSettledThread(thread: Pick<Thread, 'replies' | 'deliveries'>): boolean {
  return !thread.replies.some((r) => UNSETTLED_REPLY_STATES.includes(r.state)) && !thread.deliveries.some((d) => UNSETTLED_DELIVERY_STATES.includes(d.state));
}

/**
 * A closed appeal's thread as the `threads` phase brings it: a gzip frame of its JSON (or the JSON
 * itself, from an older server), kept as it came by the workstation until the appeal is opened
 * (shared/thread-frames.ts).
 */
export interface ThreadDoc {
  appealId: string;
  /** isSettledThread of the thread, said by the server so the text need not be parsed to know it. */
  settled: boolean;
  /** The Thread as a frame or as UTF-8 JSON (shared/thread-frames.ts threadFromBytes reads either). */
  bytes: Uint8Array;
}

/** A parsed thread as a ThreadDoc, its bytes made by `encode` (a frame, or plain JSON). */
export function threadDoc(thread: Thread, encode: (thread: Thread) => Uint8Array): ThreadDoc {
  return { appealId: thread.appealId, settled: isSettledThread(thread), bytes: encode(thread) };
}

export interface SnapshotDirectory {
  users: User[];
  municipalities: Municipality[];
  bodies: Body[];
  templates: Template[];
  /** The problems the caller sees (shared/problems.ts canSeeProblem); absent from older servers. */
  problems?: Problem[];
  /** The resolution posts of those problems (and of the caller's bodies' pages). */
  posts?: Post[];
  /** Appeals in the caller's scope, and how many of them are not open (their threads come last). */
  total: number;
  closed: number;
}

export interface SnapshotPage {
  /** The change log's seq when this page was asked for (before its rows were read). */
  head: number;
  /** Appeal rows (every phase but `threads`). */
  appeals: Appeal[];
  /** One per appeal of the page (`mine` and `open`). */
  threads: Thread[];
  /** One per appeal of the page (`threads`), unparsed. */
  docs?: ThreadDoc[];
  /** Only on the first page of `mine`. */
  directory?: SnapshotDirectory;
  /** The `after` of the next page; null when the phase is complete. */
  next: string | null;
}

/** GET /sync/thread/:appealId: one appeal and its thread, read on demand while the backfill runs. */
export interface ThreadResponse {
  head: number;
  appeal: Appeal;
  thread: Thread;
}
