import type { AuditEntry, AuditKind, AuditQuery, AuditPage } from '../../shared/audit';
import type { Queryable } from '../db/types';

export interface AuditRecord {
  kind: AuditKind;
  actor: { id: string; displayName: string } | null;
  appealId?: string | null;
  subject?: string | null;
  address?: string | null;
  /** When it happened, when that is not now (an open recorded offline and sent later). */
  at?: string;
  data?: Record<string, unknown>;
}

/** Appends one entry; called inside the transaction of the act it records, so both or neither. */
export async function audit(q: Queryable, r: AuditRecord): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (at, kind, actor_id, actor_name, appeal_id, subject, address, data)
     VALUES (coalesce($1::timestamptz, now()), $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [
      r.at ?? null,
      r.kind,
      r.actor?.id ?? null,
      r.actor?.displayName ?? null,
      r.appealId ?? null,
      r.subject ?? null,
      r.address ?? null,
      JSON.stringify(r.data ?? {}),
    ],
  );
}

const ENTRY_COLUMNS = `id::text AS id, iso(at) AS at, kind, actor_id AS "actorId", actor_name AS "actorName",
  appeal_id AS "appealId", subject, address, data`;

/** A page of the log, newest first, with the number of entries the filters match. */
export async function readAudit(q: Queryable, f: AuditQuery): Promise<AuditPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.person !== undefined) {
    add(
      (n) => `(actor_id = ${n} OR actor_id IN (SELECT id FROM users WHERE lower(username) = lower(${n})) OR lower(actor_name) LIKE '%' || lower(${n}) || '%' OR lower(subject) = lower(${n}))`,
      f.person,
    );
  }
  if (f.appealId !== undefined) add((n) => `appeal_id = ${n}`, f.appealId);
  if (f.kind !== undefined) add((n) => `kind = ${n}`, f.kind);
  if (f.from !== undefined) add((n) => `at >= ${n}::timestamptz`, f.from);
  if (f.to !== undefined) add((n) => `at < ${n}::timestamptz`, f.to);
  const cond = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total = await q.query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_log ${cond}`, params);
  const rows = await q.query<AuditEntry>(
    `SELECT ${ENTRY_COLUMNS} FROM audit_log ${cond} ORDER BY at DESC, id DESC LIMIT ${f.limit} OFFSET ${f.offset}`,
    params,
  );
  return { entries: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
}

export const AUDIT_RETENTION_KEY = 'audit_retention_days';

/** Runs the retention purge: the only deletion the log allows. The number of entries removed. */
export async function purgeAudit(q: Queryable): Promise<number> {
  const res = await q.query<{ n: string }>('SELECT audit_purge()::text AS n');
  return Number(res.rows[0]?.n ?? 0);
}
