import { describe, expect, it } from 'vitest';
import type { StoredSession } from '../../shared/bridge';
import { ApiError, type Api } from './api';
import { AuthSession } from './auth';

const user = { id: 'u-1', username: 'clerk', displayName: 'Клерк', role: 'clerk' as const, municipalityId: 'maykop' };
const start: StoredSession = { user, accessToken: 'a-0', refreshToken: 'r-0', serverUrl: 'http://server' };

/** A server that rotates refresh tokens and refuses a spent one (as /auth/refresh does). */
function rotatingApi() {
  let live = 'r-0';
  let n = 0;
  const calls: string[] = [];
  const api = {
    serverUrl: 'http://server',
    async refresh(token: string) {
      calls.push(token);
      if (token !== live) throw new ApiError(401, 'unauthorized', 'spent');
      n++;
      live = `r-${n}`;
      return { accessToken: `a-${n}`, refreshToken: live, user };
    },
  } as unknown as Api;
  return { api, calls };
}

describe('AuthSession with rotating refresh tokens shared by two tabs', () => {
  it('a tab whose sibling already rotated the saved session takes its tokens instead of spending its own again', async () => {
    const { api, calls } = rotatingApi();
    let saved: StoredSession = start;
    const hooks = (onExpired: () => void) => ({
      onRefreshed: (s: StoredSession) => {
        saved = s;
      },
      onExpired,
      loadSaved: () => saved,
    });
    let expired = 0;
    const tabA = new AuthSession(api, start, hooks(() => expired++));
    const tabB = new AuthSession(api, start, hooks(() => expired++));
    await tabA.refresh();
    expect(tabA.session.refreshToken).toBe('r-1');
    await tabB.refresh();
    expect(tabB.session).toMatchObject({ accessToken: 'a-1', refreshToken: 'r-1' });
    // Both tabs go on rotating the one family, each from the latest token.
    await tabB.refresh();
    await tabA.refresh();
    expect(calls).toEqual(['r-0', 'r-1']);
    expect(tabA.session.refreshToken).toBe('r-2');
    expect(expired).toBe(0);
  });

  it('without a shared store a spent token is refused and the session ends (the person signs in again)', async () => {
    const { api } = rotatingApi();
    let expired = 0;
    const tabA = new AuthSession(api, start, { onRefreshed: () => undefined, onExpired: () => expired++ });
    const tabB = new AuthSession(api, start, { onRefreshed: () => undefined, onExpired: () => expired++ });
    await tabA.refresh();
    await expect(tabB.refresh()).rejects.toThrow();
    expect(expired).toBe(1);
  });
});
