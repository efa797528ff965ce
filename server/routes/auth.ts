import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { User } from '../../shared/domain';
import { API_PREFIX, loginRequestSchema, refreshRequestSchema, type LoginResponse } from '../../shared/protocol';
import { authenticate } from '../auth/guard';
import { bearer } from '../auth/integration';
import { TICKET_PATH, ticketRequestSchema, ticketResource } from '../../shared/tickets';
import { verifyPassword } from '../auth/passwords';
import { clearLoginFailures, DEFAULT_ACCOUNT_LOCKOUT, lockedUntil, recordLoginFailure, type AccountLockout } from '../auth/lockout';
import { rotateRefreshToken, startSession, type SessionInfo } from '../auth/sessions';
import { cleanText } from '../../shared/text';
import type { ServerContext } from '../context';
import { ApiError, parseOr400 } from '../errors';
import { findUserForLogin, findUserWithState } from '../repo/users';
import { audit } from '../audit/log';

export interface LoginRateLimit {
  max: number;
  timeWindowMs: number;
}

async function session(ctx: ServerContext, user: User, sessionId: string, refreshToken: string): Promise<LoginResponse> {
  return { accessToken: await ctx.tokens.sign(user.id, sessionId), refreshToken, expiresIn: ctx.tokens.ttlSeconds, user };
}

function sessionInfo(request: FastifyRequest): SessionInfo {
  const ua = request.headers['user-agent'];
  // A header is a person's label here: cleaned like any other text before it is stored.
  return { userAgent: typeof ua === 'string' ? cleanText(ua) : null, address: request.ip };
}

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext, rateLimit: LoginRateLimit, lockout: AccountLockout = DEFAULT_ACCOUNT_LOCKOUT): void {
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
      const until = found ? await lockedUntil(ctx.db, found.id, lockout) : null;
      if (until) {
        await audit(ctx.db, {
          kind: 'auth.login_failed',
          actor: found ? { id: found.id, displayName: found.displayName } : null,
          subject: body.username,
          address: request.ip,
          data: { reason: 'account_locked' },
        });
        throw new ApiError(423, 'account_locked', 'Too many failed sign-ins; the account is locked for a while', { lockedUntil: until.toISOString() });
      }
      const ok = await verifyPassword(body.password, found?.passwordHash ?? null);
      if (found && !ok) {
        await recordLoginFailure(ctx.db, found.id, lockout);
        // The failure that locks the account says so at once (the person learns when to come back).
        const nowLocked = await lockedUntil(ctx.db, found.id, lockout);
        if (nowLocked) throw new ApiError(423, 'account_locked', 'Too many failed sign-ins; the account is locked for a while', { lockedUntil: nowLocked.toISOString() });
      }
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
        await clearLoginFailures(q, user.id);
        const started = await startSession(q, user.id, sessionInfo(request));
        return session(ctx, user, started.sessionId, started.refreshToken);
      });
    },
  );

  app.post(`${API_PREFIX}/auth/refresh`, async (request) => {
    const body = parseOr400(refreshRequestSchema, request.body);
    // An ended session is committed even though the request is refused: a reused token ends it for good.
    const outcome = await ctx.db.tx(async (q) => {
      try {
        return { ok: await rotateRefreshToken(q, body.refreshToken, sessionInfo(request), (t) => ctx.tokens.refreshSuccessor(t)) };
      } catch (error) {
        if (error instanceof ApiError) return { error };
        throw error;
      }
    });
    if ('error' in outcome) throw outcome.error;
    const { userId, sessionId, refreshToken } = outcome.ok;
    const found = await findUserWithState(ctx.db, userId);
    if (!found) throw new ApiError(401, 'unauthorized', 'User no longer exists');
    if (found.disabled) throw new ApiError(401, 'account_disabled', 'Account is disabled');
    return session(ctx, found.user, sessionId, refreshToken);
  });

  // A ticket for one <img> or the live channel, which a browser requests without headers.
  app.post(`${API_PREFIX}${TICKET_PATH}`, async (request) => {
    const user = await authenticate(ctx, request);
    const input = parseOr400(ticketRequestSchema, request.body);
    const { sessionId } = await ctx.tokens.verify(bearer(request.headers.authorization)!);
    return ctx.tokens.signTicket(user.id, sessionId, input.purpose, ticketResource(input));
  });

  app.get(`${API_PREFIX}/me`, async (request) => {
    const { within: _within, ...user } = await authenticate(ctx, request);
    return user;
  });
}
