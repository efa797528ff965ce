import { isDeepStrictEqual } from 'node:util';
import { getClientId } from '../../renderer/db/meta';
import type { RestartableServer, ScopeView } from './server';
import type { Typed, Workstation } from './workstation';

const TABLES = ['appeals', 'replies', 'notes', 'events', 'users', 'municipalities', 'templates'] as const;

/** Differences between a workstation's replica and the server's view of the same scope, in words. */
export function diffViews(local: ScopeView, remote: ScopeView): string[] {
  const out: string[] = [];
  for (const table of TABLES) {
    const l = local[table] as Map<string, unknown>;
    const r = remote[table] as Map<string, unknown>;
    for (const [id, row] of r) {
      if (!l.has(id)) out.push(`${table} ${id}: missing on the workstation`);
      else if (!isDeepStrictEqual(l.get(id), row)) out.push(`${table} ${id}: differs\n    local  ${JSON.stringify(l.get(id))}\n    server ${JSON.stringify(row)}`);
    }
    for (const id of l.keys()) if (!r.has(id)) out.push(`${table} ${id}: on the workstation, not in its scope on the server`);
  }
  return out;
}

/**
 * The end state after the network healed: every replica equals the server for its scope, every
 * change typed either took effect exactly once or is shown to its author as refused.
 */
export async function convergenceProblems(server: RestartableServer, stations: Workstation[], typed: Typed[]): Promise<string[]> {
  const problems: string[] = [];
  const byName = new Map(stations.map((s) => [s.name, s]));
  for (const ws of stations) {
    const outbox = await ws.outbox();
    const stuck = outbox.filter((e) => e.state === 'pending');
    if (stuck.length) problems.push(`${ws.name}: ${stuck.length} outbox entries still pending (${stuck.map((e) => e.name).join(', ')})`);
    const status = ws.client.status.get();
    if (status.error !== null) problems.push(`${ws.name}: last sync failed with ${status.error}`);
    for (const e of outbox) {
      // Conflicts are refused with their own codes; these mean a client or server bug.
      if (e.state === 'rejected' && ['validation_failed', 'unknown_mutation', 'internal_error'].includes(e.code ?? '')) {
        problems.push(`${ws.name}: ${e.name} ${e.id} refused as ${e.code}: ${e.message}`);
      }
    }
    // With nothing pending, a kept server row must equal the row shown.
    for (const shadow of await ws.db.shadows.toArray()) {
      const shown = await ws.db.appeals.get(shadow.id);
      if (shown && JSON.stringify(shown) !== JSON.stringify(shadow)) problems.push(`${ws.name}: shadow of ${shadow.id} (v${shadow.version}) differs from the row shown (v${shown.version})`);
    }
    const local = await ws.view();
    for (const row of local.pendingRows) problems.push(`${ws.name}: ${row} still marked pending`);
    for (const d of diffViews(local, await ws.serverView())) problems.push(`${ws.name}: ${d}`);
  }

  const dupes = await server.db.query<{ body: string; n: number }>('SELECT body, count(*)::int AS n FROM replies GROUP BY body HAVING count(*) > 1');
  for (const d of dupes.rows) problems.push(`reply stored ${d.n} times: ${d.body}`);

  for (const t of typed) {
    const ws = byName.get(t.workstation)!;
    const clientId = await getClientId(ws.db);
    const res = await server.db.query<{ status: string; code: string | null }>(
      'SELECT status, code FROM client_mutations WHERE client_id = $1 AND mutation_id = $2',
      [clientId, t.entry.id],
    );
    const row = res.rows[0];
    const local = await ws.db.outbox.where('id').equals(t.entry.id).first();
    const what = `${t.workstation} ${t.entry.name} ${t.entry.id}`;
    if (!row) {
      problems.push(`${what}: never reached the server (outbox: ${local?.state ?? 'gone'})`);
      continue;
    }
    if (row.status === 'rejected') {
      if (local?.state !== 'rejected') problems.push(`${what}: refused by the server (${row.code}) but not shown to its author (outbox: ${local?.state ?? 'gone'})`);
      else if (local.code !== row.code) problems.push(`${what}: refused with ${row.code}, shown as ${local.code}`);
    } else if (local) {
      problems.push(`${what}: ${row.status} on the server but still in the outbox as ${local.state}`);
    }
    if (t.entry.name === 'reply.submit' || t.entry.name === 'note.add') {
      const table = t.entry.name === 'reply.submit' ? 'replies' : 'notes';
      const id = String(t.entry.name === 'reply.submit' ? t.entry.args.replyId : t.entry.args.noteId);
      const stored = await server.db.query<{ author_id: string; body: string }>(`SELECT author_id, body FROM ${table} WHERE id = $1`, [id]);
      const expected = row.status === 'rejected' ? 0 : 1;
      if (stored.rows.length !== expected) problems.push(`${what}: stored ${stored.rows.length} times, expected ${expected}`);
      const first = stored.rows[0];
      if (first && (first.author_id !== t.userId || first.body !== t.entry.args.body)) problems.push(`${what}: stored with author ${first.author_id}`);
    }
  }
  return problems;
}
