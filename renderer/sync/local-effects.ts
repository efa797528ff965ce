import type { Appeal } from '../../shared/domain';
import { appealAfterAssign, appealAfterStatus } from '../../shared/effects';
import type { AppealStatus } from '../../shared/domain';
import type { OtklikDb, OutboxEntry } from '../db/schema';
import { unpackRows } from '../db/row-packs';
import { applyClerkEntry, CLERK_APPEAL_EFFECTS } from '../clerk/effects';

/**
 * The local view is server state plus the pending outbox on top. For an appeal with pending
 * effects the server's row is kept in `shadows`, and the `appeals` row is that row with every
 * pending entry's effect folded over it, in outbox order. These helpers keep that invariant.
 */

const APPEAL_EFFECTS: ReadonlySet<string> = new Set(['appeal.setStatus', 'appeal.assign', 'problem.link', 'problem.unlink', ...CLERK_APPEAL_EFFECTS]);

export function changesAppeal(entry: Pick<OutboxEntry, 'name'>): boolean {
  return APPEAL_EFFECTS.has(entry.name);
}

/** One entry's optimistic effect on its appeal: the same functions the server applies. */
export function applyEntry(appeal: Appeal, entry: OutboxEntry): Appeal {
  switch (entry.name) {
    case 'appeal.setStatus':
      return appealAfterStatus(appeal, entry.args.status as AppealStatus, entry.createdAt);
    case 'appeal.assign': {
      const assignee = entry.local?.assignee ?? { id: String(entry.args.assigneeId), role: 'clerk' as const, municipalityId: null };
      return appealAfterAssign(appeal, assignee, entry.createdAt);
    }
    case 'problem.link':
      return { ...appeal, problemId: String(entry.args.problemId) };
    case 'problem.unlink': {
      if (appeal.problemId !== entry.args.problemId) return appeal;
      const { problemId: _gone, ...rest } = appeal;
      return rest;
    }
    default:
      return applyClerkEntry(appeal, entry);
  }
}

export function foldEntries(base: Appeal, entries: readonly OutboxEntry[]): Appeal {
  let view = base;
  for (const entry of entries) view = applyEntry(view, entry);
  return view;
}

/** Pending entries with an effect on an appeal, grouped by appeal, each group in outbox order. */
export async function pendingAppealEffects(db: OtklikDb): Promise<Map<string, OutboxEntry[]>> {
  // The 'state' index orders equal keys by primary key, i.e. by outbox seq.
  const pending = await db.outbox.where('state').equals('pending').toArray();
  const byAppeal = new Map<string, OutboxEntry[]>();
  for (const entry of pending) {
    if (!changesAppeal(entry)) continue;
    const list = byAppeal.get(entry.appealId);
    if (list) list.push(entry);
    else byAppeal.set(entry.appealId, [entry]);
  }
  return byAppeal;
}

/**
 * Recomputes the local view of these appeals from server state (the shadow, or the row itself
 * when it has no local effects, or `overrides` — a server row just received) plus the pending
 * entries. Must run inside a transaction over appeals, rowPacks, shadows and outbox.
 */
export async function rederiveAppeals(db: OtklikDb, appealIds: Iterable<string>, overrides?: ReadonlyMap<string, Appeal>): Promise<void> {
  const ids = [...new Set(appealIds)];
  if (ids.length === 0) return;
  // A row kept in a pack is copied to the table, where its local view is written (db/row-packs.ts).
  await unpackRows(db, ids);
  const effects = await pendingAppealEffects(db);
  const [shadows, rows] = await Promise.all([db.shadows.bulkGet(ids), db.appeals.bulkGet(ids)]);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const base = overrides?.get(id) ?? shadows[i] ?? rows[i];
    if (!base) continue;
    const pending = effects.get(id);
    if (pending && pending.length > 0) {
      await db.shadows.put(base);
      await db.appeals.put(foldEntries(base, pending));
    } else {
      await db.shadows.delete(id);
      await db.appeals.put(base);
    }
  }
}
