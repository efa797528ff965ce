import type { FastifyInstance } from 'fastify';
import { auditQuerySchema, auditRetentionSchema, DEFAULT_AUDIT_RETENTION_DAYS } from '../../../shared/audit';
import { audit, AUDIT_RETENTION_KEY, readAudit } from '../../audit/log';
import type { ServerContext } from '../../context';
import { parseOr400 } from '../../errors';
import { adminOf } from './guard';

async function retentionDays(ctx: ServerContext): Promise<number> {
  const res = await ctx.db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [AUDIT_RETENTION_KEY]);
  const value = Number(res.rows[0]?.value);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_AUDIT_RETENTION_DAYS;
}

/** The audit log, read page by page with filters (never synced), and its retention. */
export function registerAdminAuditRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/audit', async (request) => readAudit(ctx.db, parseOr400(auditQuerySchema, request.query)));

  app.get('/audit/retention', async () => ({ days: await retentionDays(ctx) }));

  app.post('/audit/retention', async (request) => {
    const admin = adminOf(request);
    const body = parseOr400(auditRetentionSchema, request.body);
    const before = await retentionDays(ctx);
    await ctx.db.tx(async (q) => {
      await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [AUDIT_RETENTION_KEY, String(body.days)]);
      await audit(q, { kind: 'admin.change', actor: admin, subject: 'audit.retention', address: request.ip, data: { action: 'audit.retention', before: { days: before }, after: { days: body.days } } });
    });
    return { days: body.days };
  });
}
