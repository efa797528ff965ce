import { randomUUID } from 'node:crypto';
import { classifyCategory } from '../shared/classify';
import { computeDeadlines } from '../shared/deadlines';
import { withSourceRules } from '../shared/deadline-rules';
import { loadDeadlineRules, loadRegionalDays } from './deadline-rules';
import { regionalCalendar } from '../shared/regional-calendar';
import { OPEN_STATUSES, type AppealEvent } from '../shared/domain';
import type { IntakeRequest, IntakeResponse } from '../shared/protocol';
import { writeTx, type ChangeSet } from './changes';
import type { Db, Queryable } from './db/types';
import { insertEvent } from './repo/appeals';
import { decideRoute } from './routing';
import { municipalityScope } from './scopes';

async function findExisting(q: Queryable, source: string, externalRef: string): Promise<IntakeResponse | null> {
  const res = await q.query<{ id: string; municipalityId: string; assigneeId: string | null }>(
    `SELECT id, municipality_id AS "municipalityId", assignee_id AS "assigneeId"
     FROM appeals WHERE source = $1 AND external_ref = $2`,
    [source, externalRef],
  );
  const row = res.rows[0];
  return row ? { ...row, duplicate: true } : null;
}

/** The clerk of the body (a municipality, a ministry, …) with the fewest open appeals (ties: by username). */
export async function chooseAssignee(q: Queryable, municipalityId: string) {
  const res = await q.query<{ id: string; displayName: string }>(
    `SELECT u.id, u.display_name AS "displayName"
     FROM users u LEFT JOIN appeals a ON a.assignee_id = u.id AND a.status = ANY($2::text[])
     WHERE u.role = 'clerk' AND u.municipality_id = $1 AND u.disabled_at IS NULL
     GROUP BY u.id, u.display_name, u.username
     ORDER BY count(a.id), u.username LIMIT 1`,
    [municipalityId, OPEN_STATUSES],
  );
  return res.rows[0] ?? null;
}

/**
 * An appeal arriving from a source connector: idempotent on (source, externalRef), routed,
 * classified, given to the least busy clerk, with its deadlines. The change rows make it reach
 * the assignee's workstation (and poke it) as soon as the transaction commits.
 */
export async function intakeAppeal(db: Db, req: IntakeRequest, defaultMunicipalityId: string): Promise<IntakeResponse> {
  return writeTx(db, (q, changes) => intakeAppealIn(q, changes, req, defaultMunicipalityId));
}

/** The same, inside a caller's transaction (the channel inbox files an appeal and its thread in one). */
export async function intakeAppealIn(
  q: Queryable,
  changes: ChangeSet,
  req: IntakeRequest,
  defaultMunicipalityId: string,
  /** Said in the «received» history event: where on the platform the message is (`link`). */
  receivedData: Record<string, unknown> = {},
): Promise<IntakeResponse> {
  const existing = await findExisting(q, req.source, req.externalRef);
  if (existing) return existing;
  const category = req.category ?? classifyCategory(req.text);
  const route = await decideRoute(
    q,
    { text: req.text, category, source: req.source, settlement: req.settlement, channelBodyId: req.municipalityId },
    defaultMunicipalityId,
  );
  const municipality = { id: route.bodyId };
  const assignee = await chooseAssignee(q, municipality.id);
  const now = new Date();
  const receivedAt = req.receivedAt ? new Date(req.receivedAt) : now;
  const priority = req.priority ?? 'normal';
  // The region's rules per source and its own calendar days, as the administrator last saved them.
  const due = computeDeadlines({ source: req.source, priority, receivedAt }, withSourceRules(await loadDeadlineRules(q)), regionalCalendar(await loadRegionalDays(q)));
  const id = randomUUID();
  const inserted = await q.query(
    `INSERT INTO appeals (id, source, external_ref, author, text, attachments, received_at, category, municipality_id,
       settlement, address, assignee_id, status, priority, first_response_due_at, due_at, first_responded_at, version, updated_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, NULL, 1, $17)
     ON CONFLICT (source, external_ref) DO NOTHING RETURNING id`,
    [
      id,
      req.source,
      req.externalRef,
      JSON.stringify(req.author),
      req.text,
      JSON.stringify(req.attachments ?? []),
      receivedAt.toISOString(),
      category,
      municipality.id,
      req.settlement || null,
      req.address || null,
      assignee?.id ?? null,
      assignee ? 'assigned' : 'new',
      priority,
      due.firstResponseDueAt?.toISOString() ?? null,
      due.dueAt.toISOString(),
      now.toISOString(),
    ],
  );
  if (inserted.rows.length === 0) {
    // Posted twice at the same moment: the other request created it.
    const again = await findExisting(q, req.source, req.externalRef);
    if (again) return again;
    throw new Error('appeal vanished after a conflicting insert');
  }
  const scope = municipalityScope(municipality.id);
  changes.upsert('appeal', id, scope);
  // A millisecond apart, so the history lists them in the order they happened.
  const event = (kind: AppealEvent['kind'], data: Record<string, unknown>, step: number): AppealEvent => ({
    id: randomUUID(),
    appealId: id,
    actorId: null,
    actorName: null,
    kind,
    data,
    version: 1,
    at: new Date(now.getTime() + step).toISOString(),
  });
  const events = [
    event('received', { ...receivedData, source: req.source, externalRef: req.externalRef }, 0),
    // The rule that decided is named in the history («направлено по правилу …»).
    event('routed', { municipalityId: municipality.id, by: route.by, ...(route.rule ? { ruleId: route.rule.id, ruleName: route.rule.name } : {}) }, 1),
    ...(assignee ? [event('assigned', { assigneeId: assignee.id, assigneeName: assignee.displayName }, 2)] : []),
  ];
  for (const e of events) {
    await insertEvent(q, e);
    changes.upsert('event', e.id, scope);
  }
  return { id, duplicate: false, municipalityId: municipality.id, assigneeId: assignee?.id ?? null };
}
