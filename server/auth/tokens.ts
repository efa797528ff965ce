import { createHash, createHmac, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Db, Queryable } from '../db/types';
import { ApiError } from '../errors';
import { TICKET_TTL_SECONDS, type TicketPurpose } from '../../shared/tickets';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_DAYS = 30;
const ISSUER = 'otklik';
/** A ticket's audience: an access token has none, so neither can pass for the other. */
const ticketAudience = (purpose: TicketPurpose) => `otklik:ticket:${purpose}`;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A setting created once (first start) and then kept; safe when several processes start at once. */
export async function ensureSetting(q: Queryable, key: string, make: () => string): Promise<string> {
  await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, make()]);
  const res = await q.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
  const value = res.rows[0]?.value;
  if (value === undefined) throw new Error(`setting ${key} is missing`);
  return value;
}

export class AccessTokens {
  private constructor(
    private readonly secret: Uint8Array,
    readonly ttlSeconds: number,
  ) {}

  static async load(db: Db, ttlSeconds = ACCESS_TOKEN_TTL_SECONDS): Promise<AccessTokens> {
    const secret = await ensureSetting(db, 'jwt_secret', () => randomToken(48));
    return new AccessTokens(new TextEncoder().encode(secret), ttlSeconds);
  }

  /** An access token of a user, bound to the session (sign-in) it was issued in. */
  sign(userId: string, sessionId?: string): Promise<string> {
    return new SignJWT(sessionId ? { sid: sessionId } : {})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.secret);
  }

  /** The user id the token was issued to, and its session; 401 unauthorized / token_expired otherwise. */
  async verify(token: string): Promise<{ userId: string; sessionId: string | null }> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { issuer: ISSUER, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new ApiError(401, 'unauthorized', 'Invalid token');
      // A ticket is signed with the same key; it opens one resource, never the API.
      if (payload.aud !== undefined) throw new ApiError(401, 'unauthorized', 'Invalid token');
      return { userId: payload.sub, sessionId: typeof payload.sid === 'string' ? payload.sid : null };
    } catch (e) {
      if (e instanceof ApiError) throw e;
      if (e instanceof errors.JWTExpired) throw new ApiError(401, 'token_expired', 'Access token has expired');
      throw new ApiError(401, 'unauthorized', 'Invalid token');
    }
  }

  /**
   * The refresh token that succeeds this one. Derived rather than drawn, so a refresh sent twice
   * (a lost answer retried, a request a proxy delivered twice) answers both times with the same
   * successor: whichever answer reaches the workstation holds a live token. Nobody without the
   * server's key can compute it from a stolen token.
   */
  refreshSuccessor(refreshToken: string): string {
    return createHmac('sha256', this.secret).update(`refresh-successor\0${refreshToken}`).digest('base64url');
  }

  /** A ticket for one request a browser sends without headers (see shared/tickets.ts). */
  async signTicket(userId: string, sessionId: string | null, purpose: TicketPurpose, resource: string): Promise<{ ticket: string; expiresAt: string }> {
    const expires = Math.floor(Date.now() / 1000) + TICKET_TTL_SECONDS;
    const ticket = await new SignJWT({ ...(sessionId ? { sid: sessionId } : {}), r: resource })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(ticketAudience(purpose))
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(this.secret);
    return { ticket, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** The person a ticket was issued to, if it is for this purpose and this resource and still fresh. */
  async verifyTicket(ticket: string, purpose: TicketPurpose, resource: string): Promise<{ userId: string; sessionId: string | null }> {
    try {
      const { payload } = await jwtVerify(ticket, this.secret, { issuer: ISSUER, audience: ticketAudience(purpose), algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || payload.sub === '' || payload.r !== resource) throw new ApiError(401, 'unauthorized', 'Invalid ticket');
      return { userId: payload.sub, sessionId: typeof payload.sid === 'string' ? payload.sid : null };
    } catch (e) {
      if (e instanceof ApiError) throw e;
      if (e instanceof errors.JWTExpired) throw new ApiError(401, 'token_expired', 'Ticket has expired');
      throw new ApiError(401, 'unauthorized', 'Invalid ticket');
    }
  }
}
