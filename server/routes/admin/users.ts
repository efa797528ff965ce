import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  createUserRequestSchema,
  resetPasswordRequestSchema,
  scopeIsValid,
  setDisabledRequestSchema,
  updateUserRequestSchema,
  userAfterUpdate,
  type AdminUser,
} from '../../../shared/admin';
import { audit } from '../../audit/log';
import { hashPassword } from '../../auth/passwords';
import { writeTx } from '../../changes';
import type { ServerContext } from '../../context';
import type { Queryable } from '../../db/types';
import { ApiError, parseOr400 } from '../../errors';
import { endSessions, listAdminUsers, lockAdminUser, municipalityExists } from '../../repo/admin-users';
import { GLOBAL_SCOPE } from '../../scopes';
import { adminOf } from './guard';

const idParam = (params: unknown): string => {
  const id = (params as { id?: unknown }).id;
  if (typeof id !== 'string' || id === '' || id.length > 64) throw new ApiError(400, 'validation_failed', 'Bad user id');
  return id;
};

async function loadOr404(q: Queryable, id: string): Promise<AdminUser> {
  const user = await lockAdminUser(q, id);
  if (!user) throw new ApiError(404, 'not_found', 'User not found');
  return user;
}

async function checkMunicipality(q: Queryable, municipalityId: string | null): Promise<void> {
  if (municipalityId !== null && !(await municipalityExists(q, municipalityId))) {
    throw new ApiError(400, 'validation_failed', 'Unknown municipality', [{ path: 'municipalityId', message: 'Unknown municipality' }]);
  }
}

/** What the audit log keeps of a user: everything the console shows, never a password. */
const snapshot = (u: AdminUser) => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  municipalityId: u.municipalityId,
  disabled: u.disabled,
});

/**
 * Users: list, create, change name/role/municipality, reset a password, disable and enable. Each
 * change is one transaction with its audit entry (before and after) and, where the workstations
 * hold the user, its change row, so every replica learns it at the next pull.
 */
export function registerAdminUserRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/users', async () => ({ users: await listAdminUsers(ctx.db) }));

  app.post('/users', async (request, reply) => {
    const admin = adminOf(request);
    const body = parseOr400(createUserRequestSchema, request.body);
    const passwordHash = await hashPassword(body.password);
    const created = await writeTx(ctx.db, async (q, changes) => {
      await checkMunicipality(q, body.municipalityId);
      const id = `u-${randomUUID()}`;
      const res = await q.query(
        `INSERT INTO users (id, username, display_name, role, municipality_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING RETURNING id`,
        [id, body.username, body.displayName, body.role, body.municipalityId, passwordHash],
      );
      if (res.rows.length === 0) throw new ApiError(409, 'conflict', 'Username is taken', [{ path: 'username', message: 'Username is taken' }]);
      const user = await loadOr404(q, id);
      await audit(q, { kind: 'admin.change', actor: admin, subject: user.username, address: request.ip, data: { action: 'user.create', before: null, after: snapshot(user) } });
      changes.upsert('user', id, GLOBAL_SCOPE);
      return user;
    });
    return reply.status(201).send({ user: created });
  });

  app.post('/users/:id', async (request) => {
    const admin = adminOf(request);
    const id = idParam(request.params);
    const body = parseOr400(updateUserRequestSchema, request.body);
    const user = await writeTx(ctx.db, async (q, changes) => {
      const before = await loadOr404(q, id);
      const after = userAfterUpdate(before, body);
      if (!scopeIsValid(after.role, after.municipalityId)) {
        throw new ApiError(400, 'validation_failed', 'A clerk must belong to a municipality', [{ path: 'municipalityId', message: 'Required for a clerk' }]);
      }
      if (id === admin.id && after.role !== 'admin') throw new ApiError(409, 'conflict', 'An administrator cannot take away their own role');
      await checkMunicipality(q, after.municipalityId);
      await q.query('UPDATE users SET display_name = $2, role = $3, municipality_id = $4 WHERE id = $1', [id, after.displayName, after.role, after.municipalityId]);
      await audit(q, { kind: 'admin.change', actor: admin, subject: before.username, address: request.ip, data: { action: 'user.update', before: snapshot(before), after: snapshot(after) } });
      changes.upsert('user', id, GLOBAL_SCOPE);
      return after;
    });
    return { user };
  });

  app.post('/users/:id/password', async (request) => {
    const admin = adminOf(request);
    const id = idParam(request.params);
    const body = parseOr400(resetPasswordRequestSchema, request.body);
    const passwordHash = await hashPassword(body.password);
    await ctx.db.tx(async (q) => {
      const user = await loadOr404(q, id);
      await q.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
      // A reset password ends the sessions signed in with the old one.
      await endSessions(q, id);
      await audit(q, { kind: 'admin.change', actor: admin, subject: user.username, address: request.ip, data: { action: 'user.resetPassword', before: null, after: null } });
    });
    return { ok: true };
  });

  app.post('/users/:id/disabled', async (request) => {
    const admin = adminOf(request);
    const id = idParam(request.params);
    const body = parseOr400(setDisabledRequestSchema, request.body);
    if (id === admin.id && body.disabled) throw new ApiError(409, 'conflict', 'An administrator cannot disable their own account');
    // Written as a change of the user: the live hub ends their live connections at once.
    const user = await writeTx(ctx.db, async (q, changes) => {
      const before = await loadOr404(q, id);
      changes.upsert('user', id, GLOBAL_SCOPE);
      await q.query(`UPDATE users SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) ELSE NULL END WHERE id = $1`, [id, body.disabled]);
      if (body.disabled) await endSessions(q, id);
      const after = { ...before, disabled: body.disabled };
      await audit(q, {
        kind: 'admin.change',
        actor: admin,
        subject: before.username,
        address: request.ip,
        data: { action: body.disabled ? 'user.disable' : 'user.enable', before: snapshot(before), after: snapshot(after) },
      });
      return after;
    });
    return { user };
  });
}
