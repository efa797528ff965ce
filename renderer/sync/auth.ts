import type { StoredSession } from '../../shared/bridge';
import { ApiError, type Api } from './api';

/** The refresh token was refused: the person must log in again (the outbox and drafts stay). */
export class SessionExpiredError extends Error {
  constructor(readonly reason: ExpiryReason = 'unauthorized') {
    super('Session expired');
    this.name = 'SessionExpiredError';
  }
}

/** An administrator disabled the account: no refresh can help; the session ends at once. */
export function isAccountDisabled(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'account_disabled';
}

export function isAuthFailure(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && (error.code === 'token_expired' || error.code === 'unauthorized');
}

/** Why the session ended: it ran out, or an administrator disabled the account. */
export type ExpiryReason = 'unauthorized' | 'account_disabled';

export interface AuthHooks {
  /** New tokens: keep them (through the bridge) so a restart stays logged in. */
  onRefreshed(session: StoredSession): Promise<void> | void;
  onExpired(reason: ExpiryReason): void;
  /**
   * The session as last saved, when several pages share one store (browser tabs share
   * localStorage). Refresh tokens rotate and a spent one reused ends the sign-in, so a tab whose
   * sibling already rotated the shared session takes the sibling's tokens instead of spending its own.
   */
  loadSaved?(): Promise<StoredSession | null> | StoredSession | null;
}

/**
 * Holds the tokens and makes authorised calls. On a 401 it refreshes once (one refresh shared by
 * concurrent callers) and retries; when the refresh itself gets a 401 the session is over.
 */
export class AuthSession {
  private refreshing: Promise<void> | null = null;
  private expired = false;
  private reason: ExpiryReason = 'unauthorized';

  constructor(
    private readonly api: Api,
    private current: StoredSession,
    private readonly hooks: AuthHooks,
  ) {}

  get session(): StoredSession {
    return this.current;
  }

  get isExpired(): boolean {
    return this.expired;
  }

  /** After the person logged in again. */
  replace(session: StoredSession): void {
    this.current = session;
    this.expired = false;
    this.reason = 'unauthorized';
  }

  async call<T>(fn: (accessToken: string) => Promise<T>): Promise<T> {
    if (this.expired) throw new SessionExpiredError(this.reason);
    const token = this.current.accessToken;
    try {
      return await fn(token);
    } catch (error) {
      if (isAccountDisabled(error)) {
        this.expire('account_disabled');
        throw new SessionExpiredError(this.reason);
      }
      if (!isAuthFailure(error)) throw error;
      // Someone else may have refreshed while this call was in flight.
      if (this.current.accessToken === token) await this.refresh();
      try {
        return await fn(this.current.accessToken);
      } catch (retryError) {
        const ended = isAuthFailure(retryError) || isAccountDisabled(retryError);
        if (ended) this.expire(isAccountDisabled(retryError) ? 'account_disabled' : 'unauthorized');
        throw ended ? new SessionExpiredError(this.reason) : retryError;
      }
    }
  }

  /** Refreshes the tokens now; rejects with SessionExpiredError when the server refuses. */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    if (this.expired) throw new SessionExpiredError(this.reason);
    const saved = await Promise.resolve(this.hooks.loadSaved?.()).catch(() => null);
    if (
      saved &&
      saved.user.id === this.current.user.id &&
      saved.serverUrl === this.current.serverUrl &&
      saved.refreshToken !== this.current.refreshToken &&
      saved.accessToken !== this.current.accessToken
    ) {
      this.current = { ...this.current, accessToken: saved.accessToken, refreshToken: saved.refreshToken };
      return;
    }
    try {
      const result = await this.api.refresh(this.current.refreshToken);
      this.current = {
        ...this.current,
        accessToken: result.accessToken,
        refreshToken: result.refreshToken,
        user: result.user ?? this.current.user,
      };
    } catch (error) {
      if (error instanceof ApiError && [400, 401, 403].includes(error.status)) {
        this.expire(isAccountDisabled(error) ? 'account_disabled' : 'unauthorized');
        throw new SessionExpiredError(this.reason);
      }
      throw error;
    }
    await this.hooks.onRefreshed(this.current);
  }

  private expire(reason: ExpiryReason): void {
    if (this.expired) return;
    this.expired = true;
    this.reason = reason;
    this.hooks.onExpired(reason);
  }
}
