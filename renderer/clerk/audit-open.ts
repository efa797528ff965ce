import type { SyncClient } from '../sync';

// Per sign-in (the session object the login made), the appeals already recorded as opened.
const opened = new WeakMap<object, Set<string>>();

/**
 * The audit log learns who opened which appeal's personal data: the first open of each appeal
 * after each sign-in goes into the outbox (offline too) and reaches the server with the next push.
 * Later opens in the same session are not recorded again.
 */
export function recordFirstOpen(client: SyncClient, signIn: object, appealId: string): void {
  let seen = opened.get(signIn);
  if (!seen) opened.set(signIn, (seen = new Set()));
  if (seen.has(appealId)) return;
  seen.add(appealId);
  client
    .enqueue({ id: crypto.randomUUID(), name: 'audit.appealOpened', args: { appealId, openedAt: new Date().toISOString() } })
    .catch(() => seen.delete(appealId));
}
