import type { FastifyInstance } from 'fastify';
import type { User } from '../../shared/domain';
import { API_PREFIX, loginRequestSchema, refreshRequestSchema, type LoginResponse } from '../../shared/protocol';
import { authenticate } from '../auth/guard';
import { verifyPassword } from '../auth/passwords';
import { consumeRefreshToken, createRefreshToken } from '../auth/tokens';
import type { ServerContext } from '../context';
import { ApiError, parseOr400 } from '../errors';
import { findUserById, findUserForLogin } from '../repo/users';

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
      if (!found || !ok) throw new ApiError(401, 'invalid_credentials', 'Wrong username or password');
      const { passwordHash: _hash, ...user } = found;
      return session(ctx, user, await createRefreshToken(ctx.db, user.id));
    },
  );

  app.post(`${API_PREFIX}/auth/refresh`, async (request) => {
    const body = parseOr400(refreshRequestSchema, request.body);
    const { user, refreshToken } = await ctx.db.tx(async (q) => {
      const userId = await consumeRefreshToken(q, body.refreshToken);
      const u = await findUserById(q, userId);
      if (!u) throw new ApiError(401, 'unauthorized', 'User no longer exists');
      return { user: u, refreshToken: await createRefreshToken(q, u.id) };
    });
    return session(ctx, user, refreshToken);
  });

  app.get(`${API_PREFIX}/me`, async (request) => authenticate(ctx, request));
}
