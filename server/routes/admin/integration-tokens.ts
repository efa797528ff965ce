import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idSchema } from '../../../shared/domain';
import { integrationTokenInputSchema, type AdminIntegrationToken, type CreatedIntegrationToken } from '../../../shared/integration-tokens';
import { audit } from '../../audit/log';
import { addIntegrationToken, newIntegrationToken } from '../../auth/integration';
import { sha256 } from '../../auth/tokens';
import type { ServerContext } from '../../context';
import type { Queryable } from '../../db/types';
import { ApiError, parseOr400 } from '../../errors';
import { adminOf } from './guard';

interface Row {
  id: string;
  name: string;
  created_at: string;
  created_by: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

const COLUMNS = `id, name, iso(created_at) AS created_at, created_by, iso(last_used_at) AS last_used_at, iso(revoked_at) AS revoked_at`;

const toItem = (r: Row): AdminIntegrationToken => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  createdBy: r.created_by,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

async function byHash(q: Queryable, hash: string): Promise<AdminIntegrationToken> {
  const row = (await q.query<Row>(`SELECT ${COLUMNS} FROM integration_tokens WHERE token_hash = $1`, [hash])).rows[0];
  if (!row) throw new Error('integration token vanished after insert');
  return toItem(row);
}

/**
 * «Токены интеграций»: list (names and dates, never a token or its hash), create (the token is in
 * this one answer and nowhere else: not stored, not logged, not audited), revoke (the row stays,
 * so the list and the audit log keep naming it; the token is refused at its next request).
 */
export function registerIntegrationTokenRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/integration-tokens', async (): Promise<{ tokens: AdminIntegrationToken[] }> => {
    const res = await ctx.db.query<Row>(`SELECT ${COLUMNS} FROM integration_tokens ORDER BY revoked_at IS NOT NULL, created_at DESC, id`);
    return { tokens: res.rows.map(toItem) };
  });

  app.post('/integration-tokens', async (request, reply): Promise<CreatedIntegrationToken> => {
    const admin = adminOf(request);
    const input = parseOr400(integrationTokenInputSchema, request.body);
    const token = newIntegrationToken();
    const item = await ctx.db.tx(async (q) => {
      await addIntegrationToken(q, input.name, token, admin.displayName);
      const created = await byHash(q, sha256(token));
      await audit(q, { kind: 'admin.change', actor: admin, subject: input.name, address: request.ip, data: { action: 'integrationToken.create', before: null, after: { name: input.name } } });
      return created;
    });
    reply.code(201);
    return { token, item };
  });

  app.post('/integration-tokens/:id/revoke', async (request): Promise<AdminIntegrationToken> => {
    const admin = adminOf(request);
    const { id } = parseOr400(z.object({ id: idSchema }), request.params);
    return ctx.db.tx(async (q) => {
      const res = await q.query<Row>(
        `UPDATE integration_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
        [id],
      );
      const row = res.rows[0];
      if (!row) throw new ApiError(404, 'not_found', 'Integration token not found');
      await audit(q, { kind: 'admin.change', actor: admin, subject: row.name, address: request.ip, data: { action: 'integrationToken.revoke', before: { name: row.name }, after: null } });
      return toItem(row);
    });
  });
}
