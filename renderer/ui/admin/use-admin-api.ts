import { useCallback } from 'react';
import { ADMIN_PREFIX } from '../../../shared/admin';
import { ApiError, type ApiMethod } from '../../sync/api';
import { errorMessage } from '../../i18n';
import { useCurrent } from '../hooks/use-current';

export type AdminCall = <T>(method: ApiMethod, path: string, body?: unknown) => Promise<T>;

/**
 * Calls /api/v1/admin/* with the session's token (refreshed as every call is). The console works
 * online only: its data is the server's, not the replica's.
 */
export function useAdminApi(): AdminCall {
  const { client } = useCurrent();
  return useCallback(
    <T,>(method: ApiMethod, path: string, body?: unknown) =>
      client.auth.call((token) => client.api.call(token, method, `${ADMIN_PREFIX}${path}`, body)) as Promise<T>,
    [client],
  );
}

/** The Russian sentence for a failed console call; `specific` maps codes to this screen's own words. */
export function adminErrorText(error: unknown, specific: Partial<Record<string, string>> = {}): string {
  const code = error instanceof ApiError ? error.code : error instanceof Error && error.name === 'NetworkError' ? 'network_console' : 'unknown';
  return specific[code] ?? errorMessage(code);
}
