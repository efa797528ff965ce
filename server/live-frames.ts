import type { Db } from './db/types';
import { CHANGE_JSON } from './pull';
import type { CallerScope } from './scopes';

/** One committed change row as the hub reads it once per transaction, for every connection. */
export interface CommittedRow {
  seq: number;
  scope: string;
  leave: boolean;
  entity: string;
  entityId: string;
  /** The change as the pull would send it; null when the pull leaves it out (its record is gone). */
  json: string | null;
}

/** A transaction larger than this is announced by a plain poke: its workstations pull it in pages. */
export const MAX_FRAME_ROWS = 500;

/** The rows of the transactions with seqs in (after, to], in seq order: one query per commit. */
export async function committedRows(db: Pick<Db, 'query'>, after: number, to: number): Promise<CommittedRow[]> {
  const res = await db.query<{ seq: number; scope: string; leave: boolean; entity: string; entity_id: string; json: string | null }>(
    `SELECT seq, scope, leave, entity, entity_id, ${CHANGE_JSON} AS json FROM changes WHERE seq > $1 AND seq <= $2 ORDER BY seq`,
    [after, to],
  );
  return res.rows.map((r) => ({ seq: Number(r.seq), scope: r.scope, leave: r.leave, entity: r.entity, entityId: r.entity_id, json: r.json }));
}

/** Whether the caller's pull returns this row: the same rule as pageSql in pull.ts, in JavaScript. */
export function pulledBy(caller: CallerScope, row: Pick<CommittedRow, 'scope' | 'leave'>): boolean {
  if (caller.kind === 'list') return caller.scopes.includes(row.scope);
  return !row.leave && (!row.scope.startsWith('u:') || row.scope === caller.own);
}

/**
 * The poke that carries a transaction to one workstation: every change its pull would return
 * with a seq in (after, seq], so a workstation whose cursor is at least `after` applies them and
 * moves to `seq` without a pull. Workstations with the same scope and `after` share one string.
 */
export function carryingPoke(after: number, seq: number, rows: readonly CommittedRow[]): string {
  const changes = rows.map((r) => r.json).join(',');
  return `event: poke\ndata: {"seq":${seq},"after":${after},"changes":[${changes}]}\n\n`;
}

export function plainPoke(seq: number): string {
  return `event: poke\ndata: {"seq":${seq}}\n\n`;
}
