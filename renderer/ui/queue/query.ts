import { OPEN_STATUSES, type Appeal, type User } from '../../../shared/domain';
import { isSupervisorRole } from '../../../shared/permissions';
import type { OtklikDb } from '../../db/schema';

/** Earliest deadline first; ties by arrival, then id, so the order never jumps between renders. */
export function byDueAt(a: Appeal, b: Appeal): number {
  const d = Date.parse(a.dueAt) - Date.parse(b.dueAt);
  if (d !== 0) return d;
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The worklist: for a clerk, the open appeals assigned to them; for a supervisor, every open
 * appeal of their scope (the replica holds exactly their scope). Sorted by deadline.
 */
export async function loadQueue(db: OtklikDb, user: Pick<User, 'id' | 'role'>): Promise<Appeal[]> {
  const rows = isSupervisorRole(user.role)
    ? await db.appeals.where('status').anyOf([...OPEN_STATUSES]).toArray()
    : await db.appeals
        .where('[assigneeId+status]')
        .anyOf(OPEN_STATUSES.map((s) => [user.id, s]))
        .toArray();
  return rows.sort(byDueAt);
}

/** The first non-empty line of an appeal's text, for a one-line preview. */
export function firstLine(text: string, max = 160): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
