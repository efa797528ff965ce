import Dexie, { type EntityTable } from 'dexie';
import { APPEAL_STATUSES, CATEGORIES, PRIORITIES, SOURCES } from '../../shared/domain';
import type { AppealFacts } from '../../shared/facts';

/**
 * The supervisors' facts (shared/facts.ts) of a whole scope, kept between sessions in a database
 * of their own, column by column: reading 100,000 appeal records back from IndexedDB takes seconds
 * on an old PC, reading a dozen typed arrays takes milliseconds. A snapshot is used only while its
 * fingerprint matches the replica's (see facts-store.ts); otherwise it is rebuilt.
 */

export interface Fingerprint {
  ownerId: string;
  cursor: number;
  appeals: number;
  outboxPending: number;
  outboxLastSeq: number;
}

export interface StoredFacts {
  key: string;
  fingerprint: Fingerprint;
  ids: string[];
  receivedAt: Float64Array;
  dueAt: Float64Array;
  /** NaN: not yet answered. */
  firstRespondedAt: Float64Array;
  category: Uint8Array;
  source: Uint8Array;
  status: Uint8Array;
  priority: Uint8Array;
  municipalities: string[];
  municipality: Uint16Array;
  assignees: string[];
  /** Index into `assignees`; NO_ASSIGNEE for nobody. */
  assignee: Uint16Array;
  topics: Uint32Array;
  /**
   * The author's word: bits 0–2 the score (0: none), bit 3 set when they gave a verdict, bit 4 the
   * verdict (solved). Absent in a snapshot written before ratings existed: none then.
   */
  rating?: Uint8Array;
}

const NO_ASSIGNEE = 0xffff;

function packRating(f: Pick<AppealFacts, 'score' | 'solved'>): number {
  return (f.score ?? 0) | (f.solved === null ? 0 : 8 | (f.solved ? 16 : 0));
}

type SnapshotDb = Dexie & { snapshots: EntityTable<StoredFacts, 'key'> };

export const SNAPSHOT_DB_NAME = 'otklik-analytics';

export function openSnapshotDb(name: string = SNAPSHOT_DB_NAME): SnapshotDb {
  const db = new Dexie(name) as SnapshotDb;
  db.version(1).stores({ snapshots: 'key' });
  return db;
}

function dictionary(values: Iterable<string>): { list: string[]; index: Map<string, number> } {
  const list = [...new Set(values)];
  return { list, index: new Map(list.map((v, i) => [v, i])) };
}

const indexOf = <T extends string>(all: readonly T[]) => new Map<string, number>(all.map((v, i) => [v, i]));
const CATEGORY_INDEX = indexOf(CATEGORIES);
const SOURCE_INDEX = indexOf(SOURCES);
const STATUS_INDEX = indexOf(APPEAL_STATUSES);
const PRIORITY_INDEX = indexOf(PRIORITIES);

export function encodeFacts(key: string, fingerprint: Fingerprint, facts: readonly AppealFacts[]): StoredFacts {
  const n = facts.length;
  const municipalities = dictionary(facts.map((f) => f.municipalityId));
  const assignees = dictionary(facts.flatMap((f) => (f.assigneeId === null ? [] : [f.assigneeId])));
  if (municipalities.list.length >= 0xffff || assignees.list.length >= NO_ASSIGNEE) throw new Error('Too many people for a snapshot');
  const out: StoredFacts = {
    key,
    fingerprint,
    ids: new Array<string>(n),
    receivedAt: new Float64Array(n),
    dueAt: new Float64Array(n),
    firstRespondedAt: new Float64Array(n),
    category: new Uint8Array(n),
    source: new Uint8Array(n),
    status: new Uint8Array(n),
    priority: new Uint8Array(n),
    municipalities: municipalities.list,
    municipality: new Uint16Array(n),
    assignees: assignees.list,
    assignee: new Uint16Array(n),
    topics: new Uint32Array(n),
    rating: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const f = facts[i]!;
    out.ids[i] = f.id;
    out.receivedAt[i] = f.receivedAt;
    out.dueAt[i] = f.dueAt;
    out.firstRespondedAt[i] = f.firstRespondedAt ?? Number.NaN;
    out.category[i] = CATEGORY_INDEX.get(f.category) ?? 0;
    out.source[i] = SOURCE_INDEX.get(f.source) ?? 0;
    out.status[i] = STATUS_INDEX.get(f.status) ?? 0;
    out.priority[i] = PRIORITY_INDEX.get(f.priority) ?? 0;
    out.municipality[i] = municipalities.index.get(f.municipalityId)!;
    out.assignee[i] = f.assigneeId === null ? NO_ASSIGNEE : assignees.index.get(f.assigneeId)!;
    out.topics[i] = f.topics;
    out.rating![i] = packRating(f);
  }
  return out;
}

export function decodeFacts(s: StoredFacts): AppealFacts[] {
  const n = s.ids.length;
  const facts = new Array<AppealFacts>(n);
  for (let i = 0; i < n; i++) {
    const responded = s.firstRespondedAt[i]!;
    const assignee = s.assignee[i]!;
    const rating = s.rating?.[i] ?? 0;
    facts[i] = {
      id: s.ids[i]!,
      receivedAt: s.receivedAt[i]!,
      dueAt: s.dueAt[i]!,
      firstRespondedAt: Number.isNaN(responded) ? null : responded,
      category: CATEGORIES[s.category[i]!]!,
      source: SOURCES[s.source[i]!]!,
      status: APPEAL_STATUSES[s.status[i]!]!,
      priority: PRIORITIES[s.priority[i]!]!,
      municipalityId: s.municipalities[s.municipality[i]!]!,
      assigneeId: assignee === NO_ASSIGNEE ? null : s.assignees[assignee]!,
      topics: s.topics[i]!,
      score: (rating & 7) === 0 ? null : rating & 7,
      solved: (rating & 8) === 0 ? null : (rating & 16) !== 0,
    };
  }
  return facts;
}

export function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.ownerId === b.ownerId && a.cursor === b.cursor && a.appeals === b.appeals && a.outboxPending === b.outboxPending && a.outboxLastSeq === b.outboxLastSeq;
}
