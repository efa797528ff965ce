import type { FastifyInstance } from 'fastify';
import type { User } from '../../shared/domain';
import { API_PREFIX, loginRequestSchema, refreshRequestSchema, type LoginResponse } from '../../shared/protocol';
import { authenticate } from '../auth/guard';
import { verifyPassword } from '../auth/passwords';
import { consumeRefreshToken, createRefreshToken } from '../auth/tokens';
import type { ServerContext } from '../context';
import { ApiError, parseOr400 } from '../errors';
import { findUserForLogin, findUserWithState } from '../repo/users';
import { audit } from '../audit/log';

export interface LoginRateLimit {
  max: number;
  timeWindowMs: number;
}

async function session(ctx: ServerContext, user: User, refreshToken: string): Promise<LoginResponse> {
  return { accessToken: await ctx.tokens.sign(user.id), refreshToken, expiresIn: ctx.tokens.ttlSeconds, user };
}

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext, rateLimit: LoginRateLimit): void {
  app.post(
    `${API_PREFIX}/auth/login`,
    {
      config: {
        rateLimit: {
          max: rateLimit.max,
          timeWindow: rateLimit.timeWindowMs,
          // Per address and username: one noisy clerk does not lock out the whole office.
          keyGenerator: (req) => {
            const body = req.body as { username?: unknown } | null;
            const name = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
            return `${req.ip}|${name}`;
          },
        },
      },
    },
    async (request) => {
      const body = parseOr400(loginRequestSchema, request.body);
      const found = await findUserForLogin(ctx.db, body.username);
      const ok = await verifyPassword(body.password, found?.passwordHash ?? null);
      if (!found || !ok || found.disabled) {
        // Every failed attempt is in the audit log with the name tried and the address.
        await audit(ctx.db, {
          kind: 'auth.login_failed',
          actor: found ? { id: found.id, displayName: found.displayName } : null,
          subject: body.username,
          address: request.ip,
          data: { reason: !found || !ok ? 'invalid_credentials' : 'account_disabled' },
        });
        // Only someone who knows the password learns that the account is disabled.
        if (found && ok) throw new ApiError(403, 'account_disabled', 'Account is disabled');
        throw new ApiError(401, 'invalid_credentials', 'Wrong username or password');
      }
      const { passwordHash: _hash, disabled: _disabled, ...user } = found;
      return ctx.db.tx(async (q) => {
        await audit(q, { kind: 'auth.login', actor: user, subject: user.username, address: request.ip });
        return session(ctx, user, await createRefreshToken(q, user.id));
      });
    },
  );

  app.post(`${API_PREFIX}/auth/refresh`, async (request) => {
    const body = parseOr400(refreshRequestSchema, request.body);
    const { user, refreshToken } = await ctx.db.tx(async (q) => {
      const userId = await consumeRefreshToken(q, body.refreshToken);
      const found = await findUserWithState(q, userId);
      if (!found) throw new ApiError(401, 'unauthorized', 'User no longer exists');
      if (found.disabled) throw new ApiError(401, 'account_disabled', 'Account is disabled');
      return { user: found.user, refreshToken: await createRefreshToken(q, found.user.id) };
    });
    return session(ctx, user, refreshToken);
  });

  app.get(`${API_PREFIX}/me`, async (request) => {
    const { within: _within, ...user } = await authenticate(ctx, request);
    return user;
  });
}
